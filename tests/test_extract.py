"""Extraction rule families: states, numbers and qualifiers, years, lists, events, claims.

Each family has cases that must match and cases that must not. Texts are
wrapped in a minimal bulletin (dateline, number, a program marker) so the
program gate and relative years behave as in real bulletins.
"""

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest_bytes

PROGRAM = "El proyecto Gobierno Abierto: Cocreación desde lo Local continúa."


def bulletin(body: str, date: str = "2 de enero de 2018", place: str = "Ciudad de México", program: bool = True):
    text = f"{place}, a {date}\nINAI/001/18\n\nTITULAR DEL COMUNICADO\n\n{body}\n"
    if program:
        text += f"\n{PROGRAM}\n"
    doc = ingest_bytes(text.encode("utf-8"), "t.txt", "txt")
    return doc, extract(doc)


def states(body, **kw):
    doc, x = bulletin(body, **kw)
    for m in x.mentions:
        assert doc.text[m.start : m.end] == m.surface
    return [(m.surface, m.value) for m in x.mentions if m.kind == "state" and m.role == "body"]


def counts(body, **kw):
    _, x = bulletin(body, **kw)
    return [(m.value, m.qualifier, m.unit, m.metric) for m in x.mentions if m.kind == "count"]


def years(body, **kw):
    _, x = bulletin(body, **kw)
    return [(m.surface, m.value) for m in x.mentions if m.kind == "year"]


def events(body, **kw):
    _, x = bulletin(body, **kw)
    return sorted((e.state, e.event, e.year) for e in x.events)


def claims(body, **kw):
    _, x = bulletin(body, **kw)
    return sorted((c.metric, c.value, c.qualifier, c.state) for c in x.claims)


# -- states ------------------------------------------------------------------


@pytest.mark.parametrize(
    "written,code",
    [
        ("Coahuila de Zaragoza", "05"),
        ("Coahuila", "05"),
        ("Edomex", "15"),
        ("Estado de México", "15"),
        ("el estado de México", "15"),
        ("CDMX", "09"),
        ("Ciudad de México", "09"),
        ("Distrito Federal", "09"),
        ("D.F.", "09"),
        ("NUEVO LEÓN", "19"),
        ("Nuevo Leon", "19"),
        ("nuevo león", "19"),
        ("NL", "19"),
        ("Michoacán de Ocampo", "16"),
        ("Michoacan", "16"),
        ("Veracruz de Ignacio de la Llave", "30"),
        ("Querétaro de Arteaga", "22"),
        ("Queretaro", "22"),
        ("SAN LUIS POTOSI", "24"),
        ("Yucatan", "31"),
        ("Baja California Sur", "03"),
        ("Baja California", "02"),
        ("Quintana Roo", "23"),
        ("Q. Roo", "23"),
    ],
)
def test_state_variants_normalize_to_inegi_codes(written, code):
    found = states(f"Participan representantes de {written} en la reunión.")
    assert len(found) == 1 and found[0][1] == code


@pytest.mark.parametrize(
    "text",
    [
        "El INAI informó que México avanza en transparencia.",
        "La alcaldía Miguel Hidalgo organizó un foro.",
        "El Golfo de México y Nuevo México no son entidades.",
        "Se presentó el informe nl del periodo.",
        "Se visitó la ciudad de Hidalgo del Parral.",
    ],
)
def test_not_states(text):
    assert states(text) == []


def test_longest_name_wins_and_is_one_mention():
    assert states("Baja California Sur y Veracruz de Ignacio de la Llave.") == [
        ("Baja California Sur", "03"),
        ("Veracruz de Ignacio de la Llave", "30"),
    ]


def test_dateline_place_is_not_a_body_mention():
    doc, x = bulletin(
        "El Secretariado Técnico Local de Michoacán sesionó.",
        place="Morelia, Michoacán",
        date="7 de septiembre de 2016",
    )
    roles = sorted((m.value, m.role) for m in x.mentions if m.kind == "state")
    assert roles == [("16", "body"), ("16", "dateline")]


def test_nfd_text_matches_like_nfc():
    assert states("Participa Nuevo Leo\u0301n.") == [("Nuevo León", "19")]


# -- numbers and qualifiers --------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("Asistieron 1,250 personas.", 1250),
        ("Asistieron mil 200 personas.", 1200),
        ("Se entregaron 300 mil pesos.", 300000),
        ("Participan veintiséis entidades.", 26),
        ("Suman sesenta y dos compromisos.", 62),
        ("Suman dieciseis compromisos.", 16),
        ("ONCE SECRETARIADOS TÉCNICOS LOCALES", 11),
        ("Se recibieron 1.5 millones de solicitudes.", 1500000),
        ("Asistieron más de mil 800 personas.", 1800),
        ("Operan cien comités.", 100),
    ],
)
def test_number_values(text, value):
    assert [c[0] for c in counts(text)] == [value]


@pytest.mark.parametrize(
    "phrase,qualifier",
    [
        ("más de", "more_than"),
        ("Más de", "more_than"),
        ("al menos", "at_least"),
        ("por lo menos", "at_least"),
        ("alrededor de", "approx"),
        ("cerca de", "approx"),
        ("aproximadamente", "approx"),
        ("casi", "approx"),
        ("menos de", "less_than"),
        ("hasta", "at_most"),
        ("", "exact"),
    ],
)
def test_qualifiers(phrase, qualifier):
    found = counts(f"Colaboran {phrase} 120 organizaciones de la sociedad civil.")
    assert found == [(120, qualifier, "organizaciones de la sociedad civil", "csos_participating")]


@pytest.mark.parametrize(
    "text",
    [
        "Se instaló un Secretariado Técnico Local.",
        "El Segundo Plan de Acción fue presentado.",
        "El 15% de los sujetos obligados cumplió.",
        "Conforme al artículo 6 constitucional.",
        "Véase el comunicado INAI/002/18.",
        "El foro fue el 2 de enero de 2018.",
        "En 2016 hubo avances.",
        "Del 22 al 28 de enero se realizan actividades.",
        "Con base en el Convenio 108 del Consejo de Europa.",
    ],
)
def test_not_counts(text):
    assert counts(text) == []


def test_counted_noun_and_metric_binding():
    found = counts(
        "Participan 26 entidades federativas, 80 autoridades, 16 Secretariados Técnicos Locales, "
        "10 Planes de Acción Local y 62 compromisos puntuales; se realizaron 35 foros."
    )
    assert found == [
        (26, "exact", "entidades federativas", "states_participating"),
        (80, "exact", "autoridades", "authorities_participating"),
        (16, "exact", "Secretariados Técnicos Locales", "stl_installed"),
        (10, "exact", "Planes de Acción Local", "plans_published"),
        (62, "exact", "compromisos puntuales", "commitments"),
        (35, "exact", "foros", None),
    ]


def test_no_metric_outside_program_bulletins():
    assert counts("Más de 40 organizaciones de la sociedad civil colaboran.", program=False) == [
        (40, "more_than", "organizaciones de la sociedad civil", None)
    ]


