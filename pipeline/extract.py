"""Document → Extraction: states, years, dates, counts, program claims and state events.

Pure: no I/O, deterministic, so it runs in worker processes and is easy to
test. The spaCy pipeline (``nlp.py``) finds the rule matches; this module
decides what they mean:

* states: longest match wins, phrases in ``not_states`` veto, the dateline's
  place gets role ``dateline``;
* numbers: runs of digits and number words become one value, then a date's
  day, a year, a reference ("artículo 6") or a count with its qualifier and
  counted noun phrase;
* claims: counts of a metric's term in a program bulletin, one per distinct
  (metric, state, value, qualifier);
* events: a clause (a sentence cut at ";" and ", y") with an event's trigger
  gives that event to every state it names, with the clause's year.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter

import numpy
from spacy.attrs import LIKE_NUM, NORM, ORTH

from pipeline import rules
from pipeline.model import Claim, Document, Extraction, Mention, StateEvent
from pipeline.nlp import fold, get_nlp, process, rule_match_ids, sentence_starts, token_columns
from pipeline.numbers import DIGITS, combine, digit_value, split_word_run

STOP = {
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "y",
    "e",
    "en",
    "que",
    "se",
    "a",
    "al",
    "con",
    "por",
    "para",
    "su",
    "sus",
    "mas",
    "ya",
    "un",
    "una",
    "lo",
    "o",
    "u",
    "como",
    "sin",
    "hay",
    "ha",
    "han",
    "es",
    "son",
}
# How far before a linking verb ("llegó a 28") its subject's metric term may stand:
# "la cifra de entidades que participan en el proyecto Gobierno Abierto: Cocreación
# desde lo Local llegó a 28" puts 13 tokens between them.
TERM_BEFORE_LINK_WINDOW = 20
# How far after a count of states the verb it is the subject of may stand
# ("tres entidades –Morelos, Durango y Veracruz– han instalado …").
SUBJECT_WINDOW = 12
SUBJECT_FILLERS = {
    "ya",
    "han",
    "ha",
    "solo",
    "tambien",
    "aun",
    "hoy",
    "actualmente",
    "federativas",
    "entidades",
    "estados",
}
# How near a future verb must stand to a figure to make it a forecast (tokens either side).
FUTURE_WINDOW = 3
# Words between a scoping term and its state: "el Plan de Acción Local de Gobierno Abierto de Oaxaca".
SCOPE_SKIP = {"gobierno", "abierto"}
# Words between "con" and what a state has: "doce con su Plan de Acción Local", "cinco con un Secretariado".
HAVING_DETERMINERS = {"un", "una", "su", "sus", "el", "la", "los", "las"}
# "25 de ellas cuentan con su Plan": the pronouns of a part of the states named before.
PARTITIVE_PRONOUNS = {"ellas", "ellos", "estas", "estos", "esas", "esos"}
# How many sentences back an anaphor ("la entidad") looks for the state it refers to.
ANAPHOR_REACH = 2
STATE_LINK = {"de", "del", "la", "el", "estado", "los", "estados", "entidad", "y", "e"}


@dataclass(slots=True)
class Match:
    """A rule match in token (start, end) and character (cstart, cend) coordinates."""

    start: int
    end: int
    cstart: int
    cend: int
    kind: str
    value: str


@dataclass(slots=True)
class _Referent:
    """The state a demonym names, standing in for a state mention where an event needs one."""

    value: str


@dataclass
class Number:
    start: int
    end: int
    cstart: int
    cend: int
    value: float
    tokens: list[int] = field(default_factory=list)  # token indices
    words_only: bool = False
    collective: bool = False  # "un centenar": approximate unless qualified


@lru_cache(maxsize=1)
def _vocab():
    numbers = rules.load("numbers")
    metrics = rules.load("metrics")
    return {
        "number_words": {fold(w) for w in numbers["number_words"]},
        "articles": {fold(w) for w in numbers["articles"]},
        "multipliers": {fold(k): float(v) for k, v in numbers["multipliers"].items()},
        "collectives": {fold(k): int(v) for k, v in numbers.get("collectives", {}).items()},
        "increment_before": {fold(w) for w in numbers.get("increment_before", [])},
        "increment_after": {fold(w) for w in numbers.get("increment_after", [])},
        "other_units": {fold(w) for w in numbers.get("other_units", [])},
        "min_year": int(numbers["min_year"]),
        "max_year": int(numbers["max_year"]),
        "metrics": metrics["metrics"],
        "scoped_metrics": set(metrics.get("state_scoped_metrics", [])),
        "needs_term": {k: v.get("needs_term") for k, v in rules.load("events")["events"].items()},
        "anaphor_not_before": {fold(w) for w in rules.load("events").get("anaphor_not_before", [])},
        "future_endings": tuple(rules.load("events").get("future_endings", [])),
        "participle_endings": tuple(rules.load("events").get("participle_endings", [])),
        "conditional_not_before": {fold(w) for w in rules.load("events").get("conditional_not_before", [])},
        "start_year": int(rules.load("program").get("start_year", 2015)),
        "program_terms_min": int(rules.load("program").get("program_terms_min", 1)),
        "row_leaders": "".join(numbers.get("row_leaders", [])),
        "locative": {
            "before": {fold(w) for w in metrics.get("locative_counts", {}).get("before", [])},
            "metrics": set(metrics.get("locative_counts", {}).get("metrics", [])),
            "events": {
                metrics["metrics"][m].get("event") for m in metrics.get("locative_counts", {}).get("metrics", [])
            },
        },
    }


# -- entry points ------------------------------------------------------------


CHUNK_CHARS = 100_000


def extract(document: Document, nlp=None) -> Extraction:
    nlp = nlp or get_nlp()
    if len(document.text) <= CHUNK_CHARS:
        return interpret(document, process(nlp, document.text))
    return _extract_long(document, nlp)


def _chunk_bounds(text: str, size: int):
    """Cut points every ~size characters, at a line break when there is one, else at a space."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end


def _extract_long(document: Document, nlp) -> Extraction:
    """Very long texts (a 10 MB line from a web archive) are read in chunks with offsets shifted back.

    Sentences never cross a line break, so cutting there loses nothing; a cut at
    a space inside a giant line can at worst split one sentence.
    """
    folded = fold(document.text)
    program = is_program(
        sum(folded.count(fold(m)) for m in rules.load("program")["program_markers"]),
        sum(folded.count(fold(t)) for t in rules.load("program").get("program_terms", [])),
    )
    merged = Extraction(document.doc_id, program)
    claims: dict[tuple, Claim] = {}
    events: dict[tuple, StateEvent] = {}
    for start, end in _chunk_bounds(document.text, CHUNK_CHARS):
        span = document.dateline_span
        part = Document(
            document.text[start:end],
            document.source,
            document.format,
            document.sha256,
            document.doc_id,
            document.bulletin,
            document.published,
            document.place,
            document.title,
            dateline_span=(span[0] - start, span[1] - start) if span and start <= span[0] and span[1] <= end else None,
        )
        piece = _Interpreter(part, process(nlp, part.text), program=program).run()
        for m in piece.mentions:
            m.start, m.end = m.start + start, m.end + start
            m.page = document.page_at(m.start)
            merged.mentions.append(m)
        for c in piece.claims:
            c.start, c.end, c.evidence_start, c.evidence_end = (
                v + start for v in (c.start, c.end, c.evidence_start, c.evidence_end)
            )
            key = (c.metric, c.state, c.value, c.qualifier)
            if key not in claims or (claims[key].listed_states is None and c.listed_states):
                claims[key] = c
        for e in piece.events:
            e.start, e.end, e.evidence_start, e.evidence_end = (
                v + start for v in (e.start, e.end, e.evidence_start, e.evidence_end)
            )
            key = (e.state, e.event)
            if key not in events or (events[key].year is None and e.year is not None):
                events[key] = e
    merged.claims = list(claims.values())
    merged.events = sorted(events.values(), key=lambda e: (e.start, e.event))
    return merged


def is_program(markers: int, terms: int) -> bool:
    """A program bulletin names the program, or its Secretariados and Planes more than in passing."""
    return markers > 0 or terms >= _vocab()["program_terms_min"]  # cached: rules.load() checks the file each call


