"""The parsed bulletin every reading shares: token columns, sentence bounds and rule matches, read-only.

Built once per document from the spaCy ``Doc``. Token attributes are plain
lists and rule matches plain ``Match`` records indexed by kind, start and end:
creating spaCy ``Token`` and ``Span`` objects per look-up dominated the run
time, and a 10 MB text has hundreds of thousands of matches, so every look-up
here is a dictionary access or a bisection.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from typing import Protocol

import numpy
from spacy.attrs import LIKE_NUM, NORM, ORTH
from spacy.tokens import Doc

from pipeline.extract.vocabulary import Vocabulary, vocabulary
from pipeline.model import Document
from pipeline.nlp import rule_match_ids, sentence_starts, token_columns
from pipeline.rules import fold


@dataclass(slots=True)
class Match:
    """A rule match in token (start, end) and character (cstart, cend) coordinates."""

    start: int
    end: int
    cstart: int
    cend: int
    kind: str
    value: str


class TokenSpan(Protocol):
    """Anything that covers tokens [start, end): a rule match, a number, a date."""

    start: int
    end: int


_KIND_AND_VALUE: dict[int, tuple[str, str]] = {}
_START = attrgetter("start")


def _kind_and_value(match_id: int, strings) -> tuple[str, str]:
    """A match label "<kind>:<value>" split, once per label: its id is the label's hash, the same in every pipeline."""
    found = _KIND_AND_VALUE.get(match_id)
    if found is None:
        kind, _, value = strings[match_id].partition(":")
        found = _KIND_AND_VALUE[match_id] = (kind, value)
    return found


def _longest_first(m: Match) -> tuple[int, int]:
    return -(m.cend - m.cstart), m.cstart


