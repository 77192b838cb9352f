"""Whether a text is about the program: its names, its terms, the domain alone, and other programs.

Texts written for these tests; each pairs a case that must be read as the
program's with a near miss that must not.
"""

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest_bytes


def read(body: str):
    text = f"Ciudad de México, a 2 de enero de 2018\n\nTITULAR\n\n{body}\n"
    return extract(ingest_bytes(text.encode("utf-8"), "t.txt", "txt"))


@pytest.mark.parametrize(
    "body",
    [
        "El estado se incorporó al programa Gobierno Abierto Co Creación Desde lo Local.",
        "Inició el ejercicio «Gobierno Abierto: Co-Creación desde lo Local» en la entidad.",
        "Firmaron la Declaración Conjunta para la Implementación de Acciones para un Gobierno Abierto.",
        "Con la iniciativa se impulsan ejercicios de Gobierno Abierto locales en todo el país.",
    ],
)
def test_the_programs_names_and_its_declarations_name_make_a_program_text(body):
    assert read(body).program


def test_looser_terms_count_only_where_the_text_names_open_government():
    terms = "El Secretariado de Gobierno Abierto sesionó. El Secretariado Técnico aprobó su calendario."
    assert read(terms).program
    assert not read("El Secretariado Técnico del consejo sesionó. Firmaron una declaratoria de emergencia.").program


def test_the_programs_short_name_counts_as_a_looser_term():
    short = "La comisionada habló del proyecto Gobierno Abierto. Ayer se presentó un Plan de Acción Local."
    assert read(short).program
    assert not read(short.replace("del proyecto Gobierno Abierto", "de un proyecto de gobierno abierto")).program


def test_the_programs_short_name_with_inai_as_its_promoter_names_it():
    text = "Dos municipios forman parte del programa Gobierno Abierto impulsado por el INAI desde 2015."
    assert read(text).program
    assert not read(text.replace("impulsado por el INAI", "del gobierno municipal")).program
    assert not read("Un programa de gobierno abierto impulsado por el INAI llegó a dos municipios.").program


def test_one_secretariado_called_by_its_full_name_makes_a_program_text_and_several_in_passing_do_not():
    one = "El comité municipal rindió protesta durante la sesión del Secretariado Técnico Local de Gobierno Abierto."
    assert read(one).program
    assert not read(
        one.replace("Secretariado Técnico Local de Gobierno Abierto", "consejo de gobierno abierto")
    ).program
    several = (
        "En el foro de gobierno abierto, miembros de los Secretariados Técnicos Locales de Gobierno Abierto de "
        "Nayarit y Colima hablaron de archivos."
    )
    assert not read(several).program


def test_a_local_plan_with_inai_as_its_promoter_names_the_program():
    text = "Sobre gobierno abierto: una guía de Planes de Acción Locales elaborada por el INAI y los órganos garantes."
    assert read(text).program
    assert not read(text.replace("el INAI", "la universidad")).program
    assert not read(text + " La guía es del Programa Local de la AGA.").program
    assert read("Una guía de Planes de Acción Locales elaborada por el INAI y los órganos garantes.").program


def test_a_local_plan_with_inai_taking_part_in_the_same_sentence_names_the_program():
    text = (
        "Sobre gobierno abierto: ayer fue la presentación del Plan de Acción Local, a la que asistieron "
        "alumnos, funcionarios y un comisionado del INAI."
    )
    assert read(text).program
    assert not read(text.replace(", a la que asistieron", ". Asistieron")).program


def test_local_plans_counted_in_figures_name_the_program_even_beside_the_countrys_plan():
    """The country has one OGP plan at a time: many local plans or Secretariados are states', the program's."""
    text = (
        "Sobre gobierno abierto: este año el país prepara su cuarto Plan de Acción Nacional con la Alianza para el "
        "Gobierno Abierto, y en paralelo se redactarán 12 Planes de Acción Locales."
    )
    assert read(text).program
    assert read(text.replace("12", "doce")).program
    assert read(text.replace("12 Planes de Acción Locales", "nueve Secretariados Técnicos Locales")).program
    assert not read(text.replace("12 Planes de Acción Locales", "los Planes de Acción Locales")).program
    assert not read(text.replace("12 Planes", "12 foros sobre Planes")).program
    assert not read(text + " Son los del Programa Local de la AGA.").program


@pytest.mark.parametrize(
    "text, others, programs",
    [
        (  # the country's OGP plans have one too
            "Sobre gobierno abierto: el plan de acción se construye desde un secretariado técnico tripartita. "
            "El Secretariado Técnico fijó un calendario.",
            "un secretariado técnico tripartita",
            "un Secretariado Técnico de Gobierno Abierto",
        ),
        (  # a city's own
            "Sobre gobierno abierto: el municipio convocó a elegir a un ciudadano para su Secretariado Técnico "
            "Municipal. El Secretariado Técnico sesionará cada mes.",
            "Secretariado Técnico Municipal",
            "Secretariado Técnico Local",
        ),
    ],
)
def test_another_bodys_name_built_on_a_program_term_is_no_term_of_the_program(text, others, programs):
    assert not read(text).program
    assert read(text.replace(others, programs)).program


