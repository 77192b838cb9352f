"""Build the spaCy pipeline from ``rules/``: a blank Spanish pipeline plus rule components.

No statistical model: the bulletins are formulaic, and rules an analyst can read
and edit beat a model nobody here can retrain. The components are

* ``fold_norms``: makes every token's NORM its lower-case, accent-free form at
  the vocabulary level (computed once per word type, no per-token cost), so
  "Nuevo Leon", "NUEVO LEÓN" and "Nuevo León" all match one pattern.
* ``bulletin_senter``: sentence starts at every line (headline, bullets and
  paragraphs each stand alone) and after sentence-final punctuation.
* two ``span_ruler`` components fed from the rule files (see rule_patterns.py): one matching on NORM
  (state names, metric terms, event triggers, qualifiers, number words, months,
  relative years, …), one matching abbreviations
  exactly (``NL``, ``CDMX``) on ORTH.

Every match is kept as a (label, start, end) tuple with a label
"<group>:<value>" that ``extract.py`` interprets; ``spans(doc)`` shows them as Spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from operator import add, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy
import spacy
import srsly
from spacy.attrs import IDX, LENGTH, NORM, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.rule_patterns import abbreviation_patterns, phrase_patterns
from pipeline.rules import fold

if TYPE_CHECKING:
    from thinc.types import Ints2d

RULES_KEY = "rules"
ABBREV_KEY = "abbreviations"
TEXT_KEY = "text"  # doc.user_data key holding the original string, set by process()
SENT_STARTS_KEY = "sentence_starts"  # doc.user_data key: the sentence starts bulletin_senter set, as a list
# doc.user_data key: each token's string id, start and end offset, as the tokenizer made them. Like the
# sentence starts, it describes the tokens as made: a component that merged or split tokens would have to
# drop both keys (none here does; test_nlp checks both against the Doc).
TOKENS_KEY = "tokens"

# One regular expression cuts a bulletin into tokens. spaCy's general Spanish
# tokenizer calls Python-level prefix, suffix and infix searches for every new
# chunk; this one pass is 3–5 times faster on bulletins (see `pipeline bench`),
# and the rule patterns are cut by it too, so text and patterns always agree.
# Possessive quantifiers (++ *+) keep a word from being given back letter by
# letter when it is not an identifier: the same tokens, in half the time.
_TOKEN = re.compile(
    r"""
    (                                # a token …
      (?:[^\W\d_]\.){2,}            #   initials: D.F.  B.C.S.  S.L.P.
    | [^\W\d_]++(?:                 #   a word, then
        (?:[-/]\d+)++               #     an identifier's numbers: INAI/002/18  INAI-048-16  COVID-19
      | (?:[-'’][^\W\d_]+)*+        #     or inner hyphens: político-electoral, sur-sureste
      )
    | \d++(?:[.,:/-]\d+)*+          #   numbers and number-like codes: 2018  1,250  3.5  14:27  2/01/2018
    | \.{2,}|…+                     #   ellipses and table leaders
    | \S                            #   any other character on its own: , ; ( ) * / % º
    | \s++                          #   or other whitespace: line breaks, runs of spaces
    )([ ]?)                          # … and the one space after it (none after whitespace: \s++ took it all)
    """,
    re.VERBOSE,
)


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _Orths(dict):
    """Word → string id; a word not seen before is added to the StringStore on first look-up."""

    def __init__(self, strings):
        super().__init__()
        self.strings = strings

    def __missing__(self, word: str) -> int:
        orth = self[word] = self.strings.add(word)
        return orth


class BulletinTokenizer:
    """Text → Doc with the tokens of ``_TOKEN``; whitespace other than one space after a token is a token."""

    def __init__(self, vocab):
        self.vocab = vocab
        # Word → its id in the vocabulary's StringStore. Given ids, Doc() finds each lexeme with one
        # look-up; given strings, it hashes each word twice (UTF-8 encoded) first: 0.12 against 0.30 ms
        # a bulletin. It grows with the vocabulary and goes with it (see extract.fresh_pipeline).
        self.orths = _Orths(vocab.strings)

    def __call__(self, text: str) -> Doc:
        # map() over C functions instead of list comprehensions: no bytecode per token (−1.9 % of the
        # instructions to read and extract a bulletin, cachegrind).
        parts = _TOKEN.findall(text)
        texts = list(map(_FIRST, parts))
        words = list(map(self.orths.__getitem__, texts))
        spaces = list(map(bool, map(_SECOND, parts)))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # The offsets the senter and the rules need, summed here from the tokens' lengths, instead of read
        # back from the Doc with to_array() and converted to lists there.
        lengths = list(map(len, texts))
        starts = list(accumulate(map(add, lengths, spaces), initial=0))
        starts.pop()
        doc.user_data[TOKENS_KEY] = (words, starts, list(map(add, starts, lengths)))
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Nothing to save: the tokenizer is this code. spaCy calls these when the pipeline is saved or loaded.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs):
        return self

    def to_disk(self, path, **kwargs) -> None:
        Path(path).write_bytes(b"")

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("inai_bulletin_tokenizer")
def create_bulletin_tokenizer():
    def make(nlp: Language) -> BulletinTokenizer:
        return BulletinTokenizer(nlp.vocab)

    return make


@Language.factory("fold_norms")
class FoldNorms:
    """Install the folded NORM on the shared vocabulary; the component itself is a no-op."""

    def __init__(self, nlp: Language, name: str):
        # spaCy's vocab.pyi leaves out lex_attr_getters, a public attribute of Vocab (vocab.pxd).
        nlp.vocab.lex_attr_getters[NORM] = fold  # type: ignore[attr-defined]
        for lexeme in nlp.vocab:
            lexeme.norm_ = fold(lexeme.orth_)

    def __call__(self, doc: Doc) -> Doc:
        return doc


# A sentence ends at a line break, or at . ! ? … (and closing quotes or
# asterisks) followed by space and a capital, digit, bullet, quote or opening mark.
# The pattern starts with one character set (a line break or an end mark, then
# what follows either), not with two alternatives: only then does Python's engine
# skip straight to the next candidate instead of trying every position. The same
# matches on 2,083 texts, in a quarter of the time (35 against 115-145 µs a bulletin).
_SENTENCE_BREAK = re.compile(r"[\n.!?…](?:(?<=\n)\n*|[\"'»”*)]*[ ]+(?=[A-ZÁÉÍÓÚÑ0-9¿¡\"«“*\-•]))")
_LEADER_END = re.compile(r"[.…]{4}$|…{2}$")
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-ZÁÉÍÓÚ]|\b(?:Sr|Sra|Dr|Dra|Lic|Mtro|Mtra|Ing|núm|No|art|Art|Edo|Cd|Gral|Col|Av|etc|pág|Q))\.$"
)


@Language.factory("bulletin_senter")
class BulletinSenter:
    """Rule-based sentence splitter that knows headlines and bullet lines sit on their own line."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's sentence start in one array write (Token.is_sent_start= rescans the doc each time)."""
        if not len(doc):
            return doc
        text = doc.user_data.get(TEXT_KEY) or doc.text  # doc.text rebuilds the string token by token
        _, token_starts, _ = token_columns(doc)
        found = [0]  # token indices starting a sentence, in order (breaks come in text order)
        for match in _SENTENCE_BREAK.finditer(text):
            if text[match.start()] != "\n":
                end_mark = match.start() + 1  # the text before the break ends with its end mark
                if _ABBREVIATION_END.search(text[max(0, end_mark - 6) : end_mark]):
                    continue
                if _LEADER_END.search(text[max(0, end_mark - 4) : end_mark]):
                    continue  # "Entidades participantes ........ 30": a table row's leader, not a sentence end
            i = bisect_left(token_starts, match.end())
            while i < len(doc) and doc[i].is_space:
                i += 1
            if 0 < i < len(doc) and found[-1] != i:
                found.append(i)
        starts = numpy.zeros((len(doc), 1), dtype="uint64")  # 1 = starts a sentence, 0 = does not
        starts[found] = 1
        doc.from_array([SENT_START], cast("Ints2d", starts))  # thinc's array type for a 2-d integer array
        doc.user_data[SENT_STARTS_KEY] = found
        return doc


def token_columns(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's string id (ORTH), start and end character offset: as the tokenizer handed them over,
    else (a Doc made some other way) read from the Doc."""
    found = doc.user_data.get(TOKENS_KEY)
    if found is not None:
        return found
    columns = doc.to_array([ORTH, IDX, LENGTH]).tolist() if len(doc) else []
    return [c[0] for c in columns], [c[1] for c in columns], [c[1] + c[2] for c in columns]


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start: as bulletin_senter found them, else read in one array call
    (cheaper than iterating doc.sents)."""
    if not len(doc):
        return [0]
    found = doc.user_data.get(SENT_STARTS_KEY)
    if found is not None:
        return found
    return numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist() or [0]


@Language.factory("rule_matches", default_config={"key": RULES_KEY, "attr": "NORM"})
class RuleMatches:
    """A PhraseMatcher over rules/ patterns whose matches stay plain (label, start, end) tuples.

    Like spaCy's SpanRuler, but it keeps the matches in ``doc.user_data[key]``
    instead of building a Span object for each: on a bulletin that is more than a
    hundred objects nobody reads, and it cost more than the matching itself.
    ``spans(doc, key)`` turns them into Spans when someone wants to look. The
    patterns are saved with the pipeline (patterns.jsonl), as SpanRuler does.
    """

    def __init__(self, nlp: Language, name: str, key: str, attr: str):
        self.nlp, self.name, self.key, self.attr = nlp, name, key, attr
        self.patterns: list[dict] = []
        self.matcher = PhraseMatcher(nlp.vocab, attr=attr)

    def add_patterns(self, patterns: list[dict]) -> None:
        by_label: dict[str, list[str]] = {}
        for pattern in patterns:
            by_label.setdefault(pattern["label"], []).append(pattern["pattern"])
        for label, phrases in by_label.items():
            self.matcher.add(label, [self.nlp.tokenizer(phrase) for phrase in phrases])
        self.patterns.extend(patterns)

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[self.key] = self.matcher(doc)
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)

    def from_disk(self, path, exclude=()):
        return self._replace_patterns(list(srsly.read_jsonl(Path(path) / "patterns.jsonl")))

    def to_bytes(self, exclude=()) -> bytes:
        return srsly.msgpack_dumps(self.patterns)

    def from_bytes(self, data: bytes, exclude=()):
        return self._replace_patterns(srsly.msgpack_loads(data))

    def _replace_patterns(self, patterns: list[dict]) -> RuleMatches:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr=self.attr)
        self.patterns = []
        self.add_patterns(patterns)
        return self


def rule_match_ids(doc: Doc) -> list[tuple[int, int, int]]:
    """Every rule match of both matchers as (label's hash, start token, end token)."""
    return [match for key in (RULES_KEY, ABBREV_KEY) for match in doc.user_data.get(key, ())]


def spans(doc: Doc, key: str = RULES_KEY) -> list:
    """The matches of one matcher as labelled Spans, for a person inspecting a Doc."""
    return [Span(doc, start, end, label=match_id) for match_id, start, end in doc.user_data.get(key, ())]


def build_nlp() -> Language:
    """A fresh pipeline built from the current rule files."""
    nlp = spacy.blank("es", config={"nlp": {"tokenizer": {"@tokenizers": "inai_bulletin_tokenizer"}}})
    nlp.add_pipe("fold_norms", first=True)
    nlp.add_pipe("bulletin_senter")
    _add_rule_matches(nlp, "rule_spans", RULES_KEY, "NORM").add_patterns(phrase_patterns())
    _add_rule_matches(nlp, "abbreviation_spans", ABBREV_KEY, "ORTH").add_patterns(abbreviation_patterns())
    return nlp


def _add_rule_matches(nlp: Language, name: str, key: str, attr: str) -> RuleMatches:
    component = nlp.add_pipe("rule_matches", name=name, config={"key": key, "attr": attr})
    assert isinstance(component, RuleMatches)  # what the "rule_matches" factory makes
    return component


def process(nlp: Language, text: str) -> Doc:
    """nlp(text), with the original string handed to components that need it."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline (built once per worker)."""
    return build_nlp()
