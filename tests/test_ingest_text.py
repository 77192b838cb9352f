"""Plain-text ingest: encodings detected by charset-normalizer, one normalization before any offset."""

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.text import _bad_and_letters, normalize, read_text
from pipeline.model import InputError

SAMPLE = "Ciudad de México, a 2 de enero de 2018\nINAI/002/18\n\nSe instalaron 16 Secretariados Técnicos Locales en Nuevo León, Querétaro y Michoacán; más de 120 organizaciones participan.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_common_encodings_decode_to_the_same_text(encoding):
    assert read_text(SAMPLE.encode(encoding)) == SAMPLE.strip()


def test_utf16_without_bom():
    data = SAMPLE.encode("utf-16-le")
    assert not data.startswith(codecs.BOM_UTF16_LE)
    assert read_text(data) == SAMPLE.strip()


def test_mixed_utf8_and_windows_1252_bytes_are_repaired_byte_by_byte():
    data = "Secretariado Técnico Local de Querétaro".encode() + " y Michoacán".encode("cp1252")
    assert read_text(data) == "Secretariado Técnico Local de Querétaro y Michoacán"


def test_normalization_nfc_newlines_spaces_and_invisibles():
    raw = "Nuevo Leo\u0301n\r\nCiudad\u00a0de\u2009México\u200b\r\n\r\n\r\n\r\nFin\u00ad"
    text = normalize(raw)
    assert text == "Nuevo León\nCiudad de México\n\nFin"
    assert unicodedata.is_normalized("NFC", text)


def test_empty_and_whitespace_files_are_rejected_with_a_reason():
    for data in (b"", b"  \n\t \r\n"):
        with pytest.raises(InputError, match="empty"):
            read_text(data)


def _counted_one_by_one(sample: str) -> tuple[int, int]:
    bad = sum(
        1 for ch in sample if ch != "\n" and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    )
    return bad, sum(1 for ch in sample if ch.isalpha())


LATIN_1 = "".join(map(chr, range(256)))
WINDOWS_1252 = "".join(ch for ch in map(chr, range(0x2200)) if ch.encode("cp1252", "ignore"))


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(alphabet=LATIN_1), st.text(alphabet=WINDOWS_1252), st.text()))
def test_binary_check_counts_as_a_character_by_character_reading_does(sample):
    """Texts that fit Latin-1 or Windows-1252 are counted on their bytes, others per character: the same counts."""
    assert _bad_and_letters(sample) == _counted_one_by_one(sample)


def test_binary_junk_is_rejected():
    junk = bytes(range(256)) * 40
    with pytest.raises(InputError, match="binary|not text|does not look like text"):
        read_text(junk)


def test_a_table_of_contents_with_dot_leaders_is_text():
    toc = "Índice\n" + "".join(f"{i}. Capítulo {i} {'. ' * 40}{i * 3}\n" for i in range(1, 20))
    assert read_text(toc.encode()).startswith("Índice\n1. Capítulo 1 . .")
