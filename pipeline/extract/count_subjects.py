"""Counts of states told by what the states did or have, with the noun left out or after the verb.

"Dieciocho estados cuentan con Secretariado …, y doce con Plan" (``having``),
"De ellas, 25 cuentan ya con su Plan" and "Ya hay dieciséis instalados"
(``elided``), "el Secretariado …, que ya funciona en 17 estados" and "sólo tres
entidades –Morelos, Durango y Veracruz– han instalado su Secretariado"
(``where_it_exists``): each counts the states that have an STL or a plan
(rules/metrics.yml ``locative_counts``), not the states taking part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.extract.clauses import Clauses
from pipeline.extract.parsed import Match, Parsed
from pipeline.extract.states import States

if TYPE_CHECKING:
    from pipeline.extract.numbers_and_dates import Number


class CountSubjects:
    def __init__(self, parsed: Parsed, states: States, clauses: Clauses, numeric_tokens: set[int]):
        self.parsed = parsed
        self.vocab = parsed.vocab
        self.states = states
        self.clauses = clauses
        self.numeric_tokens = numeric_tokens

    def having(self, number: Number) -> Match | None:
        """ "Dieciocho estados cuentan con Secretariado Técnico Local, y doce con Plan de Acción Local": a
        figure whose noun and verb are left out, followed by "con" and a term of what states have (see
        locative_counts), counts the states that have it."""
        parsed = self.parsed
        i, size = number.end, parsed.size
        if i >= size or parsed.norm_of(i) != "con":
            return None
        i += 1
        if i < size and parsed.norm_of(i) in self.vocab.having_determiners:
            i += 1
        term = parsed.starting_at("metric", i)
        return term if term and term.value in self.vocab.locative_metrics else None

    def elided(self, number: Number) -> Match | None:
        """ "De ellas, 25 cuentan ya con su Plan de Acción Local", "Veinticinco ya instalaron su Secretariado
        Técnico Local", "en 28 de ellas funciona un Secretariado": a figure standing for states it leaves
        out, the subject of an STL or plan verb whose object is that term, counts the states having it;
        so does one whose verb follows it at once, its term named before ("Ya hay dieciséis instalados").
        One that is the subject of a joining verb ("23 se han adherido a la iniciativa"), or a place of
        the states named before ("en 15 de ellos hay planes de acción"), counts states (see
        ``states_left_out``)."""
        parsed, vocab = self.parsed, self.vocab
        i, size = number.end, parsed.size
        if number.start > 0 and parsed.norm_of(number.start - 1) in ("el", "las", "los"):
            return None  # "el 25 …", "a las 11 …": a day or an hour; "los tres cuentan con …": the states just named
        partitive = i + 1 < size and parsed.norm_of(i) == "de" and parsed.norm_of(i + 1) in vocab.partitive_pronouns
        if partitive:
            i += 2
            if number.start > 0 and parsed.norm_of(number.start - 1) in vocab.locative_before:
                return self.states_left_out(number)  # "en 15 de ellos": where; the clause's term tells what
        i = self._past_fillers(self.states.after_apposed(self._past_fillers(i)))
        triggers = [m for m in parsed.inside("event", i, i + 4) if m.start == i]
        if any(m.value == "joined" for m in triggers):
            return self.states_left_out(number)
        triggers = [m for m in triggers if m.value in vocab.locative_events]
        if not triggers:
            return None
        after = max(m.end for m in triggers)
        if after < size and parsed.norm_of(after) in vocab.having_determiners:
            after += 1
        term = parsed.starting_at("metric", after)
        if term and term.value in vocab.locative_metrics:
            return term
        if i != number.end or self._object_after(after):
            return None  # "de los ocho, solo dos cuentan con presupuesto": the verb has an object of its own
        return self._term_named_before(number, {m.value for m in triggers})

    def _term_named_before(self, number: Number, done: set[str]) -> Match | None:
        """ "…un Secretariado Técnico Local … Ya hay dieciséis instalados en el país": the verb right after the
        figure, its noun in the sentence before or earlier in this one."""
        parsed, vocab = self.parsed, self.vocab
        since = parsed.start_of_sentence_before(parsed.sentence_of(number.start))
        terms = [
            t
            for t in parsed.inside("metric", since, number.start)
            if t.value in vocab.locative_metrics and vocab.metrics[t.value].get("event") in done
        ]
        return terms[-1] if terms else None

    @staticmethod
    def states_left_out(number: Number) -> Match:
        """The states a figure counts without naming them, as an empty term (no words to store as its noun)."""
        return Match(number.end, number.end, number.cend, number.cend, "metric", "states_participating")

    def _past_fillers(self, i: int) -> int:
        """The first token from ``i`` on that is not a filler between a subject and its verb ("ya", "han", "solo")."""
        while i < self.parsed.size and self.parsed.norm_of(i) in self.vocab.subject_fillers:
            i += 1
        return i

    def _object_after(self, i: int) -> bool:
        """A word that is not a place or time preposition follows at token ``i``: a verb's own object."""
        return (
            i < self.parsed.size
            and self.parsed.norm_of(i).isalpha()
            and self.parsed.norm_of(i) not in self.vocab.verb_adjuncts
        )

    def where_it_exists(self, number: Number, before: int, after: int) -> str | None:
        """A count of states that is a count of STL or plans: where they exist ("el Secretariado
        Técnico Local, que ya funciona en 17 estados"), or what the states did ("sólo tres
        entidades –Morelos, Durango y Veracruz– han instalado su Secretariado Técnico Local",
        "diez entidades cuentan ya con un Plan de Acción Local"). ``before`` is where the figure's qualifier
        starts, ``after`` where its noun phrase ends."""
        parsed, vocab = self.parsed, self.vocab
        a, b = self.clauses.of_token(number.start)
        terms = [t for t in parsed.inside("metric", a, b) if t.value in vocab.locative_metrics]
        owner = parsed.by_end["metric"].get(before - 1) if before > 1 and parsed.norm_of(before - 1) == "de" else None
        if owner and owner.value in vocab.locative_metrics:
            return owner.value  # "Secretariados Técnicos Locales de 24 entidades": where they exist
        if before > 0 and parsed.norm_of(before - 1) in vocab.locative_before:
            # The nearest term, when the clause names both: "En 18 entidades ya opera un Secretariado
            # Técnico Local y 12 entidades publicaron su Plan de Acción Local" counts Secretariados.
            nearest = min(terms, key=lambda t: (abs(t.start - number.start), t.start < number.start), default=None)
            return nearest.value if nearest else None
        event_of = {t.value: vocab.metrics[t.value].get("event") for t in terms}
        verb_from = self.states.after_apposed(after)  # past a list naming the states counted
        for trigger in parsed.inside("event", verb_from, min(b, verb_from + vocab.subject_verb_window)):
            # The verb's own object is the term after it: "seis estados tienen su Secretariado …, y dos, Morelos
            # y Durango, han publicado su Plan" counts Secretariados ("tienen" also has plans).
            objects = [t for t in terms if t.start >= trigger.end]
            named = objects[:1] if objects else terms
            found = next((t.value for t in named if event_of[t.value] == trigger.value), None)
            if found and self.states.only_list_between(after, trigger.start, vocab.subject_fillers):
                return found
        return None
