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


@pytest.mark.parametrize("written", ["INAI/002/18", "INAI-002-18", "INAI/002/2018", "INAI / 2 / 18", "inai-002-2018", "INAI/DGCS/002/18"])
def test_bulletin_number_variants_normalize(written):
    text = f"Ciudad de México, a 2 de enero de 2018\n{written}\n\nTITULAR DEL COMUNICADO\n\nCuerpo."
    assert read_metadata(text).bulletin == "INAI/002/18"


@pytest.mark.parametrize("line,place,date", [
    ("Ciudad de México, a 2 de enero de 2018", "Ciudad de México", "2018-01-02"),
    ("Xalapa, Veracruz, a 20 de abril de 2017", "Xalapa, Veracruz", "2017-04-20"),
    ("México, D.F., a 3 de diciembre de 2015", "México, D.F.", "2015-12-03"),
    ("Morelia, Michoacán, 7 de septiembre de 2016", "Morelia, Michoacán", "2016-09-07"),
    ("Ciudad de México, a 1º de marzo del 2019", "Ciudad de México", "2019-03-01"),
    ("Monterrey, Nuevo León, a lunes 5 de junio de 2017", "Monterrey, Nuevo León", "2017-06-05"),
])
def test_dateline_variants(line, place, date):
    meta = read_metadata(f"{line}\nINAI/100/17\n\nTITULAR\n\nCuerpo del comunicado.")
    assert (meta.place, meta.published) == (place, date)


def test_dates_in_the_body_are_not_the_bulletin_date():
    text = "INAI/010/18\n\nTITULAR SIN FECHA\n" + "Párrafo de relleno.\n" * 20 + "Ciudad de México, a 2 de enero de 2018\n"
    meta = read_metadata(text)
    assert meta.published is None and meta.place is None and meta.bulletin == "INAI/010/18"


def test_headline_is_one_line_even_when_wrapped():
    meta = read_metadata("Ciudad de México, a 2 de enero de 2018\nINAI/002/18\n\nGOBIERNO ABIERTO LLEGA A\nTREINTA ENTIDADES\n\n- Viñeta\n\nCuerpo.")
    assert meta.title == "GOBIERNO ABIERTO LLEGA A TREINTA ENTIDADES"