# -- years -------------------------------------------------------------------


def test_years_and_relative_years():
    found = years(
        "En 2015 se creó; el año pasado creció y este año, y el presente año, se consolida.", date="9 de junio de 2016"
    )
    assert found == [("2015", 2015), ("el año pasado", 2015), ("este año", 2016), ("el presente año", 2016)]


@pytest.mark.parametrize(
    "text",
    [
        "Se recibieron 1,998 solicitudes.",
        "Asistieron 2000 personas.",
        "Se registraron más de 2010 quejas.",
        "La ley entró en vigor el 27 de enero de 2017.",
        "Véase INAI/002/18.",
        "Hubo 1985 casos en 1985 personas.",
    ],
)
def test_not_years(text):
    assert years(text) == []


def test_full_dates_and_dates_without_year():
    _, x = bulletin(
        "La ley entró en vigor el 27 de enero de 2017 y se publicó el pasado 31 de agosto.",
        date="12 de octubre de 2017",
    )
    assert [(m.surface, m.value) for m in x.mentions if m.kind == "date"][1:] == [
        ("27 de enero de 2017", "2017-01-27"),
        ("31 de agosto", "2017-08-31"),
    ]


# -- lists and events --------------------------------------------------------


def test_list_with_commas_y_and_e():
    assert events("En 2016 se sumaron Sonora, Sinaloa, Veracruz e Hidalgo y Campeche.") == [
        ("04", "joined", 2016),
        ("13", "joined", 2016),
        ("25", "joined", 2016),
        ("26", "joined", 2016),
        ("30", "joined", 2016),
    ]


def test_semicolons_and_years_per_group():
    assert events("En 2015 se incorporaron Morelos e Hidalgo; en 2016, Sonora, y en 2017, Puebla.") == [
        ("13", "joined", 2015),
        ("17", "joined", 2015),
        ("21", "joined", 2017),
        ("26", "joined", 2016),
    ]


def test_year_after_each_group():
    assert events(
        "Se han instalado cuatro Secretariados Técnicos Locales: los de Morelos y Durango, en 2015, "
        "y los de Oaxaca y Tlaxcala, en 2016.",
        date="9 de junio de 2016",
    ) == [
        ("10", "stl_installed", 2015),
        ("17", "stl_installed", 2015),
        ("20", "stl_installed", 2016),
        ("29", "stl_installed", 2016),
    ]


def test_continuation_from_the_previous_sentence():
    assert events("En 2015 se sumaron Morelos y Durango. En 2016, hicieron lo propio Sonora y Sinaloa.") == [
        ("10", "joined", 2015),
        ("17", "joined", 2015),
        ("25", "joined", 2016),
        ("26", "joined", 2016),
    ]


def test_state_as_subject_of_the_sentence():
    assert events("El Secretariado Técnico Local de Chihuahua quedó instalado en 2017.") == [
        ("08", "stl_installed", 2017)
    ]
    assert events("Chiapas publicó su Plan de Acción Local en marzo de 2017.") == [("07", "plan_published", 2017)]


def test_relative_years_in_events():
    assert events("El año pasado se sumaron Colima y Nayarit.", date="3 de marzo de 2019") == [
        ("06", "joined", 2018),
        ("18", "joined", 2018),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Se prevé instalar el Secretariado Técnico Local de Puebla.",
        "Para 2019 se prevé que Morelos y Durango presenten sus Planes de Acción Local.",
        "Aguascalientes y Tamaulipas aún no se incorporan al proyecto.",
        "Sonora instaló una mesa de trabajo con Sinaloa.",
        "Representantes de Oaxaca y Tabasco asistieron al encuentro.",
        "En 2019 se sumarán Puebla y Colima.",
        "Puebla y Jalisco están invitados a sumarse al proyecto.",
    ],
)
def test_not_events(text):
    assert events(text) == []


def test_no_events_outside_program_bulletins():
    assert events("A la jornada se sumaron los organismos garantes de Puebla y Yucatán.", program=False) == []


def test_one_event_per_state_keeps_the_year():
    assert events(
        "A la fecha operan Secretariados Técnicos Locales en Sonora y Jalisco. "
        "Sonora instaló su Secretariado Técnico Local en 2017.",
        date="20 de abril de 2017",
    ) == [("14", "stl_installed", None), ("26", "stl_installed", 2017)]


# -- claims ------------------------------------------------------------------


def test_per_state_figure():
    assert claims("El Plan de Acción Local de Durango incluye siete compromisos sobre obra pública.") == [
        ("commitments", 7, "exact", "10")
    ]


def test_a_figure_repeated_in_headline_bullet_and_body_is_one_claim():
    found = claims(
        "- Trece entidades federativas participan\n\nA la fecha, 13 entidades federativas participan.",
        date="3 de diciembre de 2015",
    )
    assert found == [("states_participating", 13, "exact", None)]


def test_increments_are_not_cumulative_claims():
    assert claims("En 2016 se sumaron cinco estados más al proyecto.", date="9 de junio de 2016") == []


def test_claim_span_and_evidence_are_exact():
    doc, x = bulletin("Asimismo, a la fecha se han instalado 16 Secretariados Técnicos Locales en Morelos y Durango.")
    (claim,) = x.claims
    assert doc.text[claim.start : claim.end] == "16"
    assert doc.text[claim.evidence_start : claim.evidence_end] == claim.evidence
    assert claim.evidence.startswith("Asimismo") and claim.listed_states == 2


# -- figures restated in other words (news texts) ----------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Hasta ahora, 26 entidades del país se han sumado a la iniciativa.",
            [("states_participating", 26, "exact", None)],
        ),
        ("Ya son 30 las entidades federativas que participan.", [("states_participating", 30, "exact", None)]),
        ("Participan 26 de las 32 entidades federativas.", [("states_participating", 26, "exact", None)]),
        (
            "Colaboran más de un centenar de organizaciones de la sociedad civil.",
            [("csos_participating", 100, "more_than", None)],
        ),
        ("Colaboran dos decenas de organizaciones civiles.", [("csos_participating", 20, "approx", None)]),
        ("La cifra de Secretariados Técnicos Locales instalados llegó a 24.", [("stl_installed", 24, "exact", None)]),
        (
            "Se han conformado 16 secretariados técnicos locales y diez planes de acción locales con un total de 62 compromisos.",
            [
                ("commitments", 62, "exact", None),
                ("plans_published", 10, "exact", None),
                ("stl_installed", 16, "exact", None),
            ],
        ),
        (
            "Participan 80 autoridades locales y más de 120 OSC.",
            [("authorities_participating", 80, "exact", None), ("csos_participating", 120, "more_than", None)],
        ),
        # A figure standing for states it leaves out, the subject of what they did or have
        (
            "Participan 30 entidades; de ellas, 25 cuentan ya con su Plan de Acción Local.",
            [("plans_published", 25, "exact", None), ("states_participating", 30, "exact", None)],
        ),
        ("Del total, 28 ya instalaron su Secretariado Técnico Local.", [("stl_installed", 28, "exact", None)]),
        ("En 28 de ellas ya funciona un Secretariado Técnico Local.", [("stl_installed", 28, "exact", None)]),
        ("Veinticinco han presentado su Plan de Acción Local.", [("plans_published", 25, "exact", None)]),
    ],
)
def test_figures_restated_in_other_words(text, expected):
    assert claims(text, date="9 de mayo de 2019") == expected


