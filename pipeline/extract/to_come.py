"""Events a text tells as still to come, and the nouns that name them again.

"El próximo 18 de abril se instalará en Sinaloa el Secretariado" tells an event
to come (a future verb of rules/events.yml ``to_come_verbs``, with the event's
term in its clause). In the same text, "La instalación del Secretariado se da
como una tercera fase" names that event, not a second one already done: an event
of the same state that only nouns tell, with no date of its own, is dropped,
unless a verb of the text tells it done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.extract.clauses import Clauses
from pipeline.extract.parsed import Parsed
from pipeline.extract.scope import Scope
from pipeline.extract.triggers import told_only_by
from pipeline.model import StateEvent

Key = tuple[str, str]  # (INEGI code, event)


class EventsToCome:
    """What one document tells as to come, and which of its events a verb tells done."""

    def __init__(self, parsed: Parsed, scope: Scope, clauses: Clauses):
        self.parsed = parsed
        self.scope = scope
        self.clauses = clauses
        self.keys: set[Key] = set()
        self.told_by_verb: set[Key] = set()

    def note_futures(
        self,
        states_of_clause: Callable[[int, int, int], Iterable[str]],
        terms_of_clause: Callable[[int, int, int], set[str]],
    ) -> None:
        """Each future verb of to_come_verbs tells the event of its clause's states (``states_of_clause``: their
        codes, by name or referred to) as to come, where the clause holds the event's term, if it needs one."""
        parsed, verbs = self.parsed, self.parsed.vocab.to_come_verbs
        if not verbs:
            return
        needs_term = parsed.vocab.needs_term
        for i in self.scope.future_tokens():
            types = set(verbs.get(_infinitive(parsed.norm_of(i)), ()))
            if not types:
                continue
            (a, b), sentence = self.clauses.of_token(i), parsed.sentence_of(i)
            if any(needs_term.get(event) for event in types):
                terms = terms_of_clause(a, b, sentence)
                types = {event for event in types if needs_term.get(event) in (None, *terms)}
            if types:
                self.keys |= {(code, event) for code in states_of_clause(a, b, sentence) for event in types}

    def note_told(self, a: int, b: int, types: set[str], codes: Iterable[str]) -> None:
        """Clause [a, b) gives ``types`` to the states ``codes``: remember those a verb tells (wanted only in a
        text that tells something as to come)."""
        if self.keys:
            by_verb = types - self._told_by_nouns_only(a, b, types)
            self.told_by_verb |= {(code, event) for code in codes for event in by_verb}

    def undone(self, found: dict[Key, StateEvent]) -> list[Key]:
        """The events found that name an event to come: told as to come, by no verb as done, with no year."""
        return [key for key in self.keys - self.told_by_verb if (event := found.get(key)) and event.year is None]

    def _told_by_nouns_only(self, a: int, b: int, types: set[str]) -> set[str]:
        """The events whose every trigger in clause [a, b) opens with a noun ("la instalación del Secretariado",
        "la presentación del Plan de Acción Local")."""
        parsed = self.parsed
        endings = parsed.vocab.nominalization_endings
        return told_only_by(parsed.inside("event", a, b), types, lambda m: parsed.norm_of(m.start).endswith(endings))


def _infinitive(future: str) -> str:
    """A future verb's infinitive, from its folded form: instalara, instalaran -> instalar."""
    return future[: future.rfind("r") + 1]