_OGP_LOCAL = (
    "En el marco del Plan de Acción Local de Gobierno Abierto de la ciudad, el Programa Local de la AGA "
    "revisó los compromisos del Plan de Acción Local."
)
_AGENDA_21 = (
    "El Plan de Acción Local de la Agenda 21 reúne las acciones del municipio. Cada Plan de Acción Local se revisa."
)


@pytest.mark.parametrize(
    "text, others, programs",
    [
        (_OGP_LOCAL, "el Programa Local de la AGA", "el comité"),  # another program's name rules the terms out
        # Without "gobierno abierto", plans alone decide nothing (the Secretariado is the program's own) …
        (_AGENDA_21, "del municipio", "del Secretariado Técnico Local"),
        # … and the text is read: a state's plan tells of the program
        (_AGENDA_21, "Cada Plan de Acción Local se revisa.", "Colima presentó su Plan de Acción Local en 2017."),
    ],
)
def test_other_plans_called_plan_de_accion_local_are_not_the_programs(text, others, programs):
    """OGP Local's plans and Spain's Agenda 21 Local's are called Planes de Acción Local too."""
    assert not read(text).program
    assert read(text.replace(others, programs)).program


def test_a_text_that_never_names_the_program_is_read_by_what_it_tells_of_states():
    implicit = (
        "El comisionado habló de gobierno abierto en el foro. Hasta hoy, siete Estados (Morelos, Durango, "
        "Oaxaca, Tlaxcala, Zacatecas, Jalisco y Veracruz) ya cuentan con planes de acción."
    )
    x = read(implicit)
    assert x.program
    assert ("10", "plan_published") in {(e.state, e.event) for e in x.events}


def test_joining_counts_for_the_implicit_program_only_when_joining_one_of_its_objects():
    assert read("Sobre gobierno abierto: Colima y Nayarit se sumaron a la iniciativa.").program
    assert read("Sobre gobierno abierto: Colima y Nayarit se suman al compromiso de impulsarlo.").program
    assert not read("Sobre gobierno abierto: a la jornada se sumaron Colima y Nayarit.").program


def test_states_said_to_refuse_entering_the_practice_tell_of_the_program_and_of_no_event():
    refused = (
        "Sobre gobierno abierto: Campeche está entre los cinco estados que se han negado a entrar a esta práctica."
    )
    x = read(refused)
    assert x.program and x.events == [] and x.claims == []
    assert not read(refused.replace("esta práctica", "esta reunión")).program
    assert not read(refused.replace("entrar a", "votar")).program


def test_states_counted_in_passing_do_not_make_an_open_government_text_the_programs():
    """A study of open government across the country counts states, but tells of no plan or joining."""
    x = read("La Métrica de Gobierno Abierto evaluó a 900 sujetos obligados en las 32 entidades federativas.")
    assert not x.program
    assert x.claims == [] and all(m.metric is None for m in x.mentions)


def test_the_countrys_own_open_government_plans_are_not_the_program():
    text = "En el contexto de la Alianza para el Gobierno Abierto, México ha publicado dos Planes de Acción."
    assert not read(text).program


def test_states_said_not_to_have_joined_the_declaratoria_tell_of_the_program():
    text = (
        "La apuesta por gobiernos estatales abiertos avanza en 25 estados del país. Colima y Nayarit aún no han "
        "firmado la declaratoria para establecer un gobierno abierto."
    )
    x = read(text)
    assert x.program and [(c.metric, c.value) for c in x.claims] == [("states_participating", 25)]
    assert x.events == []


def test_states_joining_an_initiative_make_it_the_programs_even_beside_the_countrys_plans():
    """States join the program; the country joins the Open Government Partnership. A text naming the second
    as background is still the program's when it tells of states joining an initiative, by name or as such."""
    by_name = (
        "La iniciativa de gobierno abierto llegó en 2016, cuando Colima se integró a este proyecto. El gobierno "
        "abierto existe desde 2011, cuando nació la Alianza para el Gobierno Abierto."
    )
    as_such = (
        "El instituto lanzó una convocatoria para que los estados se sumaran a esta iniciativa de gobierno "
        "abierto. Colima la conoció en 2016. México forma parte de la Alianza para el Gobierno Abierto desde 2011."
    )
    assert read(by_name).program and read(as_such).program
    country = (
        "Sobre gobierno abierto: Colima recibió a los enlaces de la Alianza para el Gobierno Abierto, a la que "
        "México se sumó en 2011 con otros países."
    )
    assert not read(country).program
    assert not read(by_name.replace("se integró a este proyecto", "presentó su informe")).program


def test_a_states_open_government_exercise_makes_an_unnamed_program_text():
    assert read("Sobre gobierno abierto: el comisionado habló del ejercicio de Gobierno Abierto en Nayarit.").program
    assert not read("Sobre gobierno abierto: el comisionado habló del ejercicio de transparencia en Nayarit.").program