@pytest.mark.parametrize(
    "text",
    [
        "En 2016 se sumaron cinco entidades: Sonora, Sinaloa, Nuevo León, Campeche y la Ciudad de México.",
        "Se sumaron otros tres estados: Colima, Yucatán y Nayarit.",
        "Se instalaron cuatro nuevos Secretariados Técnicos Locales.",
    ],
)
def test_additions_are_not_running_totals(text):
    assert claims(text, date="9 de mayo de 2019") == []


def test_events_restated_in_other_words():
    assert events("Morelos, Durango y Oaxaca fueron los primeros estados en sumarse, en 2015.") == [
        ("10", "joined", 2015),
        ("17", "joined", 2015),
        ("20", "joined", 2015),
    ]
    assert events("Tabasco y Zacatecas ya tienen Plan de Acción Local.") == [
        ("27", "plan_published", None),
        ("32", "plan_published", None),
    ]
    assert events("El STL de Morelos fue instalado en junio de 2015.") == [("17", "stl_installed", 2015)]
    assert events("Puebla y Tlaxcala buscan sumarse al proyecto.") == []


def test_a_running_total_in_a_dated_joining_sentence_is_a_claim():
    assert claims(
        "En 2018 se sumaron Colima, Yucatán y Nayarit, con lo que suman 28 entidades federativas.",
        date="16 de agosto de 2018",
    ) == [("states_participating", 28, "exact", None)]
    assert claims("Cinco entidades se sumaron en 2016 al proyecto.", date="9 de junio de 2016") == []


def test_figures_about_several_states_or_the_whole_country_are_not_program_figures():
    assert claims("Los Planes de Acción Local de Sonora y Sinaloa suman 12 compromisos.") == []
    assert claims("De las 32 entidades federativas del país, 30 participan en el proyecto.") == []
    assert claims("Los 32 estados del país están invitados a sumarse al proyecto.") == []
    assert (
        claims("México es fundador de la Alianza; su plan de acción nacional 2013-2015 incluyó 26 compromisos.") == []
    )
    assert claims("El Plan de Acción Local de Tlaxcala se presentó el 25 de marzo.") == []
    assert claims("El Secretariado Técnico Local de Jalisco reúne a 15 organizaciones de la sociedad civil.") == [
        ("csos_participating", 15, "exact", "14")
    ]
    assert claims(
        "Se han publicado 10 Planes de Acción Local en los estados de Morelos y Durango, que contienen 62 compromisos."
    ) == [("commitments", 62, "exact", None), ("plans_published", 10, "exact", None)]


# -- time words that date an event, as news texts write them -----------------


@pytest.mark.parametrize(
    "text,date,expected",
    [
        (
            "Quintana Roo firmó ayer la Declaratoria Conjunta de Gobierno Abierto.",
            "19 de mayo de 2017",
            [("23", "joined", 2017)],
        ),
        (
            "Nayarit firmó la Declaratoria Conjunta en octubre pasado.",
            "22 de febrero de 2019",
            [("18", "joined", 2018)],
        ),
        ("Chiapas presentó en marzo su Plan de Acción Local.", "10 de mayo de 2019", [("07", "plan_published", 2019)]),
        ("Colima se sumó el año pasado, en noviembre.", "10 de mayo de 2019", [("06", "joined", 2018)]),
        # an explicit year outranks a month named alone
        (
            "Tlaxcala presentó su Plan de Acción Local en febrero y Coahuila en marzo de 2016.",
            "20 de abril de 2017",
            [("05", "plan_published", 2016), ("29", "plan_published", 2016)],
        ),
    ],
)
def test_days_and_months_relative_to_the_bulletin_date(text, date, expected):
    assert events(text, date=date) == expected


def test_a_month_or_a_day_alone_is_not_a_year_mention():
    assert years("Chiapas presentó en marzo su Plan de Acción Local; Colima firmó ayer la Declaratoria.") == []


def test_a_verb_paired_with_its_object_anywhere_in_the_clause():
    assert events(
        "El Gobierno del Estado y el organismo garante de Colima firmaron este jueves, con el INAI, "
        "la Declaratoria Conjunta de Gobierno Abierto.",
        date="16 de marzo de 2018",
    ) == [("06", "joined", 2018)]
    assert events("El gobierno de Colima firmó un convenio de colaboración con el INAI.") == []


def test_a_clause_that_leaves_its_noun_out_borrows_the_previous_sentences():
    assert events(
        "A la fecha operan 23 Secretariados Técnicos Locales. El más reciente es el del Estado de México, "
        "instalado el pasado 24 de enero en Toluca.",
        date="22 de febrero de 2019",
    ) == [("15", "stl_installed", 2019)]
    assert events(
        "Son ya 20 los Secretariados Técnicos Locales. La Ciudad de México instaló el suyo el pasado 21 de junio.",
        date="16 de agosto de 2018",
    ) == [("09", "stl_installed", 2018)]
    assert events("La feria del libro más reciente es la de Tabasco. El recinto fue instalado en septiembre.") == []


def test_contrasts_and_y_comma_end_a_clause():
    assert events("Sonora se sumó en 2016, pero Tamaulipas aún no lo hace.") == [("26", "joined", 2016)]
    assert events(
        "Nuevo León instaló su Secretariado Técnico Local en 2016 y, al cierre de esta nota, "
        "todavía no publica su Plan de Acción Local."
    ) == [("19", "stl_installed", 2016)]


def test_a_year_in_another_states_relative_clause_is_not_taken():
    assert events(
        "Quintana Roo es la segunda entidad de la península en incorporarse a la iniciativa, después de "
        "Campeche, que se sumó en abril del año pasado.",
        date="19 de mayo de 2017",
    ) == [("04", "joined", 2016), ("23", "joined", None)]
    assert events("Se sumaron Sonora, Sinaloa y Campeche, que lo hicieron en 2016.") == [
        ("04", "joined", 2016),
        ("25", "joined", 2016),
        ("26", "joined", 2016),
    ]


def test_joining_named_by_a_noun():
    found = bulletin(
        "Con la adhesión de Colima y Yucatán, la cifra de entidades que participan en el proyecto "
        "Gobierno Abierto: Cocreación desde lo Local llegó a 28.",
        date="16 de agosto de 2018",
    )[1]
    assert sorted((e.state, e.event) for e in found.events) == [("06", "joined"), ("31", "joined")]
    assert [(c.metric, c.value) for c in found.claims] == [("states_participating", 28)]


