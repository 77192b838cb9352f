"""Counts bound to what they count: a figure's noun, its qualifier, and the program metric it is, if any.

The noun is a metric term right after the figure ("26 entidades"), or before a
linking verb ("la cifra de Secretariados … llegó a 24"), or the term a table
row starts with ("Compromisos ..... 86"), or left out ("el de Durango, siete",
"De ellas, 25 cuentan ya con su Plan", see ``count_subjects.py``). A figure
that is a part ("tres de los ocho compromisos"), a whole ("26 de las 32
entidades") or an addition ("otros tres estados") is no program figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.clauses import Clauses
from pipeline.extract.count_subjects import CountSubjects
from pipeline.extract.numbers_and_dates import Number
from pipeline.extract.parsed import Match, Parsed
from pipeline.extract.states import States, mention
from pipeline.model import Mention
from pipeline.rules import fold


@dataclass(slots=True)
class Count:
    number: Number
    mention: Mention
    unit: Match | None  # the metric term it counts, wherever it stands
    increment: bool  # "otros tres", "cinco más": an addition, not a total
    noun: Match | None  # the metric term right after the figure, if any


def noun_end(number: Number, unit: Match | None) -> int:
    """Where a figure's noun phrase ends: after its counted noun when that follows it ("26 entidades"),
    else right after the figure (a noun before it, "la cifra de Secretariados … llegó a 24", or none)."""
    return unit.end if unit and unit.start >= number.end else number.end


class CountBinder:
    """Binds each count candidate of a document to its noun and metric."""

    def __init__(self, parsed: Parsed, states: States, clauses: Clauses, numeric_tokens: set[int], program: bool):
        self.parsed = parsed
        self.vocab = parsed.vocab
        self.clauses = clauses
        self.numeric_tokens = numeric_tokens
        self.program = program
        self.subjects = CountSubjects(parsed, states, clauses, numeric_tokens)

    def bind(self, candidates: list[Number]) -> list[Count]:
        return [self._count(number) for number in candidates]

    def _count(self, number: Number) -> Count:
        parsed = self.parsed
        qualifier_match = parsed.ending_at("qual", number.start)
        qualifier = qualifier_match.value if qualifier_match else ("approx" if number.collective else "exact")
        before = qualifier_match.start if qualifier_match else number.start
        noun, unit = self.unit(number)
        unit_match = noun
        if unit_match is None and not (unit and fold(unit) in self.vocab.other_units):
            unit_match = (
                self._term_before(number, before)
                or self._term_of_row(before)
                or self.subjects.having(number)
                or self.subjects.elided(number)
            )
            unit = parsed.document.text[unit_match.cstart : unit_match.cend] if unit_match else unit
        metric = unit_match.value if unit_match and unit_match.value != "_none" else None
        if metric == "states_participating":
            metric = self.subjects.where_it_exists(number, before, noun_end(number, unit_match)) or metric
        if self._is_total_of_previous(number):
            metric = None  # "26 de las 32 entidades": 32 is the whole, not a figure of the program
        elif metric not in (None, "states_participating") and self.whole_at(number.end) is not None:
            metric = None  # "tres de los ocho compromisos tienen avance": a part of a figure, not the figure
        increment = self._is_increment(number, before, unit_match)
        found = mention(
            parsed,
            number,
            "count",
            int(number.value),
            qualifier=qualifier,
            unit=unit,
            metric=metric if self.program and not increment and not self._names_again(before) else None,
        )
        return Count(number, found, unit_match, increment, noun)

    def _is_increment(self, number: Number, before: int, unit_match: Match | None) -> bool:
        """ "otros tres estados", "cinco estados más", "cuatro nuevos Secretariados": additions, not totals."""
        norm = self.parsed.norm_of
        if before > 0 and norm(before - 1) in self.vocab.increment_before:
            return True
        end = noun_end(number, unit_match)
        after = self.vocab.increment_after
        return any(norm(i) in after for i in range(number.end, min(end + 1, self.parsed.size)))

    def _names_again(self, before: int) -> bool:
        """ "estas 10 entidades": a group counted before, named again (rules/numbers.yml referring_before)."""
        return before > 0 and self.parsed.norm_of(before - 1) in self.vocab.referring_before

    def _is_total_of_previous(self, number: Number) -> bool:
        """The figure is the whole another figure before it is part of: "26 de las 32 entidades", "26 de 32"."""
        i, norm = number.start, self.parsed.norm_of
        if i >= 3 and norm(i - 1) in ("las", "los"):
            return norm(i - 2) == "de" and (i - 3) in self.numeric_tokens
        return i >= 2 and norm(i - 1) == "de" and (i - 2) in self.numeric_tokens

    def whole_at(self, i: int) -> int | None:
        """Where the figure of a whole starts when tokens from ``i`` name one: "de las 32 …", "de los ocho …",
        "de 32 …". After a figure, it is a part of that whole: "tres de los ocho compromisos". (A part of the
        country's states is the program's figure: "26 de las 32 entidades participan".)"""
        norm, size = self.parsed.norm_of, self.parsed.size
        if i + 1 >= size or norm(i) != "de":
            return None
        first = i + 2 if norm(i + 1) in ("las", "los") else i + 1
        return first if first < size and first in self.numeric_tokens else None

    def _term_before(self, number: Number, before: int) -> Match | None:
        """ "la cifra de Secretariados Técnicos Locales instalados llegó a 24": the noun precedes a linking verb.

        A clause that leaves its noun out ("se han instalado los de Oaxaca y
        Tlaxcala, para un total de siete") takes it from earlier in the sentence or
        from the sentence before, as events do.
        """
        parsed = self.parsed
        if before > 1 and parsed.token_orth[before - 1] == parsed.COMMA and not self._partitive_after(number):
            term = parsed.by_end["metric"].get(before - 1)
            if term and term.value != "_none":
                return term  # "Organizaciones de la sociedad civil, casi ciento veinte en todo el país"
        link = parsed.ending_at("link", before) or parsed.ending_at("link", number.start)
        a, b = self.clauses.of_token(number.start)
        if link is None and before > 0 and parsed.norm_of(before - 1) == "con" and self._bare(number):
            # "…, con cinco compromisos, y Sinaloa, con seis": the noun of the sentence's figure before
            start, _ = parsed.sentence_bounds(parsed.sentence_of(number.start))
            terms = [t for t in parsed.inside("metric", start, before - 1) if t.value != "_none"]
            return terms[-1] if terms else None
        elided = parsed.inside("elided", a, b)
        if link is None and not (elided and elided[0].start < number.start and self._bare(number)):
            return None  # a bare figure after an elided noun: "el de Durango, siete"
        until = link.start if link else elided[0].start
        if elided:
            since = parsed.start_of_sentence_before(parsed.sentence_of(number.start))
        else:
            since = max(a, until - self.vocab.term_before_link_window)
        terms = [t for t in parsed.inside("metric", since, until) if t.value != "_none"]
        return terms[-1] if terms else None

    def _partitive_after(self, number: Number) -> bool:
        """ "…, 10 de ellos": a part of what came before, not a figure of its own."""
        return number.end < self.parsed.size and self.parsed.norm_of(number.end) in ("de", "del")

    def _bare(self, number: Number) -> bool:
        """Nothing but punctuation follows the figure: its noun is left out."""
        return number.end >= self.parsed.size or self.parsed.is_punct(number.end)

    def _term_of_row(self, before: int) -> Match | None:
        """A table row: "Entidades participantes ........ 30" counts the term the line starts with."""
        parsed = self.parsed
        if before == 0 or not parsed.text_of(before - 1).strip(self.vocab.row_leaders) == "":
            return None
        start, _ = parsed.sentence_bounds(parsed.sentence_of(before))
        while start < before and not parsed.text_of(start).isalpha():
            start += 1  # spaces, bullets, a thread's "3/7"
        return parsed.starting_at("metric", start)

    def _past_coordinated(self, i: int) -> int:
        """Past figures coordinated with the one ending at token ``i``, which share its noun: "cinco y siete
        compromisos", "5, 7 y 9 compromisos"."""
        parsed, numeric = self.parsed, self.numeric_tokens
        j = i
        while j + 1 < parsed.size and (
            parsed.norm_of(j) in ("y", "e", "o", "u") or parsed.token_orth[j] == parsed.COMMA
        ):
            if (j + 1) not in numeric:
                break
            j += 1
            while j in numeric:
                j += 1
        return j

    def unit(self, number: Number) -> tuple[Match | None, str | None]:
        """The counted noun phrase: a metric term within three words, else the next content word.

        Skipped on the way: the spaces that align a column of figures, "de" after a collective
        ("un centenar de organizaciones"), an article ("ya son 30 las entidades"), a whole
        ("26 de las 32 entidades") and the figures coordinated with it ("cinco y siete compromisos").
        """
        parsed = self.parsed
        size, text, norm = parsed.size, parsed.text_of, parsed.norm_of
        stop = self.vocab.unit_stop_words
        first = self._past_coordinated(number.end)
        if first < size and text(first).isspace() and "\n" not in text(first):
            first += 1  # a column of figures: "  24   Secretariados Técnicos Locales instalados"
        if number.collective and first < size and norm(first) == "de":
            first += 1
        whole = self.whole_at(first)
        if whole is not None:
            first = whole
            while first in self.numeric_tokens:
                first += 1
        elif first < size and norm(first) in ("las", "los"):
            first += 1
        for offset in range(0, 3):
            start = first + offset
            if start >= size:
                break
            term = parsed.starting_at("metric", start)
            if term:
                return term, parsed.document.text[term.cstart : term.cend]
            if not text(start).isalpha() or norm(start) in stop:
                break
        if number.end < size and text(number.end).isalpha() and norm(number.end) not in stop:
            return None, text(number.end)
        return None, None
