"""Bulletin number, dateline and headline: every development file exactly as its gold."""

import pytest
from conftest import CORPUS_DEV, load_jsonl

from pipeline.ingest import ingest_file
from pipeline.ingest.metadata import read_metadata

GOLD = load_jsonl(CORPUS_DEV / "gold.jsonl")


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_development_files_metadata_matches_gold(gold):
    doc = ingest_file(CORPUS_DEV / gold["file"])
    assert (doc.bulletin, doc.published, doc.place) == (gold["bulletin"], gold["published"], gold["place"])
    assert doc.doc_id == gold["bulletin"]
    assert doc.title and "\n" not in doc.title
    start, end = doc.dateline_span
    assert doc.text[start:end].startswith(gold["place"])


@pytest.mark.parametrize(
    "written", ["INAI/002/18", "INAI-002-18", "INAI/002/2018", "INAI / 2 / 18", "inai-002-2018", "INAI/DGCS/002/18"]
)
def test_bulletin_number_variants_normalize(written):
    text = f"Ciudad de México, a 2 de enero de 2018\n{written}\n\nTITULAR DEL COMUNICADO\n\nCuerpo."
    assert read_metadata(text).bulletin == "INAI/002/18"


@pytest.mark.parametrize(
    "line,place,date",
    [
        ("Ciudad de México, a 2 de enero de 2018", "Ciudad de México", "2018-01-02"),
        ("Xalapa, Veracruz, a 20 de abril de 2017", "Xalapa, Veracruz", "2017-04-20"),
        ("México, D.F., a 3 de diciembre de 2015", "México, D.F.", "2015-12-03"),
        ("Morelia, Michoacán, 7 de septiembre de 2016", "Morelia, Michoacán", "2016-09-07"),
        ("Ciudad de México, a 1º de marzo del 2019", "Ciudad de México", "2019-03-01"),
        ("Monterrey, Nuevo León, a lunes 5 de junio de 2017", "Monterrey, Nuevo León", "2017-06-05"),
        ("Campeche, Campeche, octubre 6 de 2016", "Campeche, Campeche", "2016-10-06"),
        ("Toluca, Estado de México, enero 24, 2019", "Toluca, Estado de México", "2019-01-24"),
    ],
)
def test_dateline_variants(line, place, date):
    meta = read_metadata(f"{line}\nINAI/100/17\n\nTITULAR\n\nCuerpo del comunicado.")
    assert (meta.place, meta.published) == (place, date)


def test_dates_in_the_body_are_not_the_bulletin_date():
    text = (
        "INAI/010/18\n\nTITULAR SIN FECHA\n" + "Párrafo de relleno.\n" * 20 + "Ciudad de México, a 2 de enero de 2018\n"
    )
    meta = read_metadata(text)
    assert meta.published is None and meta.place is None and meta.bulletin == "INAI/010/18"


def test_headline_is_one_line_even_when_wrapped():
    meta = read_metadata(
        "Ciudad de México, a 2 de enero de 2018\nINAI/002/18\n\nGOBIERNO ABIERTO LLEGA A\nTREINTA ENTIDADES\n\n- Viñeta\n\nCuerpo."
    )
    assert meta.title == "GOBIERNO ABIERTO LLEGA A TREINTA ENTIDADES"