@pytest.mark.parametrize(
    "text",
    ["Puerto Morelos y Cancún recibieron a los participantes.", "En la península de Yucatán se realizó el foro."],
)
def test_places_named_after_states_are_not_states(text):
    assert states(text) == []


# -- claims in other words ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Entre las seis entidades que todavía no se suman figuran Aguascalientes y Tamaulipas.",
        "Entre los seis estados de la frontera norte, solo Tamaulipas no participa todavía en el proyecto.",
        "La meta es llegar a 32 entidades federativas en 2020.",
        "Se prevé instalar cinco Secretariados Técnicos Locales más.",
    ],
)
def test_negated_and_intended_figures_are_not_claims(text):
    assert claims(text) == []


def test_a_contrast_keeps_the_figure_before_it():
    assert claims("Participan 26 entidades federativas, pero Aguascalientes aún no se suma.") == [
        ("states_participating", 26, "exact", None)
    ]


@pytest.mark.parametrize(
    "text,state",
    [
        ("Además, el Plan de Acción Local tabasqueño contiene cinco compromisos.", "27"),
        ("Chiapas presentó en marzo su Plan de Acción Local, con seis compromisos sobre salud.", "07"),
        (
            "Con seis compromisos enfocados en salud materna, las autoridades presentaron el Plan de Acción Local "
            "de Gobierno Abierto de Oaxaca.",
            "20",
        ),
    ],
)
def test_per_state_figures_in_other_words(text, state):
    assert claims(text) == [("commitments", int({"27": 5, "07": 6, "20": 6}[state]), "exact", state)]


def test_demonyms_scope_figures_but_are_not_mentions():
    assert states("El Plan de Acción Local tabasqueño contiene cinco compromisos.") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Sonora y Sinaloa presentaron su Plan de Acción Local, con 12 compromisos.", []),
        (
            "Chiapas presentó su Plan de Acción Local, con lo que suman 103 compromisos.",
            [("commitments", 103, "exact", None)],
        ),
        (
            "Ya se han publicado dos Planes de Acción Local, los de Morelos y Durango, que en conjunto suman 13 compromisos.",
            [("commitments", 13, "exact", None), ("plans_published", 2, "exact", None)],
        ),
    ],
)
def test_figures_of_several_states_are_the_programs_only_when_the_list_is_complete(text, expected):
    assert claims(text) == expected


def test_a_count_of_states_where_the_stl_exists():
    assert claims(
        "El siguiente paso será instalar el Secretariado Técnico Local, instancia que ya funciona en 17 estados del país."
    ) == [("stl_installed", 17, "exact", None)]
    assert claims("A la fecha, en 26 entidades federativas se impulsan ejercicios locales de Gobierno Abierto.") == [
        ("states_participating", 26, "exact", None)
    ]


def test_a_count_of_states_where_one_of_two_things_exists_counts_the_nearer():
    """A news report restating the figures: the clause names Secretariados and Plans; "en 18 entidades"
    counts where the nearer one exists, not the states taking part (there were more)."""
    assert claims(
        "De acuerdo con el INAI, en 18 entidades ya opera un Secretariado Técnico Local y 12 entidades "
        "publicaron su Plan de Acción Local."
    ) == [("plans_published", 12, "exact", None), ("stl_installed", 18, "exact", None)]
    assert claims("En 12 entidades ya hay un Plan de Acción Local y en 18 opera un Secretariado Técnico Local.") == [
        ("plans_published", 12, "exact", None),
        ("stl_installed", 18, "exact", None),
    ]


def test_a_count_of_states_with_their_noun_and_verb_left_out():
    assert claims("Dieciocho estados cuentan con Secretariado Técnico Local, y doce con Plan de Acción Local.") == [
        ("plans_published", 12, "exact", None),
        ("stl_installed", 18, "exact", None),
    ]
    assert claims("Veinte entidades cuentan con Secretariado Técnico Local, y cinco con su Plan de Acción Local.") == [
        ("plans_published", 5, "exact", None),
        ("stl_installed", 20, "exact", None),
    ]
    # "con" and something else than what a state has: not a count of states
    assert claims("Dieciocho estados cuentan con Secretariado Técnico Local, y doce con mesas de trabajo.") == [
        ("stl_installed", 18, "exact", None)
    ]


def test_a_total_reached_after_the_states_added():
    assert claims(
        "Durante 2017, el programa sumó siete nuevas entidades, para llegar a un total de veintiséis.",
        date="3 de enero de 2018",
    ) == [("states_participating", 26, "exact", None)]
    assert claims("En 2017 se incorporaron cinco estados, hasta llegar a 23.", date="3 de enero de 2018") == [
        ("states_participating", 23, "exact", None)
    ]


def test_the_nth_state_to_install_or_publish():
    assert events(
        "El estado de Tlaxcala se convirtió en la décima entidad en instalar su Secretariado Técnico Local.",
        date="5 de mayo de 2017",
    ) == [("29", "stl_installed", None)]
    assert events(
        "Colima fue el primer estado en presentar su Plan de Acción Local, en 2016.", date="5 de mayo de 2017"
    ) == [("06", "plan_published", 2016)]
    assert events("Tlaxcala está interesada en instalar su Secretariado Técnico Local.") == []


def test_negations_with_ni_and_a_negated_state_of_its_own():
    """A news report: "ni Jalisco ni Guanajuato han firmado" asserts nothing about them; "y Durango no
    instaló el suyo" negates Durango's verb, not Morelos's."""
    assert events(
        "Este año se sumaron Chiapas y Sonora. En cambio, ni Jalisco ni Guanajuato han firmado la Declaratoria.",
        date="20 de diciembre de 2016",
    ) == [("07", "joined", 2016), ("26", "joined", 2016)]
    assert events("En 2016 Sonora firmó la Declaratoria, pero ni Jalisco ni Guanajuato lo han hecho.") == [
        ("26", "joined", 2016)
    ]
    assert events("En 2017 Morelos instaló su Secretariado Técnico Local y Durango no instaló el suyo.") == [
        ("17", "stl_installed", 2017)
    ]
    assert events("En 2017 Morelos instaló su Secretariado Técnico Local y Durango aún no lo instala.") == [
        ("17", "stl_installed", 2017)
    ]
    # two states joined by "y" share the negation (both sentences are from the benchmark's bulletins)
    assert events(
        "Con la incorporación de Puebla, suman 30 las entidades federativas que participan en el proyecto; "
        "únicamente Aguascalientes y Tamaulipas no han firmado aún la Declaratoria.",
        date="7 de marzo de 2019",
    ) == [("21", "joined", None)]
    assert events(
        "En lo que va de 2018 se han instalado los Secretariados Técnicos Locales de Chiapas e Hidalgo, y "
        "adelantó que Guanajuato y Querétaro prevén hacer lo propio.",
        date="20 de junio de 2018",
    ) == [("07", "stl_installed", 2018), ("13", "stl_installed", 2018)]


