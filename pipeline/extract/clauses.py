"""Clauses: a sentence cut where a new subject or a contrast starts, so each part asserts its own verb.

A sentence is cut at ";", at "," before "y"/"e" or a contrast ("pero"), at
"y"/"e" before ",", before "pero" and the like without a comma (not "salvo"),
and before a contrast or "y"/"e" that a negation, an
intention, an impersonal event ("y se han publicado …"), a state with its own
negated verb or a new counted subject follows. Events, counts and claims read
a clause as the scope of a verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.extract.parsed import Parsed
from pipeline.extract.states import States

YEAR_DIGITS = re.compile(r"\d{4}$")


class Clauses:
    """The clauses of a document's sentences, cut on first use."""

    def __init__(self, parsed: Parsed, states: States, numeric_tokens: set[int]):
        self.parsed = parsed
        self.states = states
        self.numeric_tokens = numeric_tokens
        self.count_leads = parsed.vocab.count_leads
        self._clauses: dict[int, list[tuple[int, int]]] = {}

    def of_sentence(self, sentence: int) -> list[tuple[int, int]]:
        """Token ranges of the sentence's clauses."""
        if sentence not in self._clauses:
            self._clauses[sentence] = self._cut(sentence)
        return self._clauses[sentence]

    def of_token(self, token: int) -> tuple[int, int]:
        """The clause (token range) holding ``token``."""
        sentence = self.parsed.sentence_of(token)
        for a, b in self.of_sentence(sentence):
            if a <= token < b:
                return a, b
        return self.parsed.sentence_bounds(sentence)

    def _cut(self, sentence: int) -> list[tuple[int, int]]:
        parsed = self.parsed
        start, end = parsed.sentence_bounds(sentence)
        cuts = [start]
        orth, norm = parsed.token_orth, parsed.token_norm
        semicolon, comma, conjunctions = parsed.SEMICOLON, parsed.COMMA, parsed.CONJUNCTIONS
        candidates = parsed.cut_candidates
        for i in candidates[bisect_left(candidates, start + 1) : bisect_left(candidates, end - 1)]:
            if orth[i] == semicolon or (orth[i] == comma and norm[i + 1] in conjunctions):
                cuts.append(i + 1)
            elif norm[i] in conjunctions and orth[i + 1] == comma and orth[i - 1] != comma:
                cuts.append(i)  # "… en 2016 y, al cierre de esta nota, todavía no publica …"
            elif orth[i] == comma and parsed.starting_at("clausebreak", i + 1):
                cuts.append(i + 1)  # "…, pero Tamaulipas aún no"
            elif norm[i] in conjunctions and (
                parsed.starting_at("block", i + 1) or self._impersonal_event_at(i + 1) or self._negated_state_after(i)
            ):
                cuts.append(
                    i
                )  # "… firmó en 2016 y todavía no instala …", "… diez STL y se han publicado tres Planes …"
            elif norm[i] in conjunctions and self._counted_subject_after(i) and parsed.inside("event", cuts[-1], i):
                cuts.append(
                    i
                )  # "seis estados tienen su Secretariado y solo dos, Morelos y Durango, han publicado su Plan"
        for contrast in parsed.inside("clausebreak", start + 1, end):
            if orth[contrast.start - 1] != comma and (
                parsed.starting_at("block", contrast.end) or parsed.starting_at("barebreak", contrast.start)
            ):
                cuts.append(
                    contrast.start
                )  # "… en 2016 pero aún no instalan …", "… la Declaratoria pero solo Nayarit …"
        cuts.append(end)
        cuts.sort()
        return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def _counted_subject_after(self, conjunction: int) -> bool:
        """A count (not a year) starts the words after the conjunction: a new subject with a verb of its own.
        Not the "y" inside a number ("treinta y un Secretariados")."""
        if (conjunction - 1) in self.numeric_tokens:
            return False
        i = conjunction + 1
        while i < self.parsed.size and self.parsed.norm_of(i) in self.count_leads:
            i += 1
        return i in self.numeric_tokens and not YEAR_DIGITS.match(self.parsed.text_of(i))

    def _negated_state_after(self, conjunction: int) -> bool:
        """ "Morelos instaló su Secretariado y Durango no instaló el suyo": a state whose own verb is
        negated starts a clause of its own, so the negation does not take Morelos's event with it. Not
        when the conjunction joins two states, which share the negation: "Aguascalientes y Tamaulipas no
        han firmado"."""
        state = self.states.at.get(conjunction + 1)
        if state is None or self.parsed.starting_at("block", state[0].end) is None:
            return False
        return not self.states.ends_right_before(conjunction)

    def _impersonal_event_at(self, i: int) -> bool:
        """An event trigger in the impersonal "se" form ("se han publicado") starts a clause of its own;
        "y presentó su Plan" goes on with the subject before it."""
        return self.parsed.starting_at("event", i) is not None and self.parsed.norm_of(i) == "se"
