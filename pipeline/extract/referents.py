"""States referred to rather than named: anaphors ("la entidad", "este último") and demonyms ("el plan morelense").

A clause with an event but no state name takes the state an anaphor refers to
(the one state named just before, within ``anaphor_reach`` sentences; none when
two were) or the one its demonyms name; in a text that names no state at all,
the one state its demonyms name anywhere (``States.topic``). The event's span is
then the referring words, and its state the naming's.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.parsed import Match, Parsed
from pipeline.model import Mention

StatesBySentence = dict[int, list[tuple[Match, Mention]]]


@dataclass(slots=True)
class Referent:
    """The state a demonym names, standing in for a state mention where an event needs one."""

    value: str


class Referents:
    def __init__(
        self,
        parsed: Parsed,
        by_sentence: StatesBySentence,
        topic: Match | None = None,
        numeric_tokens: set[int] | frozenset[int] = frozenset(),
    ):
        self.parsed = parsed
        self.by_sentence = by_sentence
        self.topic = topic
        self.numeric_tokens = numeric_tokens

    def in_clause(self, a: int, b: int, sentence: int) -> list[tuple[Match, Mention | Referent]]:
        """The state a clause [a, b) that names none is about, as the (span, mention) pair of an event:
        the state an anaphor refers to ("La entidad se incorporó en 2016", "este último se instaló …"),
        else the one state the clause's demonyms name ("el plan morelense"). The span is the anaphor's or
        the demonym's; the mention, the state's naming it refers to."""
        parsed = self.parsed
        last = parsed.inside("lastnamed", a, b)
        if last:
            named = self._named_before(last[0].start, sentence, only_one=False)
            return [(last[0], named)] if named else []
        for anaphor in parsed.inside("anaphor", a, b):
            after = anaphor.end
            if after < parsed.size and parsed.norm_of(after) in parsed.vocab.anaphor_not_before:
                continue
            described = self._described(anaphor)
            if described:  # "la entidad poblana"
                return [described]
            named = self._named_before(anaphor.start, sentence)
            return [(anaphor, named)] if named else []
        demonyms = parsed.inside("demonym", a, b)
        if demonyms and len({m.value for m in demonyms}) == 1:
            return [(demonyms[0], Referent(demonyms[0].value))]
        if self.topic is not None and not self.about_the_country(a, b):
            return [(self.topic, Referent(self.topic.value))]  # a text about one state: "el Instituto Duranguense"
        return []

    def described_in(self, a: int, b: int) -> list[tuple[Match, Mention | Referent]]:
        """The states clause [a, b) names by an anaphor and a demonym, a naming of its own beside the states the
        clause names: "la entidad colimense se sumó al programa, como también los estados de Nayarit y Durango"."""
        return [found for anaphor in self.parsed.inside("anaphor", a, b) if (found := self._described(anaphor))]

    def _described(self, anaphor: Match) -> tuple[Match, Referent] | None:
        """The anaphor and the demonym right after it ("la entidad poblana") as one span naming the state."""
        demonym = self.parsed.starting_at("demonym", anaphor.end)
        if demonym is None:
            return None
        span = Match(anaphor.start, demonym.end, anaphor.cstart, demonym.cend, "anaphor", demonym.value)
        return span, Referent(demonym.value)

    def about_the_country(self, a: int, b: int) -> bool:
        """The clause tells the program's own figures of states, Secretariados or plans ("a nivel nacional se han
        instalado 21 Secretariados"), not the text's one state."""
        parsed = self.parsed
        if parsed.inside("programwide", a, b):
            return True
        counted = parsed.vocab.event_metrics  # states, Secretariados, plans
        figures = [i for i in range(a, b) if i in self.numeric_tokens]
        return any(m.value in counted for i in figures for m in parsed.inside("metric", i + 1, min(b, i + 4)))

    def _named_before(self, token: int, sentence: int, only_one: bool = True) -> Mention | None:
        """The last state named before ``token`` in its sentence, else in the nearest of the sentences before
        (within ``anaphor_reach``) that names any; with ``only_one``, None when that place names more than one."""
        reach = self.parsed.vocab.anaphor_reach
        named = [men for m, men in self.by_sentence.get(sentence, []) if m.end <= token]
        earlier = sentence
        while not named and earlier > 0 and sentence - earlier < reach:
            earlier -= 1
            named = [men for _, men in self.by_sentence.get(earlier, [])]
        return named[-1] if named and (not only_one or len({men.value for men in named}) == 1) else None