def fresh_pipeline() -> None:
    """Drop the process's spaCy pipeline and what is cached per word, so the grown vocabulary can be freed."""
    get_nlp.cache_clear()
    _SEEN_ORTHS.clear()
    _FUTURE_ORTHS.clear()
    get_nlp()


def extract_many(documents, nlp=None):
    """Extraction for a stream of documents (rule components gain nothing from nlp.pipe's batching)."""
    nlp = nlp or get_nlp()
    for document in documents:
        yield extract(document, nlp)


def interpret(document: Document, doc) -> Extraction:
    return _Interpreter(document, doc).run()


# -- interpretation ----------------------------------------------------------


class _Interpreter:
    def __init__(self, document: Document, doc, program: bool | None = None):
        self.document = document
        self.doc = doc
        self.vocab = _vocab()
        self.published = _date(document.published)
        self.sent_starts = sentence_starts(doc)
        # Token attributes as lists: creating a Python Token per look-up dominated the run time.
        self.token_orth, self.token_start, self.token_end = token_columns(doc)
        starts, ends = self.token_start, self.token_end
        columns = doc.to_array([ORTH, NORM, LIKE_NUM]) if len(doc) else numpy.zeros((0, 3), dtype="uint64")
        self.token_norm = columns[:, 1].tolist()
        self.like_num = numpy.flatnonzero(columns[:, 2]).tolist()
        self.matches: dict[str, list[Match]] = defaultdict(list)
        self.strings = strings = doc.vocab.strings
        known = _KIND_AND_VALUE.get
        for match_id, start, end in rule_match_ids(doc):
            kind, value = known(match_id) or _kind_and_value(match_id, strings)
            self.matches[kind].append(Match(start, end, starts[start], ends[end - 1], kind, value))
        self.SEMICOLON, self.COMMA = strings[";"], strings[","]
        self.CONJUNCTIONS = {strings["y"], strings["e"]}
        # Only these tokens can end a clause (see clauses()); finding them once keeps the cut per sentence cheap.
        orth, norm = columns[:, 0], columns[:, 1]
        is_cut = (orth == numpy.uint64(self.SEMICOLON)) | (orth == numpy.uint64(self.COMMA))
        for conjunction in self.CONJUNCTIONS:
            is_cut |= norm == numpy.uint64(conjunction)
        self.cut_candidates = numpy.flatnonzero(is_cut).tolist()
        self.program = (
            is_program(len(self.matches["program"]), len(self.matches["programterm"])) if program is None else program
        )
        # Indexes so every look-up is O(log n): a 10 MB text has hundreds of thousands of matches.
        self.by_start: dict[str, dict[int, Match]] = defaultdict(dict)
        self.by_end: dict[str, dict[int, Match]] = defaultdict(dict)
        self.starts: dict[str, list[int]] = {}
        # A term inside a longer one is not a term: "plan" in "plan de trabajo", "organizaciones" in
        # "organizaciones de la sociedad civil".
        self.matches["metric"] = self.longest(self.matches["metric"])
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
        self.future: list[int] | None = None  # tokens of future-tense verbs, found on first use
        self._clauses: dict[int, list[tuple[int, int]]] = {}
        self._sentence_texts: dict[int, tuple[str, int, int]] = {}
        self.date_iso: dict[int, str] = {}  # first token of a full date → its ISO date
        self.mentions: list[Mention] = []
        # States given each event per sentence, before de-duplication (for list_count_mismatch).
        self.listed: dict[tuple[int, str], set[str]] = defaultdict(set)

    # helpers

    def text_of(self, token: int) -> str:
        """A token's text, read by index: a spaCy Token object per look-up costs several times more."""
        return self.strings[self.token_orth[token]]

    def norm_of(self, token: int) -> str:
        return self.strings[self.token_norm[token]]

    def sentence_of(self, token: int) -> int:
        return bisect_right(self.sent_starts, token) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        start = self.sent_starts[index]
        end = self.sent_starts[index + 1] if index + 1 < len(self.sent_starts) else len(self.doc)
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
            known = self._sentence_texts[index] = self._slice_sentence(index)
        return known

    def _slice_sentence(self, index: int) -> tuple[str, int, int]:
        start, end = self.sentence_bounds(index)
        first, last = self.token_start[start], self.token_end[end - 1]
        text = self.document.text[first:last].rstrip()
        return text, first, first + len(text)

    def mention(self, m: Match | Number, kind: str, value, **extra) -> Mention:
        mention = Mention(
            m.cstart,
            m.cend,
            self.document.text[m.cstart : m.cend],
            kind,
            value,
            page=self.document.page_at(m.cstart),
            **extra,
        )
        self.mentions.append(mention)
        return mention

    @staticmethod
    def longest(matches: list[Match]) -> list[Match]:
        """Non-overlapping matches, longest first, then earliest."""
        taken: list[Match] = []
        occupied: set[int] = set()
        for m in sorted(matches, key=_longest_first):
            tokens = range(m.start, m.end)
            if occupied.isdisjoint(tokens):
                taken.append(m)
                occupied.update(tokens)
        taken.sort(key=_START)
        return taken

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

    def has_future(self, a: int, b: int) -> bool:
        """A verb in the future tense (acompañará, instalarán) within tokens [a, b): an intention, not a fact."""
        if self.future is None:
            words = set(self.token_orth)
            for orth in words - _SEEN_ORTHS:  # each word is judged once per process
                self._judge_future(orth)
            future = words & _FUTURE_ORTHS
            self.future = list(compress(count(), map(future.__contains__, self.token_orth))) if future else []
        return bisect_left(self.future, a) < bisect_left(self.future, b)

    def _judge_future(self, orth: int) -> None:
        _SEEN_ORTHS.add(orth)
        endings = self.vocab["future_endings"]
        if endings and self.strings[orth].lower().endswith(endings):
            _FUTURE_ORTHS.add(orth)

    def years_between(self, a: int, b: int) -> list[tuple]:
        """Year sources (years, relative years, dates) starting within tokens [a, b).

        Only when there are none, the weak ones: a month without its year ("en
        marzo") or a day relative to the bulletin's date ("ayer", "este jueves").
        """
        lo = bisect_left(self.year_starts, a)
        hi = bisect_left(self.year_starts, b)
        if hi > lo:
            return self.year_sources[lo:hi]
        lo = bisect_left(self.weak_year_starts, a)
        hi = bisect_left(self.weak_year_starts, b)
        return self.weak_year_sources[lo:hi]

    # stages

    def run(self) -> Extraction:
        self.states = self.find_states()
        self.state_at = {m.start: (m, men) for m, men in self.states}
        self.state_starts = [m.start for m, _ in self.states]  # in text order, as find_states() gives them
        self.years, self.dates, self.counts = self.find_numbers()
        self.year_sources = sorted(self.years + self.dates, key=lambda item: item[0].start)
        self.year_starts = [src.start for src, _ in self.year_sources]
        self.weak_year_sources = self.find_weak_years()
        self.weak_year_starts = [src.start for src, _ in self.weak_year_sources]
        events = self.find_events() if self.program else []
        claims = self.find_claims(events) if self.program else []
        return Extraction(self.document.doc_id, self.program, self.mentions, claims, events)

    def find_states(self) -> list[tuple[Match, Mention]]:
        vetoes = self.matches["notstate"]
        candidates = [
            m
            for m in self.matches["state"]
            if not any(v.start <= m.start and m.end <= v.end and (v.end - v.start) > (m.end - m.start) for v in vetoes)
        ]
        dateline = self.document.dateline_span
        found = []
        for m in self.longest(candidates):
            role = "dateline" if dateline and dateline[0] <= m.cstart and m.cend <= dateline[1] else "body"
            found.append((m, self.mention(m, "state", m.value, role=role)))
        return found

    # numbers, years, dates and counts

    def number_runs(self) -> list[Number]:
        words = self.vocab["number_words"]
        multipliers = self.vocab["multipliers"]
        numeric = set()
        collectives = self.vocab["collectives"]
        text, norm = self.text_of, self.norm_of
        for i in self.like_num + [m.start for m in self.matches["numword"]]:
            if DIGITS.match(text(i)) or norm(i) in words or norm(i) in collectives:
                numeric.add(i)
        self.numeric_tokens = numeric
        runs: list[list[int]] = []
        for i in sorted(numeric):
            if runs and self._joins(runs[-1], i, multipliers):
                if i - runs[-1][-1] == 2:
                    runs[-1].append(i - 1)
                runs[-1].append(i)
            else:
                runs.append([i])
        numbers = []
        for run in runs:
            numbers.extend(self._values(run, multipliers))
        return numbers

    def _joins(self, run: list[int], i: int, multipliers) -> bool:
        last = run[-1]
        text, norm = self.text_of, self.norm_of
        if i - last == 2:  # "sesenta y dos"
            return (
                norm(i - 1) == "y" and not text(last).isdigit() and not text(i).isdigit() and norm(i) not in multipliers
            )
        if i - last != 1:
            return False
        if norm(last) in multipliers or norm(i) in multipliers or norm(i) in self.vocab["collectives"]:
            return True
        return not DIGITS.match(text(last)) and not DIGITS.match(text(i))

    def _values(self, run: list[int], multipliers) -> list[Number]:
        text = self.text_of
        if len(run) == 1:  # most runs: one figure in digits ("30", "2018", "1,250")
            written = text(run[0])
            if DIGITS.match(written):
                value = digit_value(written)
                return [] if value is None else [self._number(run, float(value))]  # float, as combine() gives
        norms = [self.norm_of(i) for i in run]
        collectives = self.vocab["collectives"]
        cut = next((k for k, norm in enumerate(norms) if norm in collectives), None)
        if cut is not None:  # "dos decenas", "un centenar": base × collective, then the rest of the run
            base = [n for n in self._values(run[:cut], multipliers)] if cut else []
            if cut == 1 and norms[0] in self.vocab["articles"]:
                base = []  # "un centenar": the article is the one
            value = (base[-1].value if base else 1) * collectives[norms[cut]]
            head = self._number(run[: cut + 1], value, words_only=True)
            head.collective = True
            return base[:-1] + [head] + self._values(run[cut + 1 :], multipliers)
        has_digits = any(DIGITS.match(text(i)) for i in run)
        if not has_digits:
            out = []
            for a, b, value in split_word_run(norms):
                if b - a == 1 and norms[a] in self.vocab["articles"]:
                    continue
                out.append(self._number(run[a:b], value, words_only=True))
            return out
        atoms = []
        for i, norm in zip(run, norms):
            if norm == "y":
                continue
            written = text(i)
            value = digit_value(written) if DIGITS.match(written) else multipliers.get(norm) or split_word_run([norm])
            if isinstance(value, list):
                value = value[0][2] if value else None
            if value is None:
                return []
            atoms.append(value)
        return [self._number(run, combine(atoms, set(multipliers.values())))]

    def _number(self, tokens: list[int], value, words_only=False) -> Number:
        return Number(
            tokens[0],
            tokens[-1] + 1,
            self.token_start[tokens[0]],
            self.token_end[tokens[-1]],
            value,
            tokens,
            words_only,
        )

    def find_numbers(self):
        years: list[tuple[Match | Number, int]] = []
        dates: list[tuple[Match | Number, int]] = []
        counts: list[tuple[Number, Mention, Match | None, bool]] = []
        consumed: set[int] = set()
        numbers = self.number_runs()
        by_start = {n.start: n for n in numbers}
        for number in numbers:
            if number.start in consumed:
                continue
            date = self._date_at(number, by_start)
            if date:
                span, iso, year_number = date
                dates.append((span, int(iso[:4])))
                self.date_iso[span.start] = iso
                self.mention(span, "date", iso)
                if year_number:
                    consumed.add(year_number.start)
                continue
            year = self._short_year(number) or (int(number.value) if self._is_year(number) else None)
            if year:
                years.append((number, year))
                self.mention(number, "year", year)
                continue
            if self._is_reference(number) or number.value != int(number.value) or number.value <= 0:
                continue
            counts.append(self._count(number))
        for m in self.longest(self.matches["rel"]):
            if self.published:
                year = self.published.year + int(m.value)
                years.append((m, year))
                self.mention(m, "year", year)
        years.sort(key=lambda item: item[0].start)
        return years, dates, counts

    def find_weak_years(self) -> list[tuple[Match, int]]:
        """Years implied by a month named alone or a day relative to the bulletin's date (no mentions)."""
        if not self.published:
            return []
        in_dates = set()
        for span, _ in self.dates:
            in_dates.update(range(span.start, span.end))
        found = []
        for m in self.matches["month"]:
            if m.start in in_dates:
                continue
            year = self.published.year - (int(m.value) > self.published.month)
            found.append((m, year))
        for m in self.longest(self.matches["day"]):
            found.append((m, (self.published + dt.timedelta(days=int(m.value))).year))
        return sorted(found, key=lambda item: item[0].start)

    def _date_at(self, number: Number, by_start: dict):
        """A full date starting at ``number`` ("2 de enero de 2018", "el pasado 31 de agosto")."""
        size, norm = len(self.token_orth), self.norm_of
        if len(number.tokens) != 1 or not self.text_of(number.start).isdigit() or not 1 <= number.value <= 31:
            return None
        de = number.end
        if de >= size or norm(de) != "de":
            range_end = self._day_range_end(number, by_start)
            return self._date_at(range_end, by_start) if range_end else None
        month = self.starting_at("month", de + 1)
        if not month:
            return None
        year_number = None
        end_token = month.end
        if month.end + 1 < size and norm(month.end) in ("de", "del"):
            year_number = by_start.get(month.end + 1)
            if year_number and not (len(year_number.tokens) == 1 and len(self.text_of(year_number.start)) == 4):
                year_number = None
        try:
            if year_number:
                when = dt.date(int(year_number.value), int(month.value), int(number.value))
                end_token = year_number.end
            elif self.published:
                when = dt.date(self.published.year, int(month.value), int(number.value))
                if when > self.published:
                    when = when.replace(year=when.year - 1)
            else:
                return None
        except ValueError:
            return None
        span = Match(number.start, end_token, number.cstart, self.token_end[end_token - 1], "date", "")
        return span, when.isoformat(), year_number

    def _day_range_end(self, number: Number, by_start: dict) -> Number | None:
        """ "del 22 al 28 de enero": the 22 is a day too."""
        size, norm = len(self.token_orth), self.norm_of
        if number.end + 1 < size and norm(number.end) in ("al", "y", "a"):
            following = by_start.get(number.end + 1)
            if (
                following
                and following.end < size
                and norm(following.end) == "de"
                and self.starting_at("month", following.end + 1)
            ):
                return following
        return None

    def _is_year(self, number: Number) -> bool:
        written = self.text_of(number.start)
        if len(number.tokens) != 1 or not written.isdigit() or len(written) != 4:
            return False
        if not self.vocab["min_year"] <= number.value <= self.vocab["max_year"]:
            return False
        if self.ending_at("qual", number.start):
            return False
        return not (self.starting_at("countnoun", number.end) or self.starting_at("metric", number.end))

    def _short_year(self, number: Number) -> int | None:
        """A year by its last two digits after a month: "en noviembre del dieciséis", "marzo de 17"."""
        i, value = number.start, number.value
        if value != int(value) or not 0 < value < 100 or i < 2 or self.norm_of(i - 1) not in ("de", "del"):
            return None
        if not self.ending_at("month", i - 1):
            return None
        year = 2000 + int(value)
        return year if self.vocab["min_year"] <= year <= self.vocab["max_year"] else None

    def _is_reference(self, number: Number) -> bool:
        if self.ending_at("notcount_after", number.start) or self.starting_at("notcount_before", number.end):
            return True
        i = number.start  # right after "/", "#" or "$", with no space between
        return i > 0 and self.text_of(i - 1) in ("/", "#", "$") and self.token_end[i - 1] == self.token_start[i]

    def _count(self, number: Number):
        qualifier_match = self.ending_at("qual", number.start)
        qualifier = qualifier_match.value if qualifier_match else ("approx" if number.collective else "exact")
        before = qualifier_match.start if qualifier_match else number.start
        unit_match, unit = self._unit(number)
        if unit_match is None and not (unit and fold(unit) in self.vocab["other_units"]):
            unit_match = (
                self._term_before(number, before)
                or self._term_of_row(before)
                or self._having(number)
                or self._elided_subject(number)
            )
            unit = self.document.text[unit_match.cstart : unit_match.cend] if unit_match else unit
        metric = unit_match.value if unit_match and unit_match.value != "_none" else None
        if metric == "states_participating":
            metric = self._where_it_exists(number, before, unit_match) or metric
        if self._is_total_of_previous(number):
            metric = None  # "26 de las 32 entidades": 32 is the whole, not a figure of the program
        elif metric not in (None, "states_participating") and self._is_part_of_next(number):
            metric = None  # "tres de los ocho compromisos tienen avance": a part of a figure, not the figure
        increment = self._is_increment(number, before, unit_match)
        mention = self.mention(
            number,
            "count",
            int(number.value),
            qualifier=qualifier,
            unit=unit,
            metric=metric if self.program and not increment else None,
        )
        return number, mention, unit_match, increment

    @staticmethod
    def _noun_end(number: Number, unit: Match | None) -> int:
        """Where a figure's noun phrase ends: after its counted noun when that follows it ("26 entidades"),
        else right after the figure (a noun before it, "la cifra de Secretariados … llegó a 24", or none)."""
        return unit.end if unit and unit.start >= number.end else number.end

    def _is_increment(self, number: Number, before: int, unit_match: Match | None) -> bool:
        """ "otros tres estados", "cinco estados más", "cuatro nuevos Secretariados": additions, not totals."""
        if before > 0 and self.norm_of(before - 1) in self.vocab["increment_before"]:
            return True
        end = self._noun_end(number, unit_match)
        after = self.vocab["increment_after"]
        return any(self.norm_of(i) in after for i in range(number.end, min(end + 1, len(self.token_norm))))

    def _is_total_of_previous(self, number: Number) -> bool:
        i = number.start
        return i >= 3 and (i - 3) in self.numeric_tokens and self._whole_at(i - 2)

    def _is_part_of_next(self, number: Number) -> bool:
        """ "tres de los ocho compromisos": the figure is followed by the whole it is part of. (A part of the
        country's states is the program's figure: "26 de las 32 entidades participan".)"""
        return self._whole_at(number.end)

    def _whole_at(self, i: int) -> bool:
        """Tokens from ``i`` name a whole by its figure: "de las 32 …", "de los ocho …"."""
        return (
            i + 2 < len(self.token_norm)
            and self.norm_of(i) == "de"
            and self.norm_of(i + 1) in ("las", "los")
            and (i + 2) in self.numeric_tokens
        )

    def _term_before(self, number: Number, before: int) -> Match | None:
        """ "la cifra de Secretariados Técnicos Locales instalados llegó a 24": the noun precedes a linking verb.

        A clause that leaves its noun out ("se han instalado los de Oaxaca y
        Tlaxcala, para un total de siete") takes it from earlier in the sentence or
        from the sentence before, as events do.
        """
        if before > 1 and self.token_orth[before - 1] == self.COMMA and not self._partitive_after(number):
            term = self.by_end["metric"].get(before - 1)
            if term and term.value != "_none":
                return term  # "Organizaciones de la sociedad civil, casi ciento veinte en todo el país"
        link = self.ending_at("link", before) or self.ending_at("link", number.start)
        a, b = self.clause_of(number.start)
        if link is None and before > 0 and self.norm_of(before - 1) == "con" and self._bare(number):
            # "…, con cinco compromisos, y Sinaloa, con seis": the noun of the sentence's figure before
            start, _ = self.sentence_bounds(self.sentence_of(number.start))
            terms = [t for t in self.inside("metric", start, before - 1) if t.value != "_none"]
            return terms[-1] if terms else None
        elided = self.inside("elided", a, b)
        if link is None and not (elided and elided[0].start < number.start and self._bare(number)):
            return None  # a bare figure after an elided noun: "el de Durango, siete"
        until = link.start if link else elided[0].start
        if elided:
            since = self.start_of_sentence_before(self.sentence_of(number.start))
        else:
            since = max(a, until - TERM_BEFORE_LINK_WINDOW)
        terms = [t for t in self.inside("metric", since, until) if t.value != "_none"]
        return terms[-1] if terms else None

    def _having(self, number: Number) -> Match | None:
        """ "Dieciocho estados cuentan con Secretariado Técnico Local, y doce con Plan de Acción Local": a
        figure whose noun and verb are left out, followed by "con" and a term of what states have (see
        locative_counts), counts the states that have it."""
        i, size = number.end, len(self.token_norm)
        if i >= size or self.norm_of(i) != "con":
            return None
        i += 1
        if i < size and self.norm_of(i) in HAVING_DETERMINERS:
            i += 1
        term = self.starting_at("metric", i)
        return term if term and term.value in self.vocab["locative"]["metrics"] else None

    def _elided_subject(self, number: Number) -> Match | None:
        """ "De ellas, 25 cuentan ya con su Plan de Acción Local", "Veinticinco ya instalaron su Secretariado
        Técnico Local", "en 28 de ellas funciona un Secretariado": a figure standing for states it leaves
        out, the subject of an STL or plan verb whose object is that term, counts the states having it;
        so does one whose verb follows it at once, its term named before ("Ya hay dieciséis instalados")."""
        i, size = number.end, len(self.token_norm)
        if number.start > 0 and self.norm_of(number.start - 1) in ("el", "las", "los"):
            return None  # "el 25 …", "a las 11 …": a day or an hour; "los tres cuentan con …": the states just named
        if i + 1 < size and self.norm_of(i) == "de" and self.norm_of(i + 1) in PARTITIVE_PRONOUNS:
            i += 2
        i = self._past_fillers(self._after_apposed_states(self._past_fillers(i)))
        locative, events = self.vocab["locative"]["metrics"], self.vocab["locative"]["events"]
        triggers = [m for m in self.inside("event", i, i + 4) if m.start == i and m.value in events]
        if not triggers:
            return None
        after = max(m.end for m in triggers)
        if after < size and self.norm_of(after) in HAVING_DETERMINERS:
            after += 1
        term = self.starting_at("metric", after)
        if term and term.value in locative:
            return term
        if i != number.end or self._object_after(after):
            return None  # "de los ocho, solo dos cuentan con presupuesto": the verb has an object of its own
        # "…un Secretariado Técnico Local … Ya hay dieciséis instalados en el país": the verb right after the
        # figure, its noun in the sentence before or earlier in this one.
        done = {m.value for m in triggers}
        since = self.start_of_sentence_before(self.sentence_of(number.start))
        terms = [
            t
            for t in self.inside("metric", since, number.start)
            if t.value in locative and self.vocab["metrics"][t.value].get("event") in done
        ]
        return terms[-1] if terms else None

    def _past_fillers(self, i: int) -> int:
        """The first token from ``i`` on that is not a filler between a subject and its verb ("ya", "han", "solo")."""
        while i < len(self.token_norm) and self.norm_of(i) in SUBJECT_FILLERS:
            i += 1
        return i

    def _after_apposed_states(self, i: int) -> int:
        """Past a list of states set off by commas at token ``i`` ("…, solo tres, Morelos, Durango y Oaxaca,
        han publicado su Plan"), else ``i``."""
        size = len(self.token_orth)
        if i >= size or self.token_orth[i] != self.COMMA or (i + 1) not in self.state_at:
            return i
        j = i + 1
        while j < size:
            if j in self.state_at:
                j = self.state_at[j][0].end
            elif self.token_orth[j] == self.COMMA or self.norm_of(j) in STATE_LINK:
                j += 1
            else:
                break
        return j if self.token_orth[j - 1] == self.COMMA else i

    def _object_after(self, i: int) -> bool:
        """A word that is not a place or time preposition follows at token ``i``: a verb's own object."""
        return i < len(self.token_norm) and self.norm_of(i).isalpha() and self.norm_of(i) not in VERB_ADJUNCTS

    def _partitive_after(self, number: Number) -> bool:
        """ "…, 10 de ellos": a part of what came before, not a figure of its own."""
        return number.end < len(self.token_norm) and self.norm_of(number.end) in ("de", "del")

    def _bare(self, number: Number) -> bool:
        """Nothing but punctuation follows the figure: its noun is left out."""
        return number.end >= len(self.doc) or self.doc[number.end].is_punct

    def _term_of_row(self, before: int) -> Match | None:
        """A table row: "Entidades participantes ........ 30" counts the term the line starts with."""
        if before == 0 or not self.text_of(before - 1).strip(self.vocab["row_leaders"]) == "":
            return None
        start, _ = self.sentence_bounds(self.sentence_of(before))
        while start < before and not self.text_of(start).isalpha():
            start += 1  # spaces, bullets, a thread's "3/7"
        return self.starting_at("metric", start)

    def _where_it_exists(self, number: Number, before: int, unit: Match | None) -> str | None:
        """A count of states that is a count of STL or plans: where they exist ("el Secretariado
        Técnico Local, que ya funciona en 17 estados"), or what the states did ("sólo tres
        entidades –Morelos, Durango y Veracruz– han instalado su Secretariado Técnico Local",
        "diez entidades cuentan ya con un Plan de Acción Local")."""
        locative = self.vocab["locative"]
        a, b = self.clause_of(number.start)
        terms = [t for t in self.inside("metric", a, b) if t.value in locative["metrics"]]
        owner = self.by_end["metric"].get(before - 1) if before > 1 and self.norm_of(before - 1) == "de" else None
        if owner and owner.value in locative["metrics"]:
            return owner.value  # "Secretariados Técnicos Locales de 24 entidades": where they exist
        if before > 0 and self.norm_of(before - 1) in locative["before"]:
            # The nearest term, when the clause names both: "En 18 entidades ya opera un Secretariado
            # Técnico Local y 12 entidades publicaron su Plan de Acción Local" counts Secretariados.
            nearest = min(terms, key=lambda t: (abs(t.start - number.start), t.start < number.start), default=None)
            return nearest.value if nearest else None
        event_of = {t.value: self.vocab["metrics"][t.value].get("event") for t in terms}
        after = self._noun_end(number, unit)
        for trigger in self.inside("event", after, min(b, after + SUBJECT_WINDOW)):
            # The verb's own object is the term after it: "seis estados tienen su Secretariado …, y dos, Morelos
            # y Durango, han publicado su Plan" counts Secretariados ("tienen" also has plans).
            objects = [t for t in terms if t.start >= trigger.end]
            named = objects[:1] if objects else terms
            found = next((t.value for t in named if event_of[t.value] == trigger.value), None)
            if found and self._only_the_subjects_list(after, trigger.start):
                return found
        return None

    def _only_the_subjects_list(self, a: int, b: int) -> bool:
        """Tokens [a, b) hold nothing but states, list words, punctuation and a few adverbs (no other verb)."""
        i = a
        while i < b:
            state = self.state_at.get(i)
            if state:
                i = state[0].end
                continue
            word = self.norm_of(i)
            if word.isalpha() and word not in STATE_LINK and word not in SUBJECT_FILLERS:
                return False
            i += 1
        return True

    def _unit(self, number: Number) -> tuple[Match | None, str | None]:
        """The counted noun phrase: a metric term within three words, else the next content word.

        Skipped on the way: the spaces that align a column of figures, "de" after a collective
        ("un centenar de organizaciones"), an article ("ya son 30 las entidades") and a whole
        ("26 de las 32 entidades").
        """
        size, text, norm = len(self.token_orth), self.text_of, self.norm_of
        first = number.end
        if first < size and text(first).isspace() and "\n" not in text(first):
            first += 1  # a column of figures: "  24   Secretariados Técnicos Locales instalados"
        if number.collective and first < size and norm(first) == "de":
            first += 1
        if self._whole_at(first):
            first += 2
            while first in self.numeric_tokens:
                first += 1
        elif first < size and norm(first) in ("las", "los"):
            first += 1
        for offset in range(0, 3):
            start = first + offset
            if start >= size:
                break
            term = self.starting_at("metric", start)
            if term:
                return term, self.document.text[term.cstart : term.cend]
            if not text(start).isalpha() or norm(start) in STOP:
                break
        if number.end < size and text(number.end).isalpha() and norm(number.end) not in STOP:
            return None, text(number.end)
        return None, None

    # events

    def clauses(self, sentence: int) -> list[tuple[int, int]]:
        """Token ranges of a sentence cut at ";", at "," before "y"/"e" or a contrast ("pero"), at "y"/"e" before ",",
        and before a contrast or "y"/"e" that a negation or intention follows."""
        if sentence not in self._clauses:
            self._clauses[sentence] = self._cut_clauses(sentence)
        return self._clauses[sentence]

    def _cut_clauses(self, sentence: int) -> list[tuple[int, int]]:
        start, end = self.sentence_bounds(sentence)
        cuts = [start]
        orth, norm = self.token_orth, self.token_norm
        candidates = self.cut_candidates
        for i in candidates[bisect_left(candidates, start + 1) : bisect_left(candidates, end - 1)]:
            if orth[i] == self.SEMICOLON or (orth[i] == self.COMMA and norm[i + 1] in self.CONJUNCTIONS):
                cuts.append(i + 1)
            elif norm[i] in self.CONJUNCTIONS and orth[i + 1] == self.COMMA and orth[i - 1] != self.COMMA:
                cuts.append(i)  # "… en 2016 y, al cierre de esta nota, todavía no publica …"
            elif orth[i] == self.COMMA and self.starting_at("clausebreak", i + 1):
                cuts.append(i + 1)  # "…, pero Tamaulipas aún no"
            elif norm[i] in self.CONJUNCTIONS and (
                self.starting_at("block", i + 1) or self._impersonal_event_at(i + 1) or self._negated_state_after(i)
            ):
                cuts.append(
                    i
                )  # "… firmó en 2016 y todavía no instala …", "… diez STL y se han publicado tres Planes …"
            elif norm[i] in self.CONJUNCTIONS and self._counted_subject_after(i) and self.inside("event", cuts[-1], i):
                cuts.append(
                    i
                )  # "seis estados tienen su Secretariado y solo dos, Morelos y Durango, han publicado su Plan"
        for contrast in self.inside("clausebreak", start + 1, end):
            if self.token_orth[contrast.start - 1] != self.COMMA and self.starting_at("block", contrast.end):
                cuts.append(contrast.start)  # "…, que se sumaron en 2016 pero aún no instalan su Secretariado"
        cuts.append(end)
        cuts.sort()
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def _counted_subject_after(self, conjunction: int) -> bool:
        """A count (not a year) starts the words after the conjunction: a new subject with a verb of its own.
        Not the "y" inside a number ("treinta y un Secretariados")."""
        if (conjunction - 1) in self.numeric_tokens:
            return False
        i = conjunction + 1
        while i < len(self.token_norm) and self.norm_of(i) in COUNT_LEADS:
            i += 1
        return i in self.numeric_tokens and not YEAR_DIGITS.match(self.text_of(i))

    def _negated_state_after(self, conjunction: int) -> bool:
        """ "Morelos instaló su Secretariado y Durango no instaló el suyo": a state whose own verb is
        negated starts a clause of its own, so the negation does not take Morelos's event with it. Not
        when the conjunction joins two states, which share the negation: "Aguascalientes y Tamaulipas no
        han firmado"."""
        state = self.state_at.get(conjunction + 1)
        if state is None or self.starting_at("block", state[0].end) is None:
            return False
        before = bisect_left(self.state_starts, conjunction) - 1  # the last state starting before it
        return before < 0 or self.states[before][0].end != conjunction

    def _impersonal_event_at(self, i: int) -> bool:
        """An event trigger in the impersonal "se" form ("se han publicado") starts a clause of its own;
        "y presentó su Plan" goes on with the subject before it."""
        return self.starting_at("event", i) is not None and self.norm_of(i) == "se"

    def clause_of(self, token: int) -> tuple[int, int]:
        """The clause (token range) holding ``token``."""
        for a, b in self.clauses(self.sentence_of(token)):
            if a <= token < b:
                return a, b
        return self.sentence_bounds(self.sentence_of(token))

    def find_events(self) -> list[StateEvent]:
        body_states = [(m, men) for m, men in self.states if men.role == "body"]
        if not body_states and not self.starts.get("demonym"):
            return []  # no state named, and none referred to ("la entidad poblana")
        by_sentence = defaultdict(list)
        for m, men in body_states:
            by_sentence[self.sentence_of(m.start)].append((m, men))
        found: dict[tuple[str, str], StateEvent] = {}
        previous_types: set[str] = set()
        # A sentence without a trigger or a continuation asserts no event and changes nothing carried.
        eventful = {
            self.sentence_of(m.start) for kind in ("event", "paired", "continue") for m in self.matches.get(kind, ())
        }
        year_lists = self._year_lists(eventful, by_sentence)
        for sentence in sorted(eventful | year_lists):
            carried_types: set[str] = set()
            carried_year = lead_year = None
            for k, (a, b) in enumerate(self.clauses(sentence)):
                blocker = self._first_blocker(a, b)
                if blocker is not None:
                    # Negated or intended from here on; a part before it, set off by a comma,
                    # still asserts its own verb: "Baja California, cuyo Secretariado se
                    # instaló en 2016, aún no presenta el suyo".
                    b = self._last_comma(a, blocker)
                    if b is None:
                        carried_types = set()
                        continue
                types = self.clause_triggers(a, b, sentence, nouns=blocker is None)
                if self.inside("continue", a, b) or sentence in year_lists:
                    types |= previous_types
                states = [(m, men) for m, men in by_sentence.get(sentence, []) if a <= m.start < b]
                if not states and types:
                    states = self._referred_state(a, b, sentence, by_sentence)
                clause_years = self.years_between(a, b)
                if k == 0:
                    opening = (a, b, clause_years)
                coordinated = k > 0 and self.token_norm[a] in self.CONJUNCTIONS
                inherited = False
                if not types and states and carried_types:
                    types, inherited = set(carried_types), True
                if types:
                    previous_types = carried_types = types
                    if clause_years:
                        carried_year = clause_years[-1][1]
                own_years = self._years_by_trigger(a, b, clause_years) if len(types) > 1 else {}
                for m, men in states:
                    year = self._year_for(m, clause_years)
                    if year is None and inherited:
                        year = carried_year
                    if year is None and coordinated and not clause_years:
                        if lead_year is None:
                            lead_year = self._leading_year(*opening) or 0
                        year = lead_year or None
                    for event in sorted(types):
                        event_year = own_years.get(event, year)
                        if event_year is not None and self.published and event_year > self.published.year:
                            continue
                        self._add_event(found, m, men, event, event_year, sentence)
                if blocker is not None:
                    carried_types = set()
        return sorted(found.values(), key=lambda e: (e.start, e.event))

    def _year_lists(self, eventful: set[int], by_sentence) -> set[int]:
        """Sentences that only list states under a time phrase, right after a sentence with an event (or
        another such list), which they continue: "La adhesión fue por oleadas. En 2015: Morelos, Durango
        y Oaxaca. En 2016: Sonora y Sinaloa. Y en febrero de este año, Puebla." """
        found: set[int] = set()
        for sentence in sorted(by_sentence):
            if sentence in eventful or not (sentence - 1 in eventful or sentence - 1 in found):
                continue
            a, b = self.sentence_bounds(sentence)
            if a < b and self.norm_of(a) in ("y", "e"):
                a += 1
            first_state = by_sentence[sentence][0][0].start
            cut = next((i for i in range(a, first_state) if self.text_of(i) in (":", ",")), None)
            if cut is not None and self.years_between(a, cut) and self._only_the_subjects_list(cut + 1, b):
                found.add(sentence)
        return found

    def _leading_year(self, a: int, b: int, clause_years) -> int | None:
        """The year of a time phrase that opens the sentence's first clause [a, b), before its first state
        and trigger: "En lo que va de 2018 se sumaron Colima y Yucatán, e instalaron su Secretariado Chiapas
        e Hidalgo" dates the clauses joined to it with "y"/"e" that give no year of their own."""
        first = b
        for starts in (self.state_starts, self.starts.get("event", [])):
            k = bisect_left(starts, a)
            if k < len(starts) and starts[k] < first:
                first = starts[k]
        leading = [year for src, year in clause_years if src.start < first]
        return leading[-1] if leading else None

    def _referred_state(self, a: int, b: int, sentence: int, by_sentence) -> list[tuple[Match, Mention | _Referent]]:
        """The state a clause [a, b) that names none is about, as the (span, mention) pair of an event:
        the state an anaphor refers to ("La entidad se incorporó en 2016", "este último se instaló …"),
        else the one state the clause's demonyms name ("el plan morelense"). The span is the anaphor's or
        the demonym's; the mention, the state's naming it refers to."""
        last = self.inside("lastnamed", a, b)
        if last:
            named = self._named_before(last[0].start, sentence, by_sentence, only_one=False)
            return [(last[0], named)] if named else []
        for anaphor in self.inside("anaphor", a, b):
            after = anaphor.end
            if after < len(self.token_norm) and self.norm_of(after) in self.vocab["anaphor_not_before"]:
                continue
            demonym = self.starting_at("demonym", after)
            if demonym:  # "la entidad poblana"
                span = Match(anaphor.start, demonym.end, anaphor.cstart, demonym.cend, "anaphor", demonym.value)
                return [(span, _Referent(demonym.value))]
            named = self._named_before(anaphor.start, sentence, by_sentence)
            return [(anaphor, named)] if named else []
        demonyms = self.inside("demonym", a, b)
        if demonyms and len({m.value for m in demonyms}) == 1:
            return [(demonyms[0], _Referent(demonyms[0].value))]
        return []

    def _named_before(self, token: int, sentence: int, by_sentence, only_one: bool = True) -> Mention | None:
        """The last state named before ``token`` in its sentence, else in the nearest of the ANAPHOR_REACH
        sentences before that names any; with ``only_one``, None when that place names more than one."""
        named = [men for m, men in by_sentence.get(sentence, []) if m.end <= token]
        earlier = sentence
        while not named and earlier > 0 and sentence - earlier < ANAPHOR_REACH:
            earlier -= 1
            named = [men for _, men in by_sentence.get(earlier, [])]
        return named[-1] if named and (not only_one or len({men.value for men in named}) == 1) else None

    def _years_by_trigger(self, a: int, b: int, clause_years) -> dict[str, int]:
        """With several events in one clause, each takes the year that follows its own trigger:
        "Sinaloa instaló su Secretariado en 2017 y presentó su Plan en 2018". A later trigger with no year
        after it takes one between the earlier trigger's year and itself: "se sumó en 2016 y el año pasado
        instaló su Secretariado", "instaló su Secretariado en 2017 y en 2018 presentó su Plan"."""
        triggers = sorted((m.start, m.value) for m in self.inside("event", a, b))
        years: dict[str, int] = {}
        since = None  # where the years a later trigger may take from before it begin
        for k, (start, event) in enumerate(triggers):
            until = triggers[k + 1][0] if k + 1 < len(triggers) else b
            following = [(src, y) for src, y in clause_years if start <= src.start < until]
            preceding = [y for src, y in clause_years if since is not None and since <= src.start < start]
            if event not in years and (following or preceding):
                years[event] = following[0][1] if following else preceding[-1]
            since = following[0][0].start + 1 if following else start
        return years

    def _first_blocker(self, a: int, b: int) -> int | None:
        """Where a negation, an intention, a hypothesis or a future verb starts in tokens [a, b), if anywhere."""
        blocks = self.inside("block", a, b)
        first = blocks[0].start if blocks else None
        conditional = self._conditional_in(a, b)
        if conditional is not None:
            first = conditional if first is None else min(first, conditional)
        if self.has_future(a, b):
            future = self.future[bisect_left(self.future, a)]
            first = future if first is None else min(first, future)
        return first

    def _hedged(self, number: Number) -> bool:
        """The figure's clause negates, hedges or supposes it (not_claims, "si …"), unless the figure stands in
        a relative clause of its own after the hedge: "…sigue sin adherirse al programa, en el que ya
        participan 26 entidades"."""
        a, b = self.clause_of(number.start)
        hedges = [m.start for m in self.inside("notclaim", a, b)]
        conditional = self._conditional_in(a, b)
        if conditional is not None:
            hedges.append(conditional)
        if not hedges:
            return False
        own = [r.start for r in self.inside("relstart", a, number.start) if self.token_orth[r.start - 1] == self.COMMA]
        asides = [(i, j) for i, j in self._asides(a, b) if not i < number.start < j]
        return any(not any(hedge < r for r in own) and not any(i < hedge < j for i, j in asides) for hedge in hedges)

    def _asides(self, a: int, b: int) -> list[tuple[int, int]]:
        """Token ranges of the asides in [a, b), between a pair of dashes or in parentheses: "seis estados tienen
        su Secretariado —el órgano que debería conducir cada ejercicio— y …" hedges nothing outside them."""
        found, opened = [], None
        for i in range(a, b):
            mark = self.text_of(i)
            closes = mark == ")" or (mark in ASIDE_DASHES and opened is not None)
            if closes and opened is not None:
                found.append((opened, i))
                opened = None
            elif mark == "(" or mark in ASIDE_DASHES:
                opened = i
        return found

    def _conditional_in(self, a: int, b: int) -> int | None:
        """Where a hypothesis ("Si mañana se sumaran las 32 entidades") starts in tokens [a, b), if anywhere;
        not a concession ("Si bien …")."""
        not_before = self.vocab["conditional_not_before"]
        for m in self.inside("conditional", a, b):
            if m.end >= len(self.token_norm) or self.norm_of(m.end) not in not_before:
                return m.start
        return None

    def _last_comma(self, a: int, before: int) -> int | None:
        for i in range(before - 1, a, -1):
            if self.token_orth[i] == self.COMMA:
                return i
        return None

    def clause_triggers(self, a: int, b: int, sentence: int, nouns: bool = True) -> set[str]:
        """Events whose trigger (and, where needed, whose metric term) the clause [a, b) holds.

        A paired trigger counts only with its object in the clause ("firmaron …
        la Declaratoria"); a clause that leaves its noun out ("el de Tabasco"), and
        does not name it before, borrows the metric terms of the sentence before it
        and of its own earlier clauses.
        """
        needs_term = self.vocab["needs_term"]
        terms = {m.value for m in self.inside("metric", a, b)}
        elided = self.inside("elided", a, b)
        if elided and not self.inside("metric", a, elided[0].start):
            # Unless the clause names its noun before: "En cuanto a los Planes de Acción Local, seis
            # entidades ya tienen el suyo" borrows nothing from a sentence about Secretariados.
            since = self.start_of_sentence_before(sentence)
            terms |= {m.value for m in self.inside("metric", since, a)}
        triggered = {
            m.value
            for m in self.inside("event", a, b)
            if nouns or not fold(self.document.text[m.cstart : m.cend]).endswith(("cion", "sion"))
        }
        objects = {m.value for m in self.inside("pairobj", a, b)}
        triggered |= {m.value for m in self.inside("paired", a, b) if m.value in objects}
        return {event for event in triggered if needs_term.get(event) is None or needs_term[event] in terms}

    def _done_in_a_later_year(self, number: Number, event: str) -> bool:
        """ "En 2016 se sumaron cinco entidades", "Cuatro entidades pusieron en marcha este año su Secretariado":
        what happened that year, not the running total.

        Only a count dated to the program's first year is also its total then
        ("Trece entidades federativas firmaron en 2015 la Declaratoria"), and so is one
        over a period from that year ("Entre marzo de 2015 y mayo de 2019, 30 entidades
        firmaron"). A verb of being ("forman parte", "cuentan con", "funcionan") or a perfect
        tense tells what is, whatever the year ("En 2017 funcionan 16 Secretariados"), and
        a participle after the noun describes it ("los tres Planes publicados este año").
        """
        qualifier = self.ending_at("qual", number.start)
        before = qualifier.start if qualifier else number.start
        if self.ending_at("link", before):
            return False  # "…, con lo que suman 28 entidades": a running total
        unit = self._unit(number)[0]
        after = unit.end if unit else number.end
        a, b = self.clause_of(number.start)
        near = [
            m
            for m in self.inside("event", a, b)
            if m.value == event
            and (before - 4 <= m.end <= before or after <= m.start <= after + 4)
            and not (self.starting_at("stative", m.start) or self.ending_at("stative", m.end))
            and not fold(self.text_of(m.end - 1)).endswith(self.vocab["participle_endings"])
        ]
        if not near:
            return False  # the count is not what happened
        years = self.years_between(a, b)
        if any(year <= self.vocab["start_year"] for _, year in years):
            return False
        year = self._year_for(number, years)
        return year is not None and year > self.vocab["start_year"]

    def _year_for(self, m: Match, clause_years) -> int | None:
        """The clause's last year before the mention, else its first year after it.

        A year after the mention is not taken from a relative clause that belongs
        to another state: in "Quintana Roo se incorporó después de Campeche, que se
        sumó el año pasado", the year is Campeche's.
        """
        before = bisect_left(clause_years, m.start, key=_source_start)  # the sources are in text order
        if before:
            return clause_years[before - 1][1]
        for src, year in clause_years:
            if src.start >= m.end:
                return None if self._relative_clause_of_another(m, src.start) else year
        return None

    def _relative_clause_of_another(self, m: Match, until: int) -> bool:
        """A ", que" before ``until`` whose antecedent is not ``m`` nor a list that ``m`` belongs to."""
        orth, norm = self.token_orth, self.norm_of
        list_only = True
        i = m.end
        while i < until - 1:
            if orth[i] == self.COMMA and norm(i + 1) == "que":
                return not list_only
            state = self.state_at.get(i)
            if state:
                i = state[0].end
                continue
            if orth[i] != self.COMMA and norm(i) not in STATE_LINK:
                list_only = False
            i += 1
        return False

    def _add_event(self, found, m: Match, men: Mention, event: str, year, sentence: int) -> None:
        self.listed[(sentence, event)].add(men.value)
        key = (men.value, event)
        if key in found and (found[key].year is not None or year is None):
            return
        evidence, es, ee = self.sentence_text(sentence)
        found[key] = StateEvent(m.cstart, m.cend, men.value, event, year, self.document.published, evidence, es, ee)

    # claims

    def find_claims(self, events: list[StateEvent]) -> list[Claim]:
        metrics = self.vocab["metrics"]
        claims: dict[tuple, Claim] = {}
        unscoped: set[tuple] = set()  # claims without a state whose clause does not say they are the program's
        for number, mention, unit_match, _increment in self.counts:
            if mention.metric is None:
                continue
            sentence = self.sentence_of(number.start)
            if self._hedged(number) or self._told_in_future(number, unit_match):
                continue  # "las seis entidades que todavía no se suman", "la meta es llegar a 32", "serán 30"
            event = metrics[mention.metric].get("event")
            if event and metrics[mention.metric].get("cumulative") and self._done_in_a_later_year(number, event):
                continue
            if mention.metric == "states_participating" and (
                self._partitive_whole(number, unit_match) or self._origin_of_others(number)
            ):
                continue
            states = self._scoped_states(number, sentence) if mention.metric in self.vocab["scoped_metrics"] else []
            if len(states) > 1 and not self._lists_every_one(states, sentence):
                continue  # "los Planes de Sonora y Sinaloa suman 12 compromisos": neither one state's nor the program's
            state = states[0] if len(states) == 1 else None
            listed = len(self.listed.get((sentence, event), ())) if event else 0
            evidence, es, ee = self.sentence_text(sentence)
            key = (mention.metric, state, mention.value, mention.qualifier)
            if key in claims and (claims[key].listed_states is not None or not listed):
                continue  # one claim per figure; the sentence that lists its states is the best evidence
            claims[key] = Claim(
                mention.start,
                mention.end,
                mention.metric,
                mention.value,
                mention.qualifier,
                state,
                self._as_of(number, sentence),
                evidence,
                es,
                ee,
                listed or None,
            )
            if state is None and not self.inside("programwide", *self.clause_of(number.start)):
                unscoped.add(key)
        # "• El documento reúne seis compromisos" in the bullets and "El plan morelense tiene seis compromisos"
        # in the body: one figure, told once without its state. A figure said to be the program's ("en total")
        # stays.
        for metric, _state, value, qualifier in [key for key in claims if key[1] is not None]:
            if (metric, None, value, qualifier) in unscoped:
                del claims[(metric, None, value, qualifier)]
                unscoped.discard((metric, None, value, qualifier))
        return list(claims.values())

    def _scoped_states(self, number: Number, sentence: int) -> list[str]:
        """The states a figure is about: "el Plan de Acción Local de Durango incluye siete compromisos" → [10].

        A plan or STL term followed by "de <state>" or a demonym ("el Plan de
        Acción Local tabasqueño") scopes the figure after it in the sentence.
        Failing that, and unless the clause says the figure is the program's ("en
        total", "suman"), a term in the figure's clause scopes it too: one after
        the figure ("Con seis compromisos … presentaron el Plan de Acción Local de
        Oaxaca"), or one the clause's subject owns ("Chiapas presentó su Plan de
        Acción Local, con seis compromisos"). First of all, in a sentence about
        plans or STL, one state named in the figure's own clause before it: "Hidalgo
        presentó el suyo, con seis compromisos, y Chihuahua, en septiembre, con siete";
        then an elided noun: "el Plan de Morelos incluye seis compromisos; el de Durango, siete".
        """
        a, b = self.clause_of(number.start)
        start, _ = self.sentence_bounds(sentence)
        wide = bool(self.inside("programwide", a, b))
        own = set(self.body_states_within(a, number.start))
        if (
            len(own) == 1
            and not wide
            and (self.inside("scope", start, b) or self.inside("elided", start, b))
            and not self._figure_between(self._last_state_end(a, number.start), number.start)
        ):
            return list(
                own
            )  # not "Puebla, se sumó en febrero— y que ha generado 17 Planes con más de cien compromisos"
        for elided in reversed(self.inside("elided", start, number.start) if not wide else []):
            if self._figure_between(elided.end, number.start):
                break  # "—la más reciente, Puebla, …— y ha generado 17 Planes con más de cien compromisos"
            found = self._states_after(elided.end, number.start)
            if found:
                return found
        for scope in reversed(self.inside("scope", start, number.start)):
            if wide and self._figure_between(scope.end, number.start):
                break  # "Con el plan jalisciense suman ocho Planes …, con 50 compromisos en total": the program's
            found = self._states_after(scope.end, number.start)
            if found:
                return found
        if wide:
            return []
        for scope in self.inside("scope", a, b):
            found = self._states_after(scope.end, b) if scope.start > number.start else []
            if not found and scope.start > a and self.norm_of(scope.start - 1) in ("su", "sus"):
                found = self.body_states_within(a, scope.start)
            if found:
                return found
        return []

    def _last_state_end(self, a: int, b: int) -> int:
        """Where the last state named in tokens [a, b) ends (``a`` when none is)."""
        return max((m.end for m, _ in self._body_states_in(a, b)), default=a)

    def _figure_between(self, a: int, b: int) -> bool:
        """Another program figure lies in tokens [a, b)."""
        return any(a <= number.start < b and mention.metric for number, mention, _, _ in self.counts)

    def body_states_within(self, a: int, b: int) -> list[str]:
        """Codes of the states named in tokens [a, b), outside the dateline, in text order."""
        return [men.value for _, men in self._body_states_in(a, b)]

    def _body_states_in(self, a: int, b: int) -> list[tuple[Match, Mention]]:
        """The states named in tokens [a, b), outside the dateline, in text order, with their matches."""
        states = self.states[bisect_left(self.state_starts, a) : bisect_left(self.state_starts, b)]
        return [(m, men) for m, men in states if m.end <= b and men.role == "body"]

    def _states_after(self, i: int, limit: int) -> list[str]:
        """States named right after a scoping term: "de Durango", "de Sonora y Sinaloa", "tabasqueño"."""
        found: list[str] = []
        while i < limit:
            if self.norm_of(i) in STATE_LINK or self.norm_of(i) in SCOPE_SKIP or self.token_orth[i] == self.COMMA:
                i += 1
                continue
            demonym = self.starting_at("demonym", i)
            if demonym and not found:
                return [demonym.value]
            m, men = self.state_at.get(i, (None, None))
            if m is None or m.end > limit or men.role != "body":
                break
            found.append(men.value)
            i = m.end
        return found

    def _told_in_future(self, number: Number, unit_match: Match | None) -> bool:
        """A future verb right at the figure ("la red alcanzará 32 entidades", "serán 30 las entidades",
        "se instalarán cinco STL"); one further off in the clause governs something else
        ("el siguiente paso será instalar el STL, instancia que ya funciona en 17 estados")."""
        qualifier = self.ending_at("qual", number.start)
        before = qualifier.start if qualifier else number.start
        after = self._noun_end(number, unit_match)
        return self.has_future(max(0, before - FUTURE_WINDOW), before) or self.has_future(after, after + FUTURE_WINDOW)

    def _lists_every_one(self, states: list[str], sentence: int) -> bool:
        """The sentence counts the plans or STL it lists, so they are all the program's:
        "se han publicado dos Planes de Acción Local, los de Morelos y Durango, que suman 13 compromisos"."""
        start, end = self.sentence_bounds(sentence)
        return any(
            mention.metric in ("plans_published", "stl_installed")
            and mention.value == len(states)
            and start <= counted.start < end
            for counted, mention, _, _ in self.counts
        )

    def _origin_of_others(self, number: Number) -> bool:
        """ "más de 300 asistentes de 20 entidades": where other people came from, not states taking part."""
        i = number.start
        qualifier = self.ending_at("qual", i)
        i = qualifier.start if qualifier else i
        return (
            i >= 3 and self.norm_of(i - 1) == "de" and self.text_of(i - 2).isalpha() and (i - 3) in self.numeric_tokens
        )

    def _partitive_whole(self, number: Number, unit: Match | None) -> bool:
        """ "de las 32 entidades del país, 30 participan": 32 is the whole country, not a figure. Unless a
        "que" clause right after its noun says the whole takes part: "De las 15 entidades que hoy forman
        parte del programa, es la primera …"."""
        i = number.start
        if not (i >= 2 and self.norm_of(i - 1) in ("las", "los") and self.norm_of(i - 2) == "de"):
            return False
        after = self._noun_end(number, unit)
        if after < len(self.token_norm) and self.norm_of(after) == "que":
            return not self.inside("participating", after + 1, min(after + 4, self.clause_of(after)[1]))
        return True

    def _as_of(self, number: Number, sentence: int) -> str | None:
        """The bulletin's date, or the end of an earlier period the clause dates the figure to.

        A year that starts a period ("el proyecto, que el INAI impulsa desde 2015,
        cuenta con 23 entidades") does not date the figure.
        """
        published = self.document.published
        if not self.published:
            return published
        a, _ = self.clause_of(number.start)
        earlier = [(src, y) for src, y in self.years_between(a, number.start) if not self.ending_at("since", src.start)]
        if not earlier:
            return published
        end = self._period_end(*earlier[-1])
        return end.isoformat() if end < self.published else published

    def _period_end(self, source, year: int) -> dt.date:
        """The last day a year source names: a full date itself, "enero de 2018" its month, "2015" its year."""
        if source.start in self.date_iso:
            return dt.date.fromisoformat(self.date_iso[source.start])
        if source.start >= 2 and self.norm_of(source.start - 1) in ("de", "del"):
            month = self.ending_at("month", source.start - 1)
            if month:
                following = dt.date(year + (int(month.value) == 12), int(month.value) % 12 + 1, 1)
                return following - dt.timedelta(days=1)
        return dt.date(year, 12, 31)