def test_table_rows_with_leaders():
    assert claims(
        "En resumen:\n\n  Entidades participantes ................ 30\n  Secretariados Técnicos Locales ......... 24\n"
        "  Compromisos ............................ más de 100\n  Organizaciones de la sociedad civil: alrededor de 170"
    ) == [
        ("commitments", 100, "more_than", None),
        ("csos_participating", 170, "approx", None),
        ("states_participating", 30, "exact", None),
        ("stl_installed", 24, "exact", None),
    ]
    assert claims("Resultados del encuentro ................ 30") == []


def test_a_total_whose_noun_is_left_out():
    assert claims(
        "El año pasado se instalaron los Secretariados Técnicos Locales de Morelos, Durango y Veracruz; este año "
        "se han instalado los de Oaxaca, Tlaxcala, Coahuila y Zacatecas, para un total de siete.",
        date="20 de octubre de 2016",
    ) == [("stl_installed", 7, "exact", None)]
    assert claims("Se realizaron foros en Morelos y Durango, para un total de siete.") == []


# -- rules found by the second bulletin set -----------------------------------


def test_the_future_tense_is_an_intention():
    assert (
        events(
            "Asimismo, anunció que en los próximos meses acompañará a Nayarit en la firma de la Declaratoria "
            "Conjunta de Gobierno Abierto, y que continuará el diálogo con Puebla y Tamaulipas."
        )
        == []
    )
    assert claims("Con la firma de Puebla, la red alcanzará 30 entidades federativas.") == []
    # a future verb further off governs something else
    assert claims(
        "El siguiente paso será instalar el Secretariado Técnico Local, instancia que ya funciona en 17 estados."
    ) == [("stl_installed", 17, "exact", None)]
    assert events(
        "Luego de que Baja California Sur firmara la Declaratoria Conjunta en agosto.", date="13 de octubre de 2017"
    ) == [("03", "joined", 2017)]


def test_a_year_that_starts_a_period_does_not_date_a_figure():
    _, x = bulletin(
        "El proyecto, que el INAI impulsa desde 2015, cuenta con la participación de 23 entidades federativas.",
        date="10 de noviembre de 2016",
    )
    assert [(c.value, c.as_of) for c in x.claims] == [(23, "2016-11-10")]
    _, x = bulletin(
        "Al cierre de 2015, 13 entidades federativas participaban en el proyecto.", date="9 de junio de 2016"
    )
    assert [(c.value, c.as_of) for c in x.claims] == [(13, "2015-12-31")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Morelos instaló su Secretariado en junio de 2015.", [("17", "stl_installed", 2015)]),
        (
            "Morelos, Durango, Veracruz y Oaxaca presentaron su Plan en 2016.",
            [
                ("10", "plan_published", 2016),
                ("17", "plan_published", 2016),
                ("20", "plan_published", 2016),
                ("30", "plan_published", 2016),
            ],
        ),
        (
            "Las entidades participantes se fueron sumando en tres etapas: en 2015, Morelos y Durango; en 2016, Sonora.",
            [("10", "joined", 2015), ("17", "joined", 2015), ("26", "joined", 2016)],
        ),
        (
            "Con ello, suman 11 los Secretariados Técnicos Locales. Los primeros se instalaron en 2015, en Morelos, Durango y Veracruz.",
            [("10", "stl_installed", 2015), ("17", "stl_installed", 2015), ("30", "stl_installed", 2015)],
        ),
        (
            "En lo que va de 2015, once entidades han firmado la Declaratoria Conjunta: Morelos, Durango y Oaxaca.",
            [("10", "joined", 2015), ("17", "joined", 2015), ("20", "joined", 2015)],
        ),
        ("Morelos presentó su plan de trabajo anual en 2016.", []),
    ],
)
def test_short_forms_of_the_program_terms(text, expected):
    assert events(text, date="10 de noviembre de 2016") == expected


def test_per_state_figures_with_elided_nouns():
    assert claims("El Plan de Morelos incluye seis compromisos; el de Durango, siete, y el de Veracruz, cinco.") == [
        ("commitments", 5, "exact", "30"),
        ("commitments", 6, "exact", "17"),
        ("commitments", 7, "exact", "10"),
    ]


def test_public_servants_are_people_not_authorities():
    assert (
        claims(
            "El Secretariado de Durango está integrado por nueve personas: tres servidores públicos estatales y "
            "tres comisionados del organismo garante."
        )
        == []
    )


@pytest.mark.parametrize("feminine", [False, True])
def test_every_number_from_1_to_999_in_words_with_and_without_accents(feminine):
    from pipeline.bench.vocabulary import spanish_number
    from pipeline.nlp import fold
    from pipeline.numbers import words_value

    for n in range(1, 1000):
        written = spanish_number(n, feminine=feminine)
        assert words_value(fold(written).split()) == n, written


# -- rules found by the third and fourth gold sets ----------------------------


@pytest.mark.parametrize(
    "text,date,expected",
    [
        (
            "Tamaulipas rubricó ayer la Declaratoria Conjunta de Gobierno Abierto.",
            "19 de marzo de 2021",
            [("28", "joined", 2021)],
        ),
        (
            "Ayer tomó protesta el Secretariado Técnico Local de Nayarit.",
            "11 de septiembre de 2020",
            [("18", "stl_installed", 2020)],
        ),
        (
            "Operan 29 Secretariados Técnicos Locales. El 27 de febrero había entrado en funciones el de Quintana Roo.",
            "11 de septiembre de 2020",
            [("23", "stl_installed", 2020)],
        ),
        (
            "Guerrero todavía no instala su Secretariado. Chiapas instaló el suyo hace un año y aún no publica su Plan de Acción Local.",
            "15 de febrero de 2019",
            [("07", "stl_installed", 2018)],
        ),
        (
            "En 2017 también se habían sumado Guanajuato y Quintana Roo.",
            "3 de enero de 2018",
            [("11", "joined", 2017), ("23", "joined", 2017)],
        ),
        (
            "En 2015 se sumó Morelos. Este año ya lo habían hecho Guanajuato y Quintana Roo.",
            "13 de octubre de 2017",
            [("11", "joined", 2017), ("17", "joined", 2015), ("23", "joined", 2017)],
        ),
    ],
)
def test_more_ways_to_say_an_event(text, date, expected):
    assert events(text, date=date) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # the part before the comma still asserts its verb; the negation governs what follows it
        (
            "Baja California, cuyo Secretariado se instaló en septiembre de 2016, aún no presenta el suyo.",
            [("02", "stl_installed", 2016)],
        ),
        (
            "Aguascalientes, que se adhirió en febrero, todavía no instala su Secretariado Técnico Local.",
            [("01", "joined", 2020)],
        ),
        (
            "Guerrero firmó la Declaratoria Conjunta en 2016 y todavía no instala su Secretariado.",
            [("12", "joined", 2016)],
        ),
        # a noun does not escape the negation: "cuya instalación se prevé"
        (
            "Puebla, cuya instalación del Secretariado Técnico Local se prevé para agosto, trabaja en su diagnóstico.",
            [],
        ),
        ("Solo Tamaulipas falta por incorporarse al proyecto.", []),
        ("El INAI reiteró su disposición para acompañar a Tamaulipas en su proceso de adhesión.", []),
        ("Se exhorta a los gobiernos de Aguascalientes y Tamaulipas a sumarse a la iniciativa.", []),
    ],
)
def test_negations_and_intentions_govern_what_follows_them(text, expected):
    assert events(text, date="11 de septiembre de 2020") == expected


