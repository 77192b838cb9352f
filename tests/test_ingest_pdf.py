"""PDF ingest: running headers and footers removed, hyphenation undone, lines of a paragraph joined."""

import re

import pytest
from conftest import CORPUS_DEV
from pdfmaker import write_pdf

from pipeline.ingest import ingest_file
from pipeline.ingest.pdf import read_pdf
from pipeline.model import InputError


@pytest.fixture(scope="module")
def dev_pdfs():
    return {p.name: ingest_file(p) for p in sorted(CORPUS_DEV.glob("*.pdf"))}


def test_headers_footers_and_page_numbers_are_gone(dev_pdfs):
    for doc in dev_pdfs.values():
        assert "Comunicación Social - Comunicado de prensa" not in doc.text
        assert not re.search(r"Página \d+ de \d+", doc.text)


def test_words_hyphenated_at_line_ends_are_joined(dev_pdfs):
    assert "organizaciones de la sociedad civil, además" in dev_pdfs["inai-121-19.pdf"].text
    assert "organiza-" not in dev_pdfs["inai-121-19.pdf"].text
    assert "avance físico y financiero de cada obra" in dev_pdfs["inai-301-17.pdf"].text


def test_sentence_cut_by_a_page_break_reads_whole_and_pages_are_recorded(dev_pdfs):
    doc = dev_pdfs["inai-121-19.pdf"]
    assert "El Plan de Acción Local de Chiapas incluye seis compromisos" in doc.text
    assert doc.pages == 2 and doc.page_starts[0] == 0
    assert doc.text[doc.page_starts[1] :].startswith("de Chiapas incluye")
    assert doc.page_at(doc.text.index("Chiapas incluye")) == 2
    assert doc.page_at(doc.text.index("A cuatro años")) == 1


def test_wrapped_headline_is_one_line(dev_pdfs):
    assert (
        dev_pdfs["inai-121-19.pdf"].title
        == "GOBIERNO ABIERTO: COCREACIÓN DESDE LO LOCAL LLEGA A 30 ENTIDADES FEDERATIVAS"
    )


def _lines_pdf(tmp_path, pages, **kwargs):
    path = tmp_path / "b.pdf"
    write_pdf(path, pages, **kwargs)
    return path


def test_split_names_hyphenation_and_real_compounds(tmp_path):
    pages = [
        [
            "Ciudad de México, a 2 de enero de 2018",
            "INAI/002/18",
            "SE INSTALAN SECRETARIADOS",
            "En 2015 se instalaron los primeros Secre-",
            "tariados Técnicos Locales en los estados de Morelos, Durango y Baja",
            "California, con un enfoque político-",
            "electoral y socio-",
            "económico distinto, en un acuerdo México-",
            "Estados Unidos que sigue vigente desde hace años en la región.",
        ]
    ]
    doc = ingest_file(_lines_pdf(tmp_path, pages))
    assert "los primeros Secretariados Técnicos Locales" in doc.text
    assert "Durango y Baja California, con" in doc.text
    assert "político-electoral" in doc.text
    assert "socio-económico" in doc.text
    assert "México-Estados Unidos" in doc.text


def test_pdfium_and_pdfplumber_give_the_same_text():
    for path in sorted(CORPUS_DEV.glob("*.pdf")):
        data = path.read_bytes()
        fast, plumber = read_pdf(data, engine="pdfium"), read_pdf(data, engine="pdfplumber")
        assert fast.text == plumber.text
        assert fast.page_starts == plumber.page_starts


def test_truncated_pdf_is_rejected(tmp_path):
    data = (CORPUS_DEV / "inai-121-19.pdf").read_bytes()
    with pytest.raises(InputError, match="damaged or truncated"):
        read_pdf(data[: len(data) // 3])


def test_corrupt_pdf_is_rejected():
    with pytest.raises(InputError, match="damaged or truncated"):
        read_pdf(b"%PDF-1.4\n" + bytes(range(256)) * 20)


def test_not_a_pdf_is_rejected():
    with pytest.raises(InputError, match="not a PDF"):
        read_pdf(b"<html>no</html>")


def test_encrypted_pdf_is_rejected_with_a_remedy(tmp_path):
    path = _lines_pdf(tmp_path, [["Ciudad de México, a 2 de enero de 2018", "Texto secreto."]], encrypt="clave")
    with pytest.raises(InputError, match="encrypted.*decrypt"):
        read_pdf(path.read_bytes())


def test_image_only_pdf_is_rejected_as_a_scan(tmp_path):
    path = _lines_pdf(tmp_path, [["x"] * 10, ["y"] * 10], image_only=True)
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_pdf(path.read_bytes())


def test_number_and_dateline_in_a_running_header_are_kept_once(tmp_path):
    body = [f"Párrafo {i} del comunicado sobre Secretariados Técnicos Locales en Morelos." for i in range(30)]
    pages = [
        ["INAI/121/19", "Ciudad de México, a 9 de mayo de 2019", "TITULAR DEL COMUNICADO"] + body[:15],
        ["INAI/121/19", "Ciudad de México, a 9 de mayo de 2019"]
        + body[15:]
        + ["Insurgentes Sur 3211, Col. Insurgentes Cuicuilco, Coyoacán, C.P. 04530, Ciudad de México"],
    ]
    doc = ingest_file(_lines_pdf(tmp_path, pages, header=None))
    assert (doc.bulletin, doc.published, doc.place) == ("INAI/121/19", "2019-05-09", "Ciudad de México")
    assert doc.text.count("INAI/121/19") == 1 and doc.text.count("9 de mayo de 2019") == 1
    assert "Insurgentes Sur" not in doc.text


def test_a_wider_space_between_lines_opens_a_paragraph(tmp_path):
    """A bullet without a full stop, as long as the body lines, followed by a paragraph set after a gap."""
    pages = [
        [
            "Ciudad de México, a 10 de noviembre de 2016",
            "INAI/289/16",
            "NUEVO LEÓN INSTALA SU SECRETARIADO TÉCNICO LOCAL",
            "Los tres Planes de Acción Local publicados este año reúnen 18 compromisos del proyecto",
            "",
            "Servidores públicos del gobierno estatal y representantes de organizaciones de la",
            "sociedad civil instalaron este jueves el Secretariado Técnico Local de Nuevo León.",
        ]
    ]
    path = _lines_pdf(tmp_path, pages)
    for engine in ("pdfium", "pdfplumber"):
        text = read_pdf(path.read_bytes(), engine=engine).text
        assert "18 compromisos del proyecto\n\nServidores públicos" in text
        assert "de la sociedad civil instalaron" in text


def test_the_bulletin_number_repeated_atop_later_pages_is_a_running_header(tmp_path):
    first = [
        "Ciudad de México, a 10 de noviembre de 2016",
        "INAI/293/16",
        "TITULAR DEL COMUNICADO",
        "El proyecto reúne ya a 23 entidades federativas, luego de",
    ]
    second = [
        "Comunicado INAI/293/16",
        "que en 2016 se sumaran Sonora, Sinaloa y Chihuahua al proyecto de gobierno abierto.",
    ]
    text = read_pdf(_lines_pdf(tmp_path, [first, second]).read_bytes()).text
    assert "INAI/293/16" in text and "Comunicado INAI/293/16" not in text
    assert "23 entidades federativas, luego de que en 2016 se sumaran" in text