def longest(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, longest first, then earliest; returned in text order."""
    if _apart(matches):
        return list(matches)  # most often: nothing to choose
    taken: list[Match] = []
    occupied: set[int] = set()
    for m in sorted(matches, key=_longest_first):
        tokens = range(m.start, m.end)
        if occupied.isdisjoint(tokens):
            taken.append(m)
            occupied.update(tokens)
    taken.sort(key=_START)
    return taken


def _apart(matches: list[Match]) -> bool:
    """The matches are in text order and none overlaps the next."""
    end = 0
    for m in matches:
        if m.start < end:
            return False
        end = m.end
    return True


def iso_date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class Parsed:
    """A document with its tokens, sentences and rule matches, and the look-ups every reading uses."""

    def __init__(self, document: Document, doc: Doc):
        self.document = document
        self.doc = doc
        self.size = len(doc)
        self.vocab: Vocabulary = vocabulary()
        self.published = iso_date(document.published)
        self.sent_starts = sentence_starts(doc)
        self.sent_starts_set = set(self.sent_starts)
        self.token_orth, self.token_start, self.token_end = token_columns(doc)
        columns = doc.to_array([ORTH, NORM, LIKE_NUM]) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        self.token_norm = columns[:, 1].tolist()
        self.like_num = numpy.flatnonzero(columns[:, 2]).tolist()
        self.strings = strings = doc.vocab.strings
        self.SEMICOLON, self.COMMA = strings[";"], strings[","]
        self.CONJUNCTIONS = {strings["y"], strings["e"]}
        self.cut_candidates = self._cut_candidates(columns)
        self.matches = self._matches()
        self._index_matches()
        self._sentence_texts: dict[int, tuple[str, int, int]] = {}

    def _cut_candidates(self, columns) -> list[int]:
        """The only tokens that can end a clause (";", "," and "y"/"e"); found once, the cut per sentence is cheap."""
        orth, norm = columns[:, 0], columns[:, 1]
        is_cut = (orth == numpy.uint64(self.SEMICOLON)) | (orth == numpy.uint64(self.COMMA))
        for conjunction in self.CONJUNCTIONS:
            is_cut |= norm == numpy.uint64(conjunction)
        return numpy.flatnonzero(is_cut).tolist()

    def _matches(self) -> dict[str, list[Match]]:
        matches: dict[str, list[Match]] = defaultdict(list)
        starts, ends, strings = self.token_start, self.token_end, self.strings
        known = _KIND_AND_VALUE.get
        for match_id, start, end in rule_match_ids(self.doc):
            kind, value = known(match_id) or _kind_and_value(match_id, strings)
            matches[kind].append(Match(start, end, starts[start], ends[end - 1], kind, value))
        # A term inside a longer one is not a term: "plan" in "plan de trabajo", "organizaciones" in
        # "organizaciones de la sociedad civil".
        matches["metric"] = longest(matches["metric"])
        text = self.document.text
        for kind in ("event", "paired"):
            if matches.get(kind):  # most triggers are written without an accent: nothing to compare
                matches[kind] = [
                    m for m in matches[kind] if text[m.cstart : m.cend].isascii() or not self._accent_clash(m)
                ]
        if matches.get("pairobj"):  # a declaration for municipalities is no state's joining
            for kind in ("pairobj", "event"):
                matches[kind] = [m for m in matches[kind] if m.value != "joined" or not self._municipal_declaration(m)]
        if matches.get("programwide"):  # "en conjunto con" is "together with", not "in all"
            not_before = self.vocab.program_wide_not_before
            matches["programwide"] = [
                m for m in matches["programwide"] if m.end >= self.size or self.norm_of(m.end) not in not_before
            ]
        return matches

    def _municipal_declaration(self, m: Match) -> bool:
        """A match naming a Declaratoria whose name goes on with a municipal word before any comma or full stop
        (rules/events.yml municipal_names): "la Declaratoria … en los Municipios del Estado"."""
        vocab = self.vocab
        if vocab.declaration_words.isdisjoint(self.token_norm[m.start : m.end]):
            return False
        for i in range(m.end, min(m.end + vocab.municipal_name_reach, self.size)):
            if self.token_orth[i] in (self.COMMA, self.SEMICOLON) or self.text_of(i) == ".":
                return False
            if self.norm_of(i) in vocab.municipal_names:
                return True
        return False

    def _accent_clash(self, m: Match) -> bool:
        """A trigger matched through a word whose accent stands elsewhere than the trigger's: "público" (an
        adjective) folds to "publicó" (the verb). A word written without its accent still matches."""
        forms = self.vocab.trigger_accents
        for word in self.document.text[m.cstart : m.cend].lower().split():
            if not word.isascii():
                written = forms.get(fold(word))
                if written is not None and word not in written:
                    return True
        return False

    def _index_matches(self) -> None:
        self.by_start: dict[str, dict[int, Match]] = defaultdict(dict)
        self.by_end: dict[str, dict[int, Match]] = defaultdict(dict)
        self.starts: dict[str, list[int]] = {}
        for kind, found in self.matches.items():
            found.sort(key=attrgetter("start", "end"))
            self.starts[kind] = [m.start for m in found]
            # The longest match ending at each token is the first in (start, end) order to end there;
            # the longest starting at a token, the first there with the largest end.
            self.by_end[kind] = {m.end: m for m in reversed(found)}
            by_start = self.by_start[kind]
            for m in found:
                other = by_start.get(m.start)
                if other is None or other.end < m.end:
                    by_start[m.start] = m

    # tokens

    def text_of(self, token: int) -> str:
        """A token's text, read by index: a spaCy Token object per look-up costs several times more."""
        return self.strings[self.token_orth[token]]

    def norm_of(self, token: int) -> str:
        return self.strings[self.token_norm[token]]

    def is_punct(self, token: int) -> bool:
        return self.doc[token].is_punct

    def last_comma(self, a: int, before: int) -> int | None:
        """The last comma in tokens (a, before), if any."""
        for i in range(before - 1, a, -1):
            if self.token_orth[i] == self.COMMA:
                return i
        return None

    # sentences

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.sent_starts, token) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        start = self.sent_starts[index]
        end = self.sent_starts[index + 1] if index + 1 < len(self.sent_starts) else self.size
        return start, end

    def start_of_sentence_before(self, index: int) -> int:
        """Where an elided noun looks for its term: the sentence before (or this one, if first), or the one
        before that when the sentence before names no term ("…un Secretariado Técnico Local… Ya hay
        dieciséis instalados en el país. El de Oaxaca lo instalamos en febrero")."""
        before = max(0, index - 1)
        if before > 0 and not self.inside("metric", self.sent_starts[before], self.sent_starts[index]):
            before -= 1
        return self.sent_starts[before]

    def sentence_text(self, index: int) -> tuple[str, int, int]:
        """The sentence's text and character offsets, sliced from the document string.

        Sliced once per sentence: a sentence listing sixteen states is the evidence
        of sixteen events, and one string object is also pickled once for the writer.
        """
        known = self._sentence_texts.get(index)
        if known is None:
            start, end = self.sentence_bounds(index)
            first, last = self.token_start[start], self.token_end[end - 1]
            text = self.document.text[first:last].rstrip()
            known = self._sentence_texts[index] = (text, first, first + len(text))
        return known

    # rule matches

    def ending_at(self, kind: str, token: int) -> Match | None:
        """The longest match of ``kind`` ending right before ``token``."""
        return self.by_end[kind].get(token)

    def starting_at(self, kind: str, token: int) -> Match | None:
        return self.by_start[kind].get(token)

    def inside(self, kind: str, a: int, b: int) -> list[Match]:
        """Matches of ``kind`` lying within tokens [a, b)."""
        starts = self.starts.get(kind)
        if not starts:
            return []
        return [m for m in self.matches[kind][bisect_left(starts, a) : bisect_left(starts, b)] if m.end <= b]
