"""Property-based tests of the extractor on random and mutated bulletins (hypothesis).

Whatever the text, extraction never raises, every span is exact, and every
value is in range: state codes are INEGI codes, years lie in the configured
range, counts are positive integers, dates are real ISO dates, and claims and
events use the SPEC vocabularies.
"""

import datetime as dt
import unicodedata

from conftest import CORPUS_DEV
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import rules
from pipeline.extract import extract
from pipeline.ingest.metadata import read_metadata
from pipeline.ingest.text import normalize
from pipeline.model import Document

STATE_CODES = {f"{i:02d}" for i in range(1, 33)}
METRICS = set(rules.load("metrics")["metrics"])
EVENTS = set(rules.load("events")["events"])
QUALIFIERS = {"exact", "more_than", "at_least", "approx", "less_than", "at_most"}
BULLETINS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DEV.glob("inai-*.txt"))]
WORDS = [
    "Morelos",
    "CDMX",
    "Nuevo Leon",
    "Estado de México",
    "México",
    "más de",
    "casi",
    "veintiséis",
    "mil",
    "y",
    "2016",
    "1,250",
    "el año pasado",
    "se sumaron",
    "hicieron lo propio",
    "Secretariado Técnico Local",
    "Plan de Acción Local",
    "compromisos",
    "entidades federativas",
    "se prevé",
    "aún no",
    ";",
    ",",
    ".",
    "\n",
    "\n\n",
    "- ",
    "31 de agosto",
    "INAI/002/18",
    "%",
    "artículo",
    "un",
    "Baja",
    "California",
    "Sur",
    "de",
    "del",
    "al",
    "Cocreación desde lo Local",
]

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def document(text: str, published: str | None = "2018-01-02") -> Document:
    text = normalize(text)
    meta = read_metadata(text)
    return Document(
        text=text,
        source="h.txt",
        format="txt",
        sha256="0",
        doc_id="H",
        bulletin=meta.bulletin,
        published=meta.published or published,
        place=meta.place,
        title=meta.title,
        dateline_span=meta.dateline_span,
    )


def check(doc: Document) -> None:
    x = extract(doc)
    low, high = rules.load("numbers")["min_year"], rules.load("numbers")["max_year"]
    for m in x.mentions:
        assert doc.text[m.start : m.end] == m.surface
        if m.kind == "state":
            assert m.value in STATE_CODES and m.role in ("body", "dateline")
        elif m.kind == "year":
            assert isinstance(m.value, int) and (low <= m.value <= high or m.surface[:1].isalpha())
        elif m.kind == "count":
            assert isinstance(m.value, int) and m.value > 0 and m.qualifier in QUALIFIERS
        else:
            assert m.kind == "date" and dt.date.fromisoformat(m.value)
    for c in x.claims:
        assert doc.text[c.start : c.end] and doc.text[c.evidence_start : c.evidence_end] == c.evidence
        assert c.metric in METRICS and c.qualifier in QUALIFIERS and c.value > 0
        assert c.state is None or c.state in STATE_CODES
    for e in x.events:
        assert doc.text[e.start : e.end] and doc.text[e.evidence_start : e.evidence_end] == e.evidence
        assert e.state in STATE_CODES and e.event in EVENTS
        assert e.year is None or low <= e.year <= int(doc.published[:4])
    assert len({(c.metric, c.state, c.value, c.qualifier) for c in x.claims}) == len(x.claims)
    assert len({(e.state, e.event) for e in x.events}) == len(x.events)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text(text):
    check(document(text))


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_random_bulletin_vocabulary(text):
    check(document(f"Ciudad de México, a 2 de enero de 2018\nINAI/001/18\n\nTITULAR\n\n{text}"))


@st.composite
def mutated_bulletin(draw):
    text = draw(st.sampled_from(BULLETINS))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 80)))
        operation = draw(st.sampled_from(["delete", "duplicate", "upper", "insert", "nfd", "strip_accents"]))
        if operation == "delete":
            text = text[:i] + text[j:]
        elif operation == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif operation == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        elif operation == "insert":
            text = text[:i] + " " + draw(st.sampled_from(WORDS)) + " " + text[i:]
        elif operation == "nfd":
            text = text[:i] + unicodedata.normalize("NFD", text[i:j]) + text[j:]
        else:
            stripped = "".join(c for c in unicodedata.normalize("NFD", text[i:j]) if not unicodedata.combining(c))
            text = text[:i] + stripped + text[j:]
    return text


@SETTINGS
@given(mutated_bulletin())
def test_mutated_bulletins(text):
    check(document(text))