@pytest.mark.parametrize(
    "head,place,date",
    [
        # a news dateline that runs into the lead on the same line
        (
            "Chihuahua, Chih., 14 de octubre de 2016.- Con la firma de la Declaratoria, Chihuahua se sumó.",
            "Chihuahua, Chih.",
            "2016-10-14",
        ),
        (
            "Ciudad de México, 2 de enero de 2018 (Notimex).- El INAI informó que 26 entidades participan.",
            "Ciudad de México",
            "2018-01-02",
        ),
        ("Chetumal, Q. Roo, 19 de mayo de 2017 — El gobierno estatal firmó ayer.", "Chetumal, Q. Roo", "2017-05-19"),
        # a byline or a newsletter's date line: a date, no place
        (
            "TITULAR DE LA NOTA\n\nPor Redacción | 16 de agosto de 2018\n\nCon la adhesión de Colima, suman 28.",
            None,
            "2018-08-16",
        ),
        ("BOLETÍN SEMANAL\n\nViernes 10 de mayo de 2019\n\n1. LAS CIFRAS DE MAYO", None, "2019-05-10"),
        # a wire's time stamp, and the place in the lead
        (
            "Suma red 26 entidades\n13 de octubre de 2017 · 14:27 h\n\nCIUDAD DE MÉXICO (Agencia).- La red ya suma 26 entidades.",
            "CIUDAD DE MÉXICO",
            "2017-10-13",
        ),
        # newspapers: a headline, then a byline or masthead, then the dateline or the lead's place
        (
            "TITULAR\n\n4 diciembre, 2015\n\nMÉXICO, D.F., 4 de diciembre (apro).- A nueve meses de la primera firma…",
            "MÉXICO, D.F.",
            "2015-12-04",
        ),
        (
            "TITULAR\n\nRedacción | Viernes 18 de marzo de 2016\n\nCuernavaca, Morelos.- Morelos dio a conocer ayer su Plan.",
            "Cuernavaca, Morelos",
            "2016-03-18",
        ),
        (
            "TITULAR\n\nPor Redacción\nviernes, 10 de junio de 2016\n\nCiudad de México.- La cifra de entidades asciende a 18.",
            "Ciudad de México",
            "2016-06-10",
        ),
        (
            "TITULAR\n\nPor: Redacción\nXalapa, Ver. / 20.04.2017\n\nFuncionarios se reunieron este jueves.",
            "Xalapa, Ver.",
            "2017-04-20",
        ),
        (
            "TITULAR\n\n19 de mayo de 2017\n\nCHETUMAL, Q. Roo.- Con la firma de la Declaratoria…",
            "CHETUMAL, Q. Roo.",
            "2017-05-19",
        ),
        (
            "TITULAR\n\nRedacción / Notimex | 12/10/2017\n\nEl INAI informó que 26 de las 32 entidades participan.",
            None,
            "2017-10-12",
        ),
        (
            "TITULAR\n\nTepic, Nayarit; 19 de octubre de 2018.- Nayarit suscribió ayer la Declaratoria.",
            "Tepic, Nayarit",
            "2018-10-19",
        ),
        (
            "TITULAR\n\nCiudad de México / 10.05.2019 01:33:00\n\nLa reducción del presupuesto…",
            "Ciudad de México",
            "2019-05-10",
        ),
    ],
)
def test_news_datelines(head, place, date):
    meta = read_metadata(head + "\n\nOtro párrafo del cuerpo de la nota.")
    assert (meta.place, meta.published) == (place, date)
    if place:
        start, end = meta.dateline_span
        assert head[start:end].startswith(place)


@pytest.mark.parametrize(
    "line,number",
    [
        ("Comunicado INAI/045/17", "INAI/045/17"),
        ("Comunicado de prensa No. INAI-045-17", "INAI/045/17"),
        ("INAI 045/17", "INAI/045/17"),
        ("De acuerdo con el comunicado INAI/262/17, difundido este jueves, son ya 16 los Secretariados.", None),
        ("Fuente: comunicado INAI/121/19, del 9 de mayo de 2019.", None),
    ],
)
def test_only_a_number_on_its_own_line_is_the_bulletins_own(line, number):
    meta = read_metadata(f"Ciudad de México, a 2 de enero de 2018\n{line}\n\nTITULAR\n\nCuerpo.")
    assert meta.bulletin == number


def test_a_sentence_in_the_body_is_not_a_dateline():
    meta = read_metadata(
        "TITULAR\n\nEl INAI informó que el 16 de agosto de 2018 se instaló el Secretariado Técnico Local de Colima, con la participación de 300 personas."
    )
    assert meta.published is None and meta.place is None


def test_bulletin_number_on_the_datelines_line():
    meta = read_metadata("Ciudad de México, a 30 de agosto de 2018 INAI-212-18\n\nTITULAR\n\nCuerpo del comunicado.")
    assert (meta.bulletin, meta.place, meta.published) == ("INAI/212/18", "Ciudad de México", "2018-08-30")


def test_a_masthead_line_ending_with_a_weekday_and_date():
    meta = read_metadata(
        "Gaceta Parlamentaria, año XXII, número 5232-II, miércoles 6 de marzo de 2019\n\n"
        "PROPOSICIÓN CON PUNTO DE ACUERDO\n\nCuerpo."
    )
    assert (meta.published, meta.place) == ("2019-03-06", None)


