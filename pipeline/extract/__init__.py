"""Document → Extraction: states, years, dates, counts, program claims and state events.

Pure: no I/O, deterministic, so it runs in worker processes and is easy to
test. The spaCy pipeline (``nlp.py``) finds the rule matches; the modules here
decide what they mean, one kind of reading each, in this order (see
``interpret.py``):

* ``parsed``: the shared read-only view of the bulletin (token columns,
  sentence bounds, rule matches and their look-ups);
* ``states``: state names, the longest winning, the dateline's place apart;
* ``numbers_and_dates``: numbers in digits and words, dates, years, relative years;
* ``clauses`` and ``scope``: where a clause ends, and what a negation, intention,
  hypothesis or future verb governs;
* ``counts`` and ``count_subjects``: a count's noun, qualifier and metric;
* ``referents``, ``event_years`` and ``events``: which state had which event, when;
* ``claims``: the program figures, one per distinct value, scoped to a state or not.

Word classes and distances come from ``rules/*.yml`` (``vocabulary.py``).
"""

from __future__ import annotations

from pipeline.extract.interpret import interpret
from pipeline.extract.long_texts import CHUNK_CHARS, extract_long
from pipeline.extract.scope import forget_words
from pipeline.model import Document, Extraction
from pipeline.nlp import get_nlp, process

__all__ = ["CHUNK_CHARS", "extract", "extract_many", "fresh_pipeline", "get_nlp", "interpret"]


def extract(document: Document, nlp=None) -> Extraction:
    nlp = nlp or get_nlp()
    if len(document.text) <= CHUNK_CHARS:
        return interpret(document, process(nlp, document.text))
    return extract_long(document, nlp)


def extract_many(documents, nlp=None):
    """Extraction for a stream of documents (rule components gain nothing from nlp.pipe's batching)."""
    nlp = nlp or get_nlp()
    for document in documents:
        yield extract(document, nlp)


def fresh_pipeline() -> None:
    """Drop the process's spaCy pipeline and what is cached per word, so the grown vocabulary can be freed."""
    get_nlp.cache_clear()
    forget_words()
    get_nlp()
