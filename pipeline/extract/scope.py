"""Where a clause stops asserting: negations, intentions, hypotheses, future verbs, and the asides they stay in.

"aún no", "se prevé" (rules/events.yml ``not_events``), "si mañana se
sumaran" (``conditionals``) and a verb in the future tense govern what follows
them in their clause; "la meta es" (rules/metrics.yml ``not_claims``) makes a
figure no claim, unless the figure stands in a relative clause of its own or
the hedge sits in an aside between dashes or parentheses.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, count

from pipeline.extract.clauses import Clauses
from pipeline.extract.parsed import Parsed

# Words (by their string id, stable within a process) judged so far, and those of them that are future-tense verbs.
_SEEN_ORTHS: set[int] = set()
_FUTURE_ORTHS: set[int] = set()


def forget_words() -> None:
    """Forget what was judged per word, with the pipeline whose string ids it used."""
    _SEEN_ORTHS.clear()
    _FUTURE_ORTHS.clear()


class Scope:
    """What hedges what, in one document."""

    def __init__(self, parsed: Parsed, clauses: Clauses):
        self.parsed = parsed
        self.clauses = clauses
        self.future: list[int] | None = None  # tokens of future-tense verbs, found on first use

    def has_future(self, a: int, b: int) -> bool:
        """A verb in the future tense (acompañará, instalarán) within tokens [a, b): an intention, not a fact."""
        future = self.future_tokens()
        return bisect_left(future, a) < bisect_left(future, b)

    def future_tokens(self) -> list[int]:
        """The tokens of future-tense verbs, in order."""
        if self.future is None:
            orths = self.parsed.token_orth
            words = set(orths)
            for orth in words - _SEEN_ORTHS:  # each word is judged once per process
                self._judge_future(orth)
            future = words & _FUTURE_ORTHS
            self.future = list(compress(count(), map(future.__contains__, orths))) if future else []
        return self.future

    def _judge_future(self, orth: int) -> None:
        _SEEN_ORTHS.add(orth)
        endings = self.parsed.vocab.future_endings
        if endings and self.parsed.strings[orth].lower().endswith(endings):
            _FUTURE_ORTHS.add(orth)

    def first_blocker(self, a: int, b: int) -> int | None:
        """Where a negation, an intention, a hypothesis or a future verb starts in tokens [a, b), if anywhere."""
        blocks = self.parsed.inside("block", a, b)
        first = blocks[0].start if blocks else None
        conditional = self.conditional_in(a, b)
        if conditional is not None:
            first = conditional if first is None else min(first, conditional)
        future = self.future_tokens()
        k = bisect_left(future, a)
        if k < len(future) and future[k] < b:
            first = future[k] if first is None else min(first, future[k])
        return first

    def conditional_in(self, a: int, b: int) -> int | None:
        """Where a hypothesis ("Si mañana se sumaran las 32 entidades") starts in tokens [a, b), if anywhere;
        not a concession ("Si bien …")."""
        parsed = self.parsed
        not_before = parsed.vocab.conditional_not_before
        for m in parsed.inside("conditional", a, b):
            if m.end >= parsed.size or parsed.norm_of(m.end) not in not_before:
                return m.start
        return None

    def hedged(self, token: int) -> bool:
        """The clause of the figure at ``token`` negates, hedges or supposes it (not_claims, "si …"), unless the
        figure stands in a relative clause of its own after the hedge: "…sigue sin adherirse al programa, en
        el que ya participan 26 entidades"."""
        parsed = self.parsed
        a, b = self.clauses.of_token(token)
        hedges = [m.start for m in parsed.inside("notclaim", a, b)]
        conditional = self.conditional_in(a, b)
        if conditional is not None:
            hedges.append(conditional)
        if not hedges:
            return False
        own = [r.start for r in parsed.inside("relstart", a, token) if parsed.token_orth[r.start - 1] == parsed.COMMA]
        asides = [(i, j) for i, j in self.asides(a, b) + self._purposes(a, b) if not i < token < j]
        return any(not any(hedge < r for r in own) and not any(i < hedge < j for i, j in asides) for hedge in hedges)

    def _purposes(self, a: int, b: int) -> list[tuple[int, int]]:
        """Token ranges of the purpose adjuncts in [a, b), from their opening to their comma ("Con el objetivo de
        promover …,"): a hedge inside one hedges nothing after it."""
        found = []
        for purpose in self.parsed.inside("purpose", a, b):
            comma = next((i for i in range(purpose.end, b) if self.parsed.token_orth[i] == self.parsed.COMMA), None)
            if comma is not None:
                found.append((purpose.start - 1, comma))
        return found

    def asides(self, a: int, b: int) -> list[tuple[int, int]]:
        """Token ranges of the asides in [a, b), between a pair of dashes or in parentheses: "seis estados tienen
        su Secretariado —el órgano que debería conducir cada ejercicio— y …" hedges nothing outside them."""
        dashes = self.parsed.vocab.aside_dashes
        found, opened = [], None
        for i in range(a, b):
            mark = self.parsed.text_of(i)
            closes = mark == ")" or (mark in dashes and opened is not None)
            if closes and opened is not None:
                found.append((opened, i))
                opened = None
            elif mark == "(" or mark in dashes:
                opened = i
        return found