def test_a_masthead_line_ending_with_a_date_after_its_separator():
    meta = read_metadata("REVISTA CIUDADANA · Año 3 · Número 21 · 4 de abril de 2017\n\nREPORTAJE\n\nCuerpo.")
    assert (meta.published, meta.place) == ("2017-04-04", None)


@pytest.mark.parametrize(
    "written",
    [
        "2 de enero de 2018",
        "lunes 5 de junio de 2017",
        "1 de marzo del 2019",
        "31 de Diciembre de 2020",
        "7 de setiembre de 2016",
        "12 DE ABRIL DE 2018",
        "agosto 20 de 2018",
        "enero 24, 2019",
    ],
)
def test_the_fast_date_path_agrees_with_dateparser(written):
    from pipeline.ingest.metadata import _date_parser, parse_spanish_date

    expected = _date_parser().get_date_data(written).date_obj.date().isoformat()
    assert parse_spanish_date(written) == expected


def test_dates_in_other_forms_still_reach_dateparser():
    from pipeline.ingest.metadata import parse_spanish_date

    assert parse_spanish_date("2 de ene. de 2018") == "2018-01-02"
    assert parse_spanish_date("31 de febrero de 2018") is None


def test_a_state_name_and_a_full_stop_open_the_lead():
    meta = read_metadata(
        "TITULAR\n\nPeriódico La Jornada\nViernes 9 de diciembre de 2016, p. 17\n\n"
        "Ciudad de México. Al cierre de 2016 son 23 las entidades federativas."
    )
    assert (meta.place, meta.published) == ("Ciudad de México", "2016-12-09")
    assert read_metadata("TITULAR\n\n9 de diciembre de 2016\n\nNaturalmente. Al cierre de 2016 son 23.").place is None


def test_a_copy_that_lost_its_line_breaks_keeps_its_dateline_and_number():
    text = (
        "Ciudad de México, a 21 de junio de 2016 INAI/177/16 CONCLUYE EL ENCUENTRO NACIONAL Los estados de "
        "Morelos y Durango presentaron sus avances. Este lunes sesionó el comité."
    )
    meta = read_metadata(text)
    assert (meta.bulletin, meta.published, meta.place) == ("INAI/177/16", "2016-06-21", "Ciudad de México")
    assert text[slice(*meta.dateline_span)] == "Ciudad de México, a 21 de junio de 2016"


@pytest.mark.parametrize(
    "head",
    [
        "18.2 C\nGuadalajara\nmartes, marzo 3, 2026\n\nSe instala el comité estatal\n\nEl comité sesionó.",
        "lunes, 9 marzo 2026\n21 °C\nMonterrey\n\nSe instala el comité estatal\n\nEl comité sesionó.",
    ],
)
def test_a_mastheads_date_beside_the_weather_is_the_day_it_was_read(head):
    assert read_metadata(head).published is None


@pytest.mark.parametrize("line", ["• martes, marzo 3, 2026", "martes, marzo 3, 2026", "Martes, Marzo 3 2026"])
def test_a_site_date_with_its_weekday_and_the_month_first_is_the_day_it_was_read(line):
    """Site templates write the day the page is read so ("martes, marzo 3, 2026"); a text's own date line or
    byline writes the day first ("martes 3 de marzo de 2026") or no weekday ("marzo 3, 2026")."""
    head = f"{line}\n\nSe instala el comité estatal\n\nPor Redacción\n\nEl comité sesionó."
    meta = read_metadata(head)
    assert (meta.published, meta.place) == (None, None)
    assert read_metadata(head.replace(line, "martes 3 de marzo de 2026")).published == "2026-03-03"
    assert read_metadata(head.replace(line, "marzo 3, 2026")).published == "2026-03-03"


@pytest.mark.parametrize(
    "line",
    [
        "Publicada en la Gaceta Oficial del Estado el 7 de octubre de 2015",
        "(Publicado el miércoles 7 de octubre de 2015)",
    ],
)
def test_a_published_on_line_dates_the_text(line):
    head = f"LEY DE GOBIERNO ABIERTO DEL ESTADO\n\n{line}\n\nArtículo 1. Esta ley es de orden público."
    assert read_metadata(head).published == "2015-10-07"


def test_a_date_line_away_from_the_weather_still_dates_the_text():
    head = (
        "18.2 C\nGuadalajara\n\nSe instala el comité estatal\n\nPor Redacción\nMiércoles 15 de mayo de 2019\n\nTexto."
    )
    assert read_metadata(head).published == "2019-05-15"