def test_two_predicates_of_one_subject_share_it():
    assert events(
        "Sinaloa instaló su Secretariado Técnico Local en 2017 y presentó su Plan de Acción Local en 2018.",
        date="10 de mayo de 2019",
    ) == [("25", "plan_published", 2018), ("25", "stl_installed", 2017)]


def test_two_event_clauses_joined_by_y_stay_apart():
    assert events(
        "A la fecha se han instalado diez Secretariados Técnicos Locales en el país y se han publicado tres "
        "Planes de Acción Local, los de Morelos, Durango y Veracruz."
    ) == [("10", "plan_published", None), ("17", "plan_published", None), ("30", "plan_published", None)]


def test_one_passing_mention_of_a_secretariado_is_not_a_program_bulletin():
    _, x = bulletin(
        "Integrantes de los Secretariados Técnicos Locales de Sinaloa y Tabasco compartieron su experiencia; "
        "los organismos garantes de 21 entidades federativas realizaron 46 actividades.",
        program=False,
    )
    assert not x.program and x.claims == [] and x.events == []
    _, x = bulletin(
        "Sinaloa instaló su Secretariado Técnico Local en 2017 y presentó su Plan de Acción Local en 2018.",
        program=False,
    )
    assert x.program and len(x.events) == 2


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Hidalgo presentó el suyo el pasado 11 de julio, con seis compromisos, y Chihuahua, el 26 de septiembre pasado, "
            "con siete compromisos. Con ello se han publicado 19 Planes de Acción Local.",
            [
                ("commitments", 6, "exact", "13"),
                ("commitments", 7, "exact", "08"),
                ("plans_published", 19, "exact", None),
            ],
        ),
        (
            "Además, Morelos, que presentó su primer Plan de Acción Local en 2016, publicó su segundo Plan de Acción Local, con diez compromisos.",
            [("commitments", 10, "exact", "17")],
        ),
        (
            "Esos espacios han producido una decena de Planes de Acción Local —el último, el de Campeche, se presentó en "
            "noviembre— que en conjunto contienen 62 compromisos.",
            [("commitments", 62, "exact", None), ("plans_published", 10, "approx", None)],
        ),
    ],
)
def test_whose_figure_it_is(text, expected):
    assert claims(text, date="7 de octubre de 2019") == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Planes de Acción Local ya van diez.", [("plans_published", 10, "exact", None)]),
        (
            "Y organizaciones de la sociedad civil, casi ciento veinte en todo el país.",
            [("csos_participating", 120, "approx", None)],
        ),
        (
            "En los trabajos convergen alrededor de una treintena de autoridades estatales.",
            [("authorities_participating", 30, "approx", None)],
        ),
        (
            "Ya son veintitrés Secretariados Técnicos Locales y veintidós Planes de Acción Local.",
            [("plans_published", 22, "exact", None), ("stl_installed", 23, "exact", None)],
        ),
        (
            "Entre marzo de 2015 y mayo de 2019, 30 de las 32 entidades federativas firmaron la Declaratoria Conjunta.",
            [("states_participating", 30, "exact", None)],
        ),
        # not figures of the program
        ("Más de tres de cada cuatro entidades han firmado; solo 1 de cada 3 tiene Plan publicado.", []),
        ("Un foro reunió a más de 300 asistentes de 20 entidades federativas.", []),
        ("Compromisos concluidos, según las propias entidades: 21", []),
        ("En 9 de los 14 planes no existe un tablero público de seguimiento.", []),
    ],
)
def test_figures_in_news_wording(text, expected):
    assert claims(text, date="10 de mayo de 2019") == expected


def test_a_figure_dated_to_a_month_holds_at_its_end():
    _, x = bulletin(
        "En enero de 2018 participaban en la iniciativa 26 entidades federativas.", date="6 de marzo de 2019"
    )
    assert [(c.value, c.as_of) for c in x.claims] == [(26, "2018-01-31")]
    _, x = bulletin("El 2 de enero de 2018 participaban 26 entidades federativas.", date="6 de marzo de 2019")
    assert [(c.value, c.as_of) for c in x.claims] == [(26, "2018-01-02")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Sólo tres entidades –Morelos, Durango y Veracruz– han instalado su Secretariado Técnico Local.",
            [("stl_installed", 3, "exact", None)],
        ),
        (
            "Diez entidades cuentan ya con un Plan de Acción Local de Gobierno Abierto.",
            [("plans_published", 10, "exact", None)],
        ),
        # the states take part; the Secretariados are another figure
        (
            "Quince entidades participan en el proyecto y funcionan cuatro Secretariados Técnicos Locales.",
            [("states_participating", 15, "exact", None), ("stl_installed", 4, "exact", None)],
        ),
        (
            "Trece entidades firmaron la Declaratoria Conjunta de Gobierno Abierto.",
            [("states_participating", 13, "exact", None)],
        ),
    ],
)
def test_a_count_of_states_that_counts_what_they_did(text, expected):
    assert claims(text, date="3 de diciembre de 2015") == expected


def test_a_bare_figure_after_con_counts_the_sentences_noun():
    assert claims(
        "Los más recientes son los de Baja California, con cinco compromisos, y Sinaloa, con seis, "
        "orientados a la gestión del agua."
    ) == [("commitments", 5, "exact", "02"), ("commitments", 6, "exact", "25")]
    assert claims("El foro se realizó en Oaxaca, con 300.") == []


# -- states referred to, not named; years that scope a whole sentence ----------


def test_an_anaphor_takes_the_one_state_named_before_it():
    assert events(
        "Yucatán presentó su Plan de Acción Local. La entidad se incorporó al ejercicio en 2016 y el año "
        "pasado instaló su Secretariado Técnico Local.",
        date="2 de febrero de 2019",
    ) == [("31", "joined", 2016), ("31", "plan_published", None), ("31", "stl_installed", 2018)]
    assert events("La entidad poblana firmó la Declaratoria Conjunta en 2017.") == [("21", "joined", 2017)]


def test_an_anaphor_with_two_states_before_it_or_naming_the_country_refers_to_none():
    assert events("Sonora y Sinaloa presentaron su Plan de Acción Local. La entidad se incorporó en 2016.") == [
        ("25", "plan_published", None),
        ("26", "plan_published", None),
    ]
    assert events("Oaxaca presentó su Plan de Acción Local. El Estado mexicano se sumó en 2011 a la Alianza.") == [
        ("20", "plan_published", None)
    ]


