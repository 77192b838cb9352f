"""Which event triggers of a clause tell an event: the verb, the noun it needs, and what the verb takes.

A trigger tells its event with its metric's term in the clause (or one a clause
that leaves its noun out borrows); a paired trigger with its object; a joining
verb with no object, or with the program as its object, not with something
else ("se suma a los trabajos"); a having verb only with the event's noun as
what it has ("cuenta ya con su Secretariado", not "los compromisos tienen
avances"). Work under way on a plan ("la construcción del Plan") names no term.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.strings import get_string_id

from pipeline.extract.parsed import Match, Parsed
from pipeline.extract.states import States
from pipeline.rules import fold

_OBJECT_REACH = 10  # tokens after a joining verb where its object "a …" may start
_ASIDE_REACH = 40  # tokens an aside between a joining verb and its object may span
# As string ids, tested against token norms: "a" or "al" opens a joining verb's object, a determiner may follow.
_TO = frozenset(map(get_string_id, ("a", "al")))
_OF = frozenset(map(get_string_id, ("de", "del")))  # … and "de" or "del" that of "forma parte"
_DETERMINERS = frozenset(
    map(
        get_string_id,
        ("la", "las", "el", "los", "este", "esta", "estos", "estas", "su", "sus", "dicho", "dicha", "dichos", "dichas"),
    )
)


def told_only_by(triggers: Iterable[Match], types: set[str], kind: Callable[[Match], object]) -> set[str]:
    """The events of ``types`` that some of ``triggers`` tell and all of those that tell them are of ``kind``:
    a Secretariado only a session tells ("la octava sesión del Secretariado"), a plan only a noun tells ("la
    presentación del Plan")."""
    by_event: dict[str, list[Match]] = {}
    for m in triggers:
        by_event.setdefault(m.value, []).append(m)
    return {event for event in types if (told := by_event.get(event)) and all(kind(m) for m in told)}


class ClauseTriggers:
    """The events a clause's triggers tell, read from one parsed document (rules/events.yml, rules/program.yml)."""

    def __init__(self, parsed: Parsed, states: States):
        self.parsed = parsed
        self.states = states

    def of_clause(self, a: int, b: int, sentence: int, nouns: bool = True) -> set[str]:
        """Events whose trigger (and, where needed, whose metric term) the clause [a, b) holds.

        A paired trigger counts only with its object in the clause ("firmaron …
        la Declaratoria"); a clause that leaves its noun out ("el de Tabasco"), and
        does not name it before, borrows the metric terms of the sentence before it
        and of its own earlier clauses. Without ``nouns``, a trigger that is a noun
        ("instalación") does not count.
        """
        parsed = self.parsed
        endings = parsed.vocab.nominalization_endings
        text = parsed.document.text
        triggered = {
            m.value
            for m in parsed.inside("event", a, b)
            if (nouns or not fold(text[m.cstart : m.cend]).endswith(endings))
            and not (m.value == "joined" and self.joins_other(m))
            and not self.has_nothing(m)
        }
        paired = parsed.inside("paired", a, b)
        if paired:
            objects = {m.value for m in parsed.inside("pairobj", a, b)}
            triggered |= {m.value for m in paired if m.value in objects}
        needs_term = parsed.vocab.needs_term
        if not any(needs_term.get(event) for event in triggered):
            return triggered
        terms = self.terms_of_clause(a, b, sentence)
        return {event for event in triggered if needs_term.get(event) is None or needs_term[event] in terms}

    def terms_of_clause(self, a: int, b: int, sentence: int) -> set[str]:
        """The metric terms an event of clause [a, b) may need: its own, or those it borrows when it leaves its
        noun out ("el de Tabasco")."""
        parsed = self.parsed
        needed = parsed.vocab.event_terms  # the metrics whose terms an event needs (needs_term)
        terms = {
            m.value for m in parsed.inside("metric", a, b) if m.value in needed and not self.unfinished_before(m.start)
        }
        elided = parsed.inside("elided", a, b)
        if elided and not parsed.inside("metric", a, elided[0].start):
            # Unless the clause names its noun before: "En cuanto a los Planes de Acción Local, seis
            # entidades ya tienen el suyo" borrows nothing from a sentence about Secretariados.
            since = parsed.start_of_sentence_before(sentence)
            terms |= {m.value for m in parsed.inside("metric", since, a)}
        return terms

    def has_nothing(self, m: Match) -> bool:
        """A having verb ("tienen", "cuenta ya con") whose object is not the event's noun: none of the event's
        terms, a noun left out ("el suyo") or "uno" starts within having_object_reach words after it
        (rules/events.yml having_triggers): "los compromisos tienen avances" has no Secretariado."""
        parsed = self.parsed
        having = parsed.starting_at("having", m.start)
        if having is None or having.end != m.end:
            return False
        vocab = parsed.vocab
        term = vocab.needs_term.get(m.value)
        for i in range(m.end, min(m.end + vocab.having_object_reach + 1, parsed.size)):
            found = parsed.starting_at("metric", i)
            if (found is not None and found.value == term) or parsed.starting_at("elided", i):
                return False
            if parsed.norm_of(i) in vocab.having_pronouns:
                return False
        return True

    def joins_other(self, m: Match) -> bool:
        """A joining trigger whose object is not the program: one naming something else after "a" ("se suma a
        los trabajos"), or one of object_needed or part_of_triggers without the program as its object ("se
        integra un trabajo", "forma parte del comité")."""
        joins = self.joining_object(m)
        if joins == "other":
            return True
        needed = self.parsed.starting_at("objneeded", m.start) or self._part_of(m)
        return joins is None and needed is not None and needed.end == m.end

    def _part_of(self, m: Match) -> Match | None:
        """The part_of_triggers match ("forma parte") that is ``m``, if any: its object follows "de"."""
        part = self.parsed.starting_at("partof", m.start)
        return part if part is not None and part.end == m.end else None

    def joining_object(self, m: Match) -> str | None:
        """What a joining verb joins: "program" when "a" (after "forma parte", "de") names what
        rules/program.yml's joining_objects name ("se sumó a la iniciativa"), "other" when it names something
        else ("se suma a los trabajos", "se incorporó al Secretariado"), None when the verb has no such object.
        An aside set off by commas right after the verb is passed over: "se integra, por medio de su órgano
        garante, a esta iniciativa"."""
        parsed, norms = self.parsed, self.parsed.token_norm
        openers = _OF if self._part_of(m) else _TO
        i = self._past_aside(m.end)
        i = next(
            (
                j
                for j in range(i, min(i + _OBJECT_REACH, parsed.size))
                if norms[j] in openers or not parsed.text_of(j).isalnum()
            ),
            parsed.size,
        )  # past the subject after the verb: "al sumarse la Secretaría de Pesca a estos trabajos"
        if i >= parsed.size or norms[i] not in openers:
            return None
        j = i + 1
        while j < parsed.size and norms[j] in _DETERMINERS:
            j += 1
        if j >= parsed.size:
            return None
        noun = parsed.norm_of(j)
        if j in self.states.at or noun in parsed.vocab.joining_objects:
            return "program"
        if noun in parsed.vocab.bare_joining_objects:
            return "other" if self._qualified(j) else "program"
        return "other" if noun.isalpha() else None

    def _qualified(self, j: int) -> bool:
        """A name or kind follows the noun at token ``j``: a capitalized word or one of rules/program.yml's
        bare_object_qualifiers ("al Sistema Nacional", "al sistema estatal")."""
        parsed = self.parsed
        k = j + 1
        if k >= parsed.size:
            return False
        word = parsed.text_of(k)
        return word[:1].isupper() or parsed.norm_of(k) in parsed.vocab.bare_object_qualifiers

    def _past_aside(self, i: int) -> int:
        """Past ", … ," right after token ``i`` (within _ASIDE_REACH tokens and one sentence), else ``i``."""
        parsed = self.parsed
        if i >= parsed.size or parsed.token_orth[i] != parsed.COMMA:
            return i
        end = min(i + _ASIDE_REACH, parsed.sentence_bounds(parsed.sentence_of(i))[1])
        return next((j + 1 for j in range(i + 1, end) if parsed.token_orth[j] == parsed.COMMA), i)

    def unfinished_before(self, i: int) -> bool:
        """Work under way names the noun at token ``i``: "la elaboración del", "la construcción del 1er"
        (rules/events.yml owned_unfinished): the plan it is about is not published yet."""
        parsed = self.parsed
        if not parsed.starts.get("unfinished"):
            return False
        j = i
        while j > 0 and (parsed.norm_of(j - 1) in parsed.vocab.work_on_skip or parsed.text_of(j - 1).isdigit()):
            j -= 1
        return parsed.ending_at("unfinished", j) is not None