@pytest.mark.parametrize(
    "lead,place",
    [
        ("MÉRIDA, YUC., marzo 12.- El comité sesionó ayer.", "MÉRIDA, YUC."),
        ("Campeche.-.- El comité sesionó ayer.", "Campeche"),
        ("CULIACÁN. -El comité sesionó ayer.", "CULIACÁN"),
        ("Mérida, Yucatán,- El comité sesionó ayer.", "Mérida, Yucatán"),
        ("Monterrey, Nuevo León.- El comité sesionó ayer.", "Monterrey, Nuevo León"),
        ("Tuxtla Gutiérrez, Chis.- El comité sesionó ayer.", "Tuxtla Gutiérrez, Chis."),
    ],
)
def test_a_lead_with_no_year_gives_its_place_and_no_date(lead, place):
    meta = read_metadata(f"Se instala el comité\n\n{lead}")
    assert (meta.place, meta.published) == (place, None)


def test_a_dateline_with_month_and_year_gives_the_place_only():
    meta = read_metadata("INFORME ANUAL\n\nMérida, Yucatán, Octubre 2016\n\nPresentación del informe.")
    assert (meta.place, meta.published) == ("Mérida, Yucatán", None)


def test_a_site_heads_place_and_weekday_date_yield_to_the_storys_own_byline_and_lead():
    """A news site heads each page with its city and the day it is read ("León, Guanajuato, a martes 3 de marzo
    de 2026"); the story's byline dates it and its lead ("León, Gto.- …") places it."""
    text = (
        "León, Guanajuato, México, a martes 3 de marzo de 2026\n\nSe instala el comité\n\n"
        "Ana Pérez Ruiz, 12 de mayo de 2019\n\nLeón, Gto.- El comité sesionó ayer con el instituto."
    )
    meta = read_metadata(text)
    assert (meta.published, meta.place) == ("2019-05-12", "León, Gto.")
    assert text[slice(*meta.dateline_span)] == "León, Gto."
    # a dateline with its weekday and no story lead after it is the text's own
    alone = read_metadata("León, Guanajuato, a martes 12 de mayo de 2019\n\nSe instala el comité\n\nEl comité sesionó.")
    assert (alone.published, alone.place) == ("2019-05-12", "León, Guanajuato")


def test_a_state_in_a_site_head_is_no_participant():
    from pipeline.extract import extract
    from pipeline.ingest import ingest_bytes

    text = (
        "León, Guanajuato, México, a martes 3 de marzo de 2026\n\nSe instala el comité\n\n"
        "Ana Pérez Ruiz, 12 de mayo de 2019\n\nLeón, Gto.- El comité de Colima sesionó ayer con el instituto."
    )
    doc = ingest_bytes(text.encode(), "t.txt", "txt")
    roles = {(m.value, m.role) for m in extract(doc).mentions if m.kind == "state"}
    assert roles == {("11", "dateline"), ("06", "body")}


@pytest.mark.parametrize(
    "lead,place",
    [
        ("Tepic, Nay. El comité sesionó ayer.", "Tepic, Nay."),
        ("Tepic, Nayarit. El comité sesionó ayer.", "Tepic, Nayarit"),
    ],
)
def test_a_city_and_its_states_name_and_a_full_stop_open_the_lead(lead, place):
    assert read_metadata(f"TITULAR\n\n{lead}").place == place
    assert read_metadata("TITULAR\n\nAyer, Naturalmente. El comité sesionó.").place is None


def test_a_dateline_whose_place_ends_with_its_states_abbreviation_without_a_period():
    meta = read_metadata("Sesiona el comité\n\nTepic, Nay 14 de marzo de 2019. El comité sesionó ayer.")
    assert (meta.place, meta.published) == ("Tepic, Nay", "2019-03-14")
    cited = read_metadata("BOLETÍN\n\nFuente: comunicado INAI/121/19, del 9 de mayo de 2019.")
    assert cited.bulletin is None and cited.place is None


def test_a_byline_before_a_dash_is_no_place():
    meta = read_metadata("Sesiona el comité\n\nPor Ana Ruiz - 14 marzo, 2019 - 10:15 a.m.\n\nEl comité sesionó ayer.")
    assert (meta.place, meta.published) == (None, "2019-03-14")