def test_este_ultimo_refers_to_the_last_state_of_a_list():
    assert events(
        "Funcionan cuatro Secretariados Técnicos Locales: los de Morelos, Durango, Veracruz y Oaxaca; "
        "este último se instaló el mes pasado.",
        date="18 de marzo de 2016",
    ) == [
        ("10", "stl_installed", None),
        ("17", "stl_installed", None),
        ("20", "stl_installed", 2016),
        ("30", "stl_installed", None),
    ]


def test_a_demonym_is_the_state_of_a_clause_that_names_none():
    assert events(
        "El plan morelense fue elaborado por el Secretariado Técnico Local, instalado en junio de 2015.",
        date="18 de marzo de 2016",
    ) == [("17", "stl_installed", 2015)]
    assert claims("El plan morelense incluye seis compromisos.") == [("commitments", 6, "exact", "17")]


def test_a_figure_told_with_and_without_its_state_is_one_claim():
    assert claims("• El documento reúne seis compromisos.\n\nEl plan morelense tiene seis compromisos.") == [
        ("commitments", 6, "exact", "17")
    ]
    _, x = bulletin("En total suman seis compromisos. El plan morelense tiene seis compromisos.")
    assert {(c.metric, c.value, c.state) for c in x.claims} == {("commitments", 6, None), ("commitments", 6, "17")}


def test_a_year_opening_a_sentence_dates_the_clauses_joined_to_it():
    assert events(
        "En lo que va de 2018 se sumaron Colima y Yucatán, e instalaron su Secretariado Técnico Local "
        "Chiapas e Hidalgo.",
        date="3 de septiembre de 2018",
    ) == [("06", "joined", 2018), ("07", "stl_installed", 2018), ("13", "stl_installed", 2018), ("31", "joined", 2018)]
    assert events("En 2015 se sumaron Morelos y Durango; Oaxaca lo hizo después.") == [
        ("10", "joined", 2015),
        ("17", "joined", 2015),
        ("20", "joined", None),
    ]


def test_a_later_verb_without_a_year_after_it_takes_the_one_before_it():
    assert events(
        "Sinaloa instaló su Secretariado Técnico Local en 2017 y en 2018 presentó su Plan de Acción Local.",
        date="3 de enero de 2019",
    ) == [("25", "plan_published", 2018), ("25", "stl_installed", 2017)]


def test_a_clause_that_names_its_noun_borrows_none_from_the_sentence_before():
    assert events(
        "Funcionan 13 Secretariados Técnicos Locales. En cuanto a los Planes de Acción Local, dos entidades "
        "ya tienen el suyo: Morelos y Durango."
    ) == [("10", "plan_published", None), ("17", "plan_published", None)]


def test_a_figure_right_before_its_verb_takes_the_noun_named_before():
    assert claims(
        "En cada estado se arma un Secretariado Técnico Local. Ya hay dieciséis instalados en el país.",
        date="21 de noviembre de 2017",
    ) == [("stl_installed", 16, "exact", None)]


def test_officials_quoted_in_the_first_person():
    assert events(
        "Se arma un Secretariado Técnico Local en cada estado. Ya hay dieciséis instalados en el país. El de "
        "Oaxaca lo instalamos en febrero del año pasado.",
        date="21 de noviembre de 2017",
    ) == [("20", "stl_installed", 2016)]
    assert events("Nosotros en Oaxaca nos sumamos en 2015.", date="21 de noviembre de 2017") == [("20", "joined", 2015)]


def test_a_year_by_its_last_two_digits_after_a_month():
    assert years("Lo presentamos en noviembre del dieciséis y lo revisamos en marzo de 17.") == [
        ("dieciséis", 2016),
        ("17", 2017),
    ]
    assert counts("El 5 de marzo de 2017 participaron 16 organizaciones.")[0][0] == 16


def test_an_event_told_as_what_came_before_another():
    assert events(
        "Hidalgo publicó en 2018 su Plan de Acción Local, con ocho compromisos, tras instalar su "
        "Secretariado Técnico Local en 2017.",
        date="10 de abril de 2019",
    ) == [("13", "plan_published", 2018), ("13", "stl_installed", 2017)]


def test_a_count_of_states_after_what_they_have():
    assert claims("Los Secretariados Técnicos Locales de 24 entidades comparten resultados.") == [
        ("stl_installed", 24, "exact", None)
    ]


def test_an_stl_in_the_making_is_not_installed():
    assert events(
        "Se han instalado 24 Secretariados; el más reciente, el de Guerrero, se instaló el 14 de marzo, "
        "mientras que el de Puebla se encuentra en proceso de conformación.",
        date="20 de mayo de 2019",
    ) == [("12", "stl_installed", 2019)]


def test_a_hypothesis_asserts_neither_figure_nor_event():
    assert claims("Si el próximo año firmaran las 32 entidades, el programa cubriría todo el país.") == []
    assert events("Si Colima y Nayarit se sumaran pronto, solo faltaría Tamaulipas.") == []
    # "Si bien" concedes a fact, and "sí" (accented) affirms one.
    assert events("Si bien Sonora se sumó en 2016, aún trabaja en su plan.") == [("26", "joined", 2016)]
    assert events("Tlaxcala sí instaló su Secretariado Técnico Local en 2016.") == [("29", "stl_installed", 2016)]


def test_news_wording_of_joining_and_installing():
    assert events("En 2016 entraron al programa Sonora y Sinaloa.") == [("25", "joined", 2016), ("26", "joined", 2016)]
    assert events(
        "Zacatecas forma parte del programa desde 2015 y el año pasado instaló su Secretariado Técnico Local.",
        date="5 de mayo de 2017",
    ) == [("32", "joined", 2015), ("32", "stl_installed", 2016)]
    assert events("Chihuahua puso en marcha su Secretariado Técnico Local en mayo.", date="1 de junio de 2018") == [
        ("08", "stl_installed", 2018)
    ]
    assert events("Hidalgo fue la primera entidad en dar a conocer su Plan de Acción Local.") == [
        ("13", "plan_published", None)
    ]


def test_relative_years_two_back_and_during_the_year():
    assert events("El año antepasado se adhirieron Guanajuato y Colima.", date="3 de marzo de 2019") == [
        ("06", "joined", 2017),
        ("11", "joined", 2017),
    ]
    assert events(
        "Durante el año quedaron instalados dos Secretariados Técnicos Locales, en Durango y Morelos.",
        date="4 de diciembre de 2015",
    ) == [("10", "stl_installed", 2015), ("17", "stl_installed", 2015)]
    assert events(
        "Durante el año pasado instalaron el suyo Guerrero y Colima, según el Secretariado Técnico Local.",
        date="4 de febrero de 2020",
    ) == [("06", "stl_installed", 2019), ("12", "stl_installed", 2019)]


def test_staying_out_and_talks_to_join_are_not_events_or_figures():
    assert events("Tamaulipas sigue sin adherirse al programa.") == []
    assert events("Nayarit y Puebla iniciaron pláticas para sumarse al proyecto.") == []
    assert events("Chiapas manifestó su intención de firmar la Declaratoria.") == []
    assert claims("Solo dos estados permanecen fuera del programa.") == []


