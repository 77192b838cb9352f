"""States named in the text: the longest name wins, vetoed phrases are no states, the dateline's place is no participant.

Later readings look states up by token (``at``), by range (``body_in``) and as
the list right after a scoping term (``states_after``); the states are kept in
text order, so ranges are bisections.
"""

from __future__ import annotations

from bisect import bisect_left

from pipeline.extract.parsed import Match, Parsed, longest
from pipeline.model import Mention


def mention(parsed: Parsed, span, kind: str, value, **extra) -> Mention:
    """A mention of ``span`` (a Match, Number or date span: anything with cstart and cend)."""
    document = parsed.document
    return Mention(
        span.cstart,
        span.cend,
        document.text[span.cstart : span.cend],
        kind,
        value,
        page=document.page_at(span.cstart),
        **extra,
    )


class States:
    """The states named in one document, as (match, mention) pairs in text order."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.list_words = parsed.vocab.state_list_words
        self.found = self._find()
        self.at = {m.start: (m, men) for m, men in self.found}
        self.starts = [m.start for m, _ in self.found]  # in text order, as _find() gives them
        self._topic: list[Match | None] = []
        self._body: list[tuple[Match, Mention]] | None = None

    def _find(self) -> list[tuple[Match, Mention]]:
        parsed = self.parsed
        vetoes = parsed.matches["notstate"]
        candidates = (
            [
                m
                for m in parsed.matches["state"]
                if not any(
                    v.start <= m.start and m.end <= v.end and (v.end - v.start) > (m.end - m.start) for v in vetoes
                )
            ]
            if vetoes
            else parsed.matches["state"]
        )
        furniture = [span for span in (parsed.document.dateline_span, parsed.document.site_head_span) if span]
        found = []
        surnames = parsed.vocab.surnames
        for m in longest(candidates):
            if parsed.token_norm[m.start] in surnames and self._is_surname(m):
                continue
            role = "dateline" if any(a <= m.cstart and m.cend <= b for a, b in furniture) else "body"
            found.append((m, mention(parsed, m, "state", m.value, role=role)))
        return found

    def _is_surname(self, m: Match) -> bool:
        """ "Mariela Huerta Guerrero": a state's name that is also a surname, written after a capitalized word
        that is no state's (rules/states.yml surnames)."""
        parsed = self.parsed
        written = parsed.document.text[m.cstart : m.cend]
        if m.start == 0 or not written.istitle():
            return False
        if self._after_title(m.start):
            return True  # "el Lic. Raúl Guerrero", "la Mtra. Hidalgo"
        if not all(self._name_like(i) for i in (m.start - 1, m.start - 2)):
            return False  # a given name and a first surname before it: "Mariela Huerta Guerrero"
        before = parsed.norm_of(m.start - 1)
        if before in parsed.vocab.unit_stop_words or before in parsed.vocab.surname_not_after:
            return False
        # the word before is a name's, not the end of a phrase the rules know ("Gobierno Abierto Morelos")
        return not any(ends.get(m.start) for ends in parsed.by_end.values())

    def _after_title(self, i: int) -> bool:
        """Token ``i`` follows a person's title (rules/states.yml surname_titles), its period, and at most one
        capitalized name: "Lic. Raúl", "Mtra.", "licenciado Ibarrola"."""
        parsed = self.parsed
        j = i - 1
        if j > 0 and parsed.text_of(j).isalpha() and parsed.text_of(j).istitle():
            j -= 1  # the given name, which a sentence splitter may take for a sentence's first word
        if j > 0 and parsed.text_of(j) == ".":
            j -= 1
        return j >= 0 and parsed.norm_of(j) in parsed.vocab.surname_titles

    def _name_like(self, i: int) -> bool:
        """Token ``i`` is a capitalized word that is not the first of its sentence."""
        parsed = self.parsed
        word = parsed.text_of(i) if i >= 0 else ""
        return word.isalpha() and word.istitle() and len(word) > 1 and i not in parsed.sent_starts_set

    def mentions(self) -> list[Mention]:
        return [men for _, men in self.found]

    def topic(self) -> Match | None:
        """The one state a text is about when it names one state only, or names none but one state's demonyms
        ("el Instituto Duranguense de Acceso a la Información"): the first match naming it."""
        if not self._topic:
            self._topic.append(self._find_topic())
        return self._topic[0]

    def _find_topic(self) -> Match | None:
        named = {m.value: m for m, _ in reversed(self.body())}
        demonyms = {d.value: d for d in reversed(self.parsed.matches["demonym"])}
        codes = set(named) | set(demonyms)
        if len(codes) != 1:
            return None
        (code,) = codes
        return named.get(code) or demonyms[code]

    def body(self) -> list[tuple[Match, Mention]]:
        if self._body is None:
            self._body = [(m, men) for m, men in self.found if men.role == "body"]
        return self._body

    def body_in(self, a: int, b: int) -> list[tuple[Match, Mention]]:
        """The states named in tokens [a, b), outside the dateline, in text order, with their matches."""
        states = self.found[bisect_left(self.starts, a) : bisect_left(self.starts, b)]
        return [(m, men) for m, men in states if m.end <= b and men.role == "body"]

    def body_within(self, a: int, b: int) -> list[str]:
        """Codes of the states named in tokens [a, b), outside the dateline, in text order."""
        return [m.value for m, _ in self.body_in(a, b)]  # a state's match carries its code, as its mention does

    def last_end(self, a: int, b: int) -> int:
        """Where the last state named in tokens [a, b) ends (``a`` when none is)."""
        return max((m.end for m, _ in self.body_in(a, b)), default=a)

    def ends_right_before(self, token: int) -> bool:
        """A state's name ends right before ``token`` (the last state starting before it ends there)."""
        before = bisect_left(self.starts, token) - 1
        return before >= 0 and self.found[before][0].end == token

    def states_after(self, i: int, limit: int, skip: frozenset[str]) -> list[str]:
        """States named right after a scoping term: "de Durango", "de Sonora y Sinaloa", "tabasqueño"."""
        found: list[str] = []
        for m, _ in self._listed_after(i, limit, skip, demonyms=True):
            if m.kind == "demonym":
                return [m.value] if not found else found
            found.append(m.value)
        return found

    def named_after(self, i: int, limit: int, skip: frozenset[str]) -> list[tuple[Match, Mention]]:
        """The states named right after token ``i`` (past ``skip`` words and list words), with their mentions."""
        return [(m, men) for m, men in self._listed_after(i, limit, skip, demonyms=False) if men is not None]

    def _listed_after(self, i: int, limit: int, skip: frozenset[str], demonyms: bool):
        """The states, and a first demonym if ``demonyms``, named from token ``i`` on, as (match, mention) pairs
        (a demonym's mention is None)."""
        parsed, first = self.parsed, True
        while i < limit:
            norm = parsed.norm_of(i)
            if norm in self.list_words or norm in skip or parsed.token_orth[i] == parsed.COMMA:
                i += 1
                continue
            demonym = parsed.starting_at("demonym", i) if demonyms and first else None
            if demonym:
                yield demonym, None
                return
            state = self.at.get(i)
            if state is None or state[0].end > limit or state[1].role != "body":
                return
            yield state
            first = False
            i = state[0].end

    def only_list_between(self, a: int, b: int, fillers: frozenset[str]) -> bool:
        """Tokens [a, b) hold nothing but states, list words, punctuation and ``fillers`` (no other verb)."""
        i = a
        while i < b:
            state = self.at.get(i)
            if state:
                i = state[0].end
                continue
            word = self.parsed.norm_of(i)
            if word.isalpha() and word not in self.list_words and word not in fillers:
                return False
            i += 1
        return True

    def after_apposed(self, i: int) -> int:
        """Past a list of states set off at token ``i`` by commas, dashes or parentheses ("…, solo tres,
        Morelos, Durango y Oaxaca, han publicado su Plan", "nueve Estados (Durango, Morelos …) ya cuentan
        con planes"), else ``i``."""
        parsed = self.parsed
        orth, comma = parsed.token_orth, parsed.COMMA
        if i >= parsed.size or (i + 1) not in self.at:
            return i
        opening = parsed.text_of(i)
        closing = {",": ",", "(": ")"}.get(opening) or (opening if opening in parsed.vocab.aside_dashes else None)
        if closing is None:
            return i
        j = i + 1
        while j < parsed.size:
            if j in self.at:
                j = self.at[j][0].end
            elif orth[j] == comma or parsed.norm_of(j) in self.list_words:
                j += 1
            else:
                break
        if closing == ",":
            return j if orth[j - 1] == comma else i
        return j + 1 if j < parsed.size and parsed.text_of(j) == closing else i
