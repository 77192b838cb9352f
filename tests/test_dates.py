"""Event dates at the precision the text gives, relative ones resolved against the bulletin's date.

The bulletin of these tests is dated Tuesday 2 January 2018.
"""

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest_bytes

PROGRAM = "El proyecto Gobierno Abierto: Cocreación desde lo Local continúa."


def read(body: str, date: str = "2 de enero de 2018"):
    text = f"Ciudad de México, a {date}\nINAI/001/18\n\nTITULAR DEL COMUNICADO\n\n{body}\n\n{PROGRAM}\n"
    return extract(ingest_bytes(text.encode("utf-8"), "t.txt", "txt"))


def dated(body: str, **kw) -> list[tuple]:
    return sorted((e.state, e.event, e.year, e.date) for e in read(body, **kw).events)


@pytest.mark.parametrize(
    "when,year,date",
    [
        ("en 2016", 2016, "2016"),
        ("en marzo de 2016", 2016, "2016-03"),
        ("en junio del año pasado", 2017, "2017-06"),
        ("el 14 de febrero de 2016", 2016, "2016-02-14"),
        ("el pasado 14 de febrero", 2017, "2017-02-14"),
        ("en marzo", 2017, "2017-03"),
        ("ayer", 2018, "2018-01-01"),
        ("el pasado martes", 2018, "2018-01-02"),
        ("este jueves", 2017, "2017-12-28"),
        ("el mes pasado", 2017, "2017-12"),
        ("la semana pasada", 2017, "2017-12"),
        ("el año pasado", 2017, "2017"),
    ],
)
def test_an_events_date_has_the_precision_of_its_words(when, year, date):
    assert dated(f"Tabasco instaló su Secretariado Técnico Local {when}.") == [("27", "stl_installed", year, date)]


def test_an_event_the_text_does_not_date_has_no_date():
    assert dated("Tabasco instaló su Secretariado Técnico Local.") == [("27", "stl_installed", None, None)]


def test_respectively_pairs_each_state_with_its_own_date():
    text = "Sonora y Jalisco instalaron su Secretariado Técnico Local en febrero y marzo de 2017, respectivamente."
    assert dated(text) == [("14", "stl_installed", 2017, "2017-03"), ("26", "stl_installed", 2017, "2017-02")]


def test_respectively_pairs_each_state_with_its_own_year():
    assert dated("Sonora y Sinaloa se sumaron al programa en 2016 y 2017, respectivamente.") == [
        ("25", "joined", 2017, "2017"),
        ("26", "joined", 2016, "2016"),
    ]


def test_without_respectively_a_list_shares_the_clauses_date():
    assert dated("Sonora y Sinaloa se sumaron al programa en 2016.") == [
        ("25", "joined", 2016, "2016"),
        ("26", "joined", 2016, "2016"),
    ]


def test_respectively_pairs_each_state_with_its_own_figure():
    text = "Los Planes de Acción Local de Sonora y Sinaloa tienen cinco y siete compromisos, respectivamente."
    assert sorted((c.metric, c.value, c.state) for c in read(text).claims) == [
        ("commitments", 5, "26"),
        ("commitments", 7, "25"),
    ]