def test_a_contrast_without_a_comma_keeps_the_event_before_it():
    assert events("Guerrero se sumó al programa en 2016 pero aún no instala su Secretariado Técnico Local.") == [
        ("12", "joined", 2016)
    ]


def test_the_national_plan_before_the_open_government_partnership_is_not_the_programs():
    assert claims("México presentó ante la Alianza para el Gobierno Abierto un plan con 26 compromisos.") == []


def test_a_weekday_number_is_a_day_not_a_count():
    assert (
        claims(
            "El plan más reciente fue el de Campeche, presentado el pasado jueves 16.", date="20 de noviembre de 2017"
        )
        == []
    )


def test_a_part_of_a_figure_is_not_the_figure():
    assert claims(
        "El Plan de Acción Local de Sinaloa tiene seis compromisos; cuatro de los seis compromisos muestran avances."
    ) == [("commitments", 6, "exact", "25")]
    assert claims(
        "Su Secretariado Técnico Local definió ocho compromisos: de los ocho, solo dos cuentan con presupuesto."
    ) == [("commitments", 8, "exact", None)]


def test_a_program_total_after_one_states_plan():
    assert claims(
        "Con el plan tabasqueño suman doce Planes de Acción Local publicados, con 70 compromisos en total."
    ) == [("commitments", 70, "exact", None), ("plans_published", 12, "exact", None)]


def test_what_states_form_part_of_is_a_running_total():
    assert claims(
        "De las 15 entidades que hoy forman parte del programa, Morelos va adelante.", date="18 de marzo de 2016"
    ) == [("states_participating", 15, "exact", None)]


def test_a_relative_clause_after_a_hedge_asserts_its_own_figure():
    assert claims(
        "Aguascalientes sigue sin adherirse al programa, en el que ya participan 31 entidades.",
        date="5 de enero de 2020",
    ) == [("states_participating", 31, "exact", None)]
    assert claims("Aguascalientes sigue sin adherirse, y ya participan 31 entidades.") == [
        ("states_participating", 31, "exact", None)
    ]
    assert claims("La meta, que es llegar a 32 entidades, sigue lejos.") == []


def test_a_state_named_before_another_figure_does_not_scope_the_next_one():
    assert claims(
        "Participan 30 entidades —la más reciente, Puebla, se sumó en febrero— y se han generado 17 Planes "
        "de Acción Local con más de cien compromisos.",
        date="10 de mayo de 2019",
    ) == [
        ("commitments", 100, "more_than", None),
        ("plans_published", 17, "exact", None),
        ("states_participating", 30, "exact", None),
    ]


def test_what_the_states_have_is_the_object_right_after_the_verb():
    assert claims(
        "Hoy, siete estados tienen funcionando su Secretariado Técnico Local y solo tres, Morelos, Durango y "
        "Oaxaca, han publicado su Plan de Acción Local.",
        date="1 de diciembre de 2016",
    ) == [("plans_published", 3, "exact", None), ("stl_installed", 7, "exact", None)]


def test_a_count_of_what_happened_in_a_later_year_is_not_the_running_total():
    assert (
        claims(
            "Cinco entidades pusieron en marcha este año su Secretariado Técnico Local.", date="20 de agosto de 2018"
        )
        == []
    )
    assert claims("En 2017 se instalaron cinco Secretariados Técnicos Locales.", date="5 de enero de 2018") == []
    # What is, what has happened by then, and a participle describing the noun stay running totals.
    assert claims("En 2017 funcionan 16 Secretariados Técnicos Locales.", date="1 de diciembre de 2017") == [
        ("stl_installed", 16, "exact", None)
    ]
    assert claims("Se han publicado cuatro Planes de Acción Local, todos en 2016.", date="9 de diciembre de 2016") == [
        ("plans_published", 4, "exact", None)
    ]
    assert claims(
        "Los tres Planes de Acción Local publicados este año reúnen 18 compromisos.", date="10 de noviembre de 2016"
    ) == [("commitments", 18, "exact", None), ("plans_published", 3, "exact", None)]


def test_a_count_after_and_starts_a_new_subject_once_a_verb_came_before():
    assert events(
        "Siete estados tienen su Secretariado Técnico Local y solo dos, Sonora y Sinaloa, han publicado "
        "su Plan de Acción Local.",
        date="1 de diciembre de 2016",
    ) == [("25", "plan_published", None), ("26", "plan_published", None)]
    # Before any verb, "y" joins the subjects of one verb; a year after "y" is not a subject.
    assert events("Morelos y otras 12 entidades se sumaron en 2015.") == [("17", "joined", 2015)]
    assert events("Sonora instaló su Secretariado Técnico Local entre 2016 y 2017.") == [("26", "stl_installed", 2016)]
    # Nor the "y" inside a number.
    assert events(
        "A la fecha se han instalado treinta y un Secretariados Técnicos Locales en los estados de Sonora "
        "y Sinaloa, entre otros."
    ) == [("25", "stl_installed", None), ("26", "stl_installed", None)]


def test_states_listed_under_a_time_phrase_continue_the_event_before():
    assert events(
        "La adhesión fue por oleadas. En 2015: Morelos y Durango. En 2016: Sonora. Y en febrero de este año, Puebla.",
        date="15 de mayo de 2019",
    ) == [("10", "joined", 2015), ("17", "joined", 2015), ("21", "joined", 2019), ("26", "joined", 2016)]
    # Not after a sentence without an event.
    assert events("Hubo foros en varias ciudades. En 2015: Morelos y Durango.") == []


def test_a_box_of_aligned_figures_with_signs():
    assert claims(
        "EN CIFRAS\n  30   entidades adheridas\n  +110 autoridades participantes\n  ~170 organizaciones de la "
        "sociedad civil",
        date="15 de mayo de 2019",
    ) == [
        ("authorities_participating", 110, "more_than", None),
        ("csos_participating", 170, "approx", None),
        ("states_participating", 30, "exact", None),
    ]


def test_an_aim_is_not_a_figure_and_an_aside_hedges_nothing_outside_it():
    assert claims("La idea es que las 32 entidades federativas tengan un Secretariado.") == []
    assert claims("El proyecto busca que en las 32 entidades del país haya ejercicios locales.") == []
    assert claims(
        "Hoy siete estados tienen su Secretariado Técnico Local —el órgano que debería conducir cada "
        "ejercicio— y eso es un avance.",
        date="1 de diciembre de 2016",
    ) == [("stl_installed", 7, "exact", None)]


def test_a_duration_or_the_states_just_named_are_no_program_figure():
    assert claims("El tiempo entre la firma y la instalación del Secretariado Técnico Local es de 11 meses.") == []
    assert (
        claims(
            "Sonora, Sinaloa y Campeche ya firmaron la Declaratoria y los tres cuentan con Secretariado Técnico "
            "Local instalado.",
            date="26 de abril de 2017",
        )
        == []
    )
