"""Which year of a clause dates which state's event.

A state takes the clause's last year before it, else its first year after it,
unless that year sits in a relative clause about another state ("Quintana Roo
se incorporó después de Campeche, que se sumó el año pasado"). With several
events in a clause each trigger takes the year after it; a clause joined with
"y" that gives no year takes the year of a time phrase opening the sentence,
and a sentence opening with "También" the day that opened a sentence just
before it ("Ayer, …").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from pipeline.extract.numbers_and_dates import YearSource
from pipeline.extract.parsed import Parsed, TokenSpan
from pipeline.extract.states import States

# Time phrases that name a report's occasion, a day relative to its date ("Ayer", "este lunes"): what "También …"
# adds to. A year or month opening a sentence frames a period, and what follows is not dated by it.
_OCCASION_KINDS = ("day", "weekday")


def _source_start(item: tuple) -> int:
    return item[0].start


class EventYears:
    def __init__(self, parsed: Parsed, states: States):
        self.parsed = parsed
        self.states = states
        self._added: dict[int, YearSource | None] = {}  # added_to_occasion's answer for each sentence asked about

    def source_for(self, m: TokenSpan, clause_years: list[YearSource]) -> YearSource | None:
        """The clause's last year source before the mention, else its first one after it.

        A year after the mention is not taken from a relative clause that belongs
        to another state: in "Quintana Roo se incorporó después de Campeche, que se
        sumó el año pasado", the year is Campeche's.
        """
        before = bisect_left(clause_years, m.start, key=_source_start)  # the sources are in text order
        if before:
            return clause_years[before - 1]
        for source in clause_years:
            if source[0].start >= m.end:
                return None if self._relative_clause_of_another(m, source[0].start) else source
        return None

    def _relative_clause_of_another(self, m: TokenSpan, until: int) -> bool:
        """A ", que" before ``until`` whose antecedent is not ``m`` nor a list that ``m`` belongs to."""
        parsed = self.parsed
        orth, norm, comma = parsed.token_orth, parsed.norm_of, parsed.COMMA
        list_words = parsed.vocab.state_list_words
        list_only = True
        i = m.end
        while i < until - 1:
            if orth[i] == comma and norm(i + 1) == "que":
                return not list_only
            state = self.states.at.get(i)
            if state:
                i = state[0].end
                continue
            if orth[i] != comma and norm(i) not in list_words:
                list_only = False
            i += 1
        return False

    def leading_source(self, a: int, b: int, clause_years: list[YearSource]) -> YearSource | None:
        """The year source of a time phrase that opens the sentence's first clause [a, b), before its first state
        and trigger: "En lo que va de 2018 se sumaron Colima y Yucatán, e instalaron su Secretariado Chiapas
        e Hidalgo" dates the clauses joined to it with "y"/"e" that give no year of their own."""
        first = b
        for starts in (self.states.starts, self.parsed.starts.get("event", [])):
            k = bisect_left(starts, a)
            if k < len(starts) and starts[k] < first:
                first = starts[k]
        leading = [source for source in clause_years if source[0].start < first]
        return leading[-1] if leading else None

    def by_trigger(self, a: int, b: int, clause_years: list[YearSource]) -> dict[str, YearSource]:
        """With several events in one clause, each takes the year that follows its own trigger:
        "Sinaloa instaló su Secretariado en 2017 y presentó su Plan en 2018". A later trigger with no year
        after it takes one between the earlier trigger's year and itself: "se sumó en 2016 y el año pasado
        instaló su Secretariado", "instaló su Secretariado en 2017 y en 2018 presentó su Plan"."""
        triggers = sorted((m.start, m.value) for m in self.parsed.inside("event", a, b))
        years: dict[str, YearSource] = {}
        since = None  # where the years a later trigger may take from before it begin
        for k, (start, event) in enumerate(triggers):
            until = triggers[k + 1][0] if k + 1 < len(triggers) else b
            following = [source for source in clause_years if start <= source[0].start < until]
            preceding = [source for source in clause_years if since is not None and since <= source[0].start < start]
            if event not in years and (following or preceding):
                years[event] = following[0] if following else preceding[-1]
            since = following[0][0].start + 1 if following else start
        return years

    def added_to_occasion(self, index: int, years_between: Callable[[int, int], list[YearSource]]) -> YearSource | None:
        """The time of the occasion a sentence opening with "También", "Asimismo" … adds to: the day named by the
        time phrase that opens a sentence just before it, within anaphor_reach sentences and none naming a time
        between (rules/events.yml additive_openers)."""
        if index not in self._added:
            self._added[index] = self._occasion_before(index, years_between) if self._opens_additively(index) else None
        return self._added[index]

    def _occasion_before(self, index: int, years_between: Callable[[int, int], list[YearSource]]) -> YearSource | None:
        parsed = self.parsed
        for earlier in range(index - 1, max(-1, index - 1 - parsed.vocab.anaphor_reach), -1):
            a, b = parsed.sentence_bounds(earlier)
            years = years_between(a, b)
            if years:
                lead = self.leading_source(a, b, years)
                return lead if lead is not None and getattr(lead[0], "kind", None) in _OCCASION_KINDS else None
        return None

    def _opens_additively(self, index: int) -> bool:
        """The sentence opens with one of additive_openers, compared on its first words' norms (matched as rule
        patterns everywhere, these common words cost 1.7 % of a bulletin's instructions)."""
        parsed = self.parsed
        start, end = parsed.sentence_bounds(index)
        return any(
            start + len(words) <= end and all(parsed.norm_of(start + k) == w for k, w in enumerate(words))
            for words in parsed.vocab.additive_openers
        )