# Words (by their string id, stable within a process) judged so far, and those of them that are future-tense verbs.
_SEEN_ORTHS: set[int] = set()
_FUTURE_ORTHS: set[int] = set()


_KIND_AND_VALUE: dict[int, tuple[str, str]] = {}
_START = attrgetter("start")


def _source_start(item: tuple) -> int:
    return item[0].start


def _longest_first(m: Match) -> tuple[int, int]:
    return -(m.cend - m.cstart), m.cstart


ASIDE_DASHES = {"—", "–"}
# Words that may stand between "y" and the count that starts a new subject: "… y solo dos, Morelos y Durango, …".
COUNT_LEADS = {"solo", "ya", "otras", "otros", "apenas", "unicamente", "hoy"}
YEAR_DIGITS = re.compile(r"\d{4}$")

# Words that may follow a verb without being its object: "Ya hay dieciséis instalados en el país".
VERB_ADJUNCTS = {"en", "a", "al", "desde", "hasta", "ya", "hoy", "actualmente", "durante", "entre", "y", "e"}


def _kind_and_value(match_id: int, strings) -> tuple[str, str]:
    """A match label "<kind>:<value>" split, once per label: its id is the label's hash, the same in every pipeline."""
    found = _KIND_AND_VALUE.get(match_id)
    if found is None:
        kind, _, value = strings[match_id].partition(":")
        found = _KIND_AND_VALUE[match_id] = (kind, value)
    return found


def _date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None
