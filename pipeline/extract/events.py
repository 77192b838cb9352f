"""State events: a clause with an event's trigger gives that event to every state it names, with its year.

A clause is an event clause when it holds a trigger (rules/events.yml) and,
where the event needs one, a term of its metric; a clause that leaves its noun
out ("el de Tabasco") borrows the terms of the sentence before. A clause after
a negation or an intention asserts nothing from there on; one that names no
state takes the state an anaphor refers to; a clause naming states but no
trigger goes on with the event of the clause before it ("…, y Durango en
2016"); "hicieron lo propio" and a list under a time phrase continue the
sentence before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.strings import get_string_id

from pipeline.extract.clauses import Clauses
from pipeline.extract.event_years import EventYears
from pipeline.extract.numbers_and_dates import Numbers, YearSource
from pipeline.extract.parsed import Match, Parsed, TokenSpan
from pipeline.extract.referents import Referent, Referents, StatesBySentence
from pipeline.extract.scope import Scope
from pipeline.extract.states import States
from pipeline.extract.to_come import EventsToCome
from pipeline.extract.triggers import ClauseTriggers, told_only_by
from pipeline.model import Mention, StateEvent
from pipeline.rules import fold

_COLON = get_string_id(":")
_QUE_OR_COLON = frozenset((get_string_id("que"), _COLON))  # what opens or ends a "que" clause, as norm ids


@dataclass
class _Sentence:
    """What one sentence's clauses hand on to the next clause."""

    index: int
    types: set[str] = field(default_factory=set)  # the events of the last event clause
    year: YearSource | None = None  # the last year source of the last event clause
    lead: YearSource | None = None  # the year source of the sentence's opening time phrase, found on first use
    lead_found: bool = False
    opening: tuple | None = None  # the first clause (a, b, years)


class EventReader:
    def __init__(
        self,
        parsed: Parsed,
        states: States,
        numbers: Numbers,
        clauses: Clauses,
        scope: Scope,
        settles_program: bool = False,
    ):
        self.parsed = parsed
        self.states = states
        self.numbers = numbers
        self.clauses = clauses
        self.scope = scope
        self.years = EventYears(parsed, states)
        self.found: dict[tuple[str, str], StateEvent] = {}
        # States given each event per sentence, before de-duplication (for list_count_mismatch).
        self.listed: dict[tuple[int, str], set[str]] = defaultdict(set)
        # Whether states are said to join what the program's names name, done or not (see _note_program_joining),
        # looked for only where it settles whether the text is the program's.
        self.settles_program = settles_program
        self.joins_program = False
        self.to_come = EventsToCome(parsed, scope, clauses)
        self.triggers = ClauseTriggers(parsed, states)

    def read(self) -> list[StateEvent]:
        parsed = self.parsed
        body_states = self.states.body()
        if not body_states and not parsed.starts.get("demonym"):
            return []  # no state named, and none referred to ("la entidad poblana")
        by_sentence: StatesBySentence = defaultdict(list)
        for m, men in body_states:
            by_sentence[parsed.sentence_of(m.start)].append((m, men))
        self.by_sentence = by_sentence
        self.referents = Referents(parsed, by_sentence, self.states.topic(), self.numbers.numeric_tokens)
        # A sentence without a trigger or a continuation asserts no event and changes nothing carried.
        eventful = {
            parsed.sentence_of(m.start)
            for kind in ("event", "paired", "continue")
            for m in parsed.matches.get(kind, ())
        } | {parsed.sentence_of(m.start) for m in parsed.matches.get("owned", ()) if self._owner_follows(m)}
        if self.states.topic() is not None:
            eventful |= {parsed.sentence_of(m.start) for m in parsed.matches.get("existing", ())}
        year_lists = self._year_lists(eventful)
        self.to_come.note_futures(self._codes_of_clause, self.triggers.terms_of_clause)
        previous_types: set[str] = set()
        for sentence in sorted(eventful | year_lists):
            previous_types = self._read_sentence(_Sentence(sentence), sentence in year_lists, previous_types)
        for key in self.to_come.undone(self.found):  # a noun naming an event the text tells as to come
            del self.found[key]
        return sorted(self.found.values(), key=lambda e: (e.start, e.event))

    def _read_sentence(self, sentence: _Sentence, year_list: bool, previous_types: set[str]) -> set[str]:
        """Give the events of each clause of the sentence; returns the events the next sentence may continue."""
        for k, (a, b) in enumerate(self.clauses.of_sentence(sentence.index)):
            self._note_program_joining(a, b, sentence.index)
            blocker = self.scope.first_blocker(a, b)
            if blocker is not None:
                self._later_session(a, b, blocker, sentence.index)
                self._existing(blocker, b, sentence.index, parts_only=True)
                # Negated or intended from here on; a part before it, set off by a comma or
                # by the "que" of a relative clause the blocker opens, still asserts its own
                # verb: "Baja California, cuyo Secretariado se instaló en 2016, aún no
                # presenta el suyo", "… convocó a las organizaciones que aún no se suman".
                comma = self.parsed.last_comma(a, blocker)
                if blocker > a + 1 and self.parsed.norm_of(blocker - 1) == "que":
                    comma = blocker - 1
                if comma is None:
                    sentence.types = set()
                    continue
                b = comma
            types = self.triggers.of_clause(a, b, sentence.index, nouns=blocker is None)
            if self.parsed.inside("continue", a, b) or year_list:
                types |= previous_types
            states: list[tuple[Match, Mention | Referent]] = list(self._named_in(a, b, sentence.index))
            if states:
                states = sorted(states + self.referents.described_in(a, b), key=lambda pair: pair[0].start)
            elif types:
                states = self.referents.in_clause(a, b, sentence.index)
            clause_years = self.numbers.years_between(a, b)
            if k == 0:
                sentence.opening = (a, b, clause_years)
            coordinated = k > 0 and self.parsed.token_norm[a] in self.parsed.CONJUNCTIONS
            inherited = False
            if not types and states and sentence.types:
                types, inherited = set(sentence.types), True
            if types:
                previous_types = sentence.types = types
                if clause_years:
                    sentence.year = clause_years[-1]
            self._give_clause((a, b), states, types, clause_years, sentence, inherited, coordinated)
            self._owned(a, b, sentence.index)
            self._existing(a, b, sentence.index)
            if blocker is not None:
                sentence.types = set()
        return previous_types

    def _give_clause(
        self,
        clause: tuple[int, int],
        states: list[tuple[Match, Mention | Referent]],
        types: set[str],
        clause_years: list[YearSource],
        sentence: _Sentence,
        inherited: bool,
        coordinated: bool,
    ) -> None:
        """Give each state of the clause its events, with the year each event's wording dates it to."""
        if not (states and types):
            return
        a, b = clause
        own_years = self.years.by_trigger(a, b, clause_years) if len(types) > 1 else {}
        respective = self._respective(a, b, states)
        undated = self._told_by_existence_only(a, b, types)
        dated, undated_events = sorted(types - undated), sorted(types & undated)
        self.to_come.note_told(a, b, types, (str(men.value) for _, men in states))
        for m, men in states:
            at: TokenSpan = m
            if not a <= m.start < b:  # a state referred to from outside the clause is dated from the clause's verb
                at = next(iter(self.parsed.inside("event", a, b)), m)
            year = respective.get(m.start) or self._state_year(
                at, clause, clause_years, sentence, inherited, coordinated
            )
            self._give(m, men, dated, own_years, year, sentence.index)
            if undated_events:
                self._give(m, men, undated_events, {}, None, sentence.index)

    def _later_session(self, a: int, b: int, blocker: int, sentence: int) -> None:
        """A Secretariado's session numbered after its first, past the blocker of clause [a, b) ("se analizará en
        la séptima sesión del Secretariado Técnico Local"), shows it installed at no date (rules/events.yml
        later_session_ordinals): a session to come, or one not held, still follows sessions held."""
        parsed = self.parsed
        if not any(self._later_ordinal_before(m.start) for m in parsed.inside("existence", max(blocker, a + 1), b)):
            return
        if "stl_installed" not in self.triggers.terms_of_clause(a, b, sentence):
            return
        for m, men in self._states_of_clause(a, b, sentence):
            self._give(m, men, ["stl_installed"], {}, None, sentence)

    def _later_ordinal_before(self, i: int) -> bool:
        """An ordinal after "first" right before token ``i``, in words ("séptima") or in figures and a suffix,
        its period if any ("7a.", "8va", "3ª"; rules/events.yml later_session_ordinal_suffixes)."""
        parsed, vocab = self.parsed, self.parsed.vocab
        j = i - 1 if i > 0 and parsed.text_of(i - 1) == "." else i
        if j < 1:
            return False
        if parsed.norm_of(j - 1) in vocab.later_session_ordinals:
            return True
        figure = parsed.text_of(j - 2) if j >= 2 else ""
        return parsed.norm_of(j - 1) in vocab.later_session_ordinal_suffixes and figure.isdigit() and int(figure) >= 2

    def _named_in(self, a: int, b: int, sentence: int) -> list[tuple[Match, Mention]]:
        """The states clause [a, b) of the sentence names, outside the dateline, with their matches."""
        return [(m, men) for m, men in self.by_sentence.get(sentence, []) if a <= m.start < b]

    def _states_of_clause(self, a: int, b: int, sentence: int) -> list[tuple[Match, Mention | Referent]]:
        """The states clause [a, b) names, or else those it refers to."""
        return list(self._named_in(a, b, sentence)) or self.referents.in_clause(a, b, sentence)

    def _codes_of_clause(self, a: int, b: int, sentence: int) -> list[str]:
        """The codes of the states clause [a, b) names, or else of those it refers to."""
        return [str(men.value) for _, men in self._states_of_clause(a, b, sentence)]

    def _told_by_existence_only(self, a: int, b: int, types: set[str]) -> set[str]:
        """The events the clause tells only with words that show they happened before, not when ("la octava
        sesión del Secretariado", rules/events.yml existence_only)."""
        parsed = self.parsed
        if not parsed.starts.get("existence"):
            return set()
        triggers = (m for m in parsed.inside("event", a, b) if not self.triggers.has_nothing(m))
        return told_only_by(triggers, types, lambda m: parsed.starting_at("existence", m.start))

    def _state_year(
        self,
        m: TokenSpan,
        clause: tuple[int, int],
        clause_years: list[YearSource],
        sentence: _Sentence,
        inherited: bool,
        coordinated: bool,
    ) -> YearSource | None:
        """The year source of the state's event: its clause's, else the clause's it goes on from, else the
        opening's."""
        year = self.years.source_for(m, clause_years)
        if (
            year is not None
            and year[0].start < m.start
            and self._of_a_que_clause_after_the_verbs(year[0].start, clause)
        ):
            year = None
        if year is None and inherited:
            year = sentence.year
        if year is None and coordinated and not clause_years and sentence.opening is not None:
            if not sentence.lead_found:
                sentence.lead, sentence.lead_found = self.years.leading_source(*sentence.opening), True
            year = sentence.lead
        if year is None and not clause_years:
            year = self.years.added_to_occasion(sentence.index, self.numbers.years_between)
        return year

    def _of_a_que_clause_after_the_verbs(self, i: int, clause: tuple[int, int]) -> bool:
        """The year at token ``i`` stands in a "que" clause that follows every verb of the events of its clause
        and holds none: "Se presentó el Plan …, una iniciativa que desde 2015 se extendió a los estados, entre
        ellos Nayarit" does not date the plan. A colon ends the "que" clause; "lo que" opens none."""
        parsed, norms = self.parsed, self.parsed.token_norm
        a, b = clause
        que = next((j for j in range(i - 1, a - 1, -1) if norms[j] in _QUE_OR_COLON), None)
        if que is None or norms[que] == _COLON or parsed.norm_of(que - 1) == "lo":
            return False  # "…, que suman 97 compromisos: en 2016, los de …", "en lo que va de 2018"
        verbs = [m for kind in ("event", "paired") for m in parsed.inside(kind, a, b)]
        return bool(verbs) and all(m.end <= que for m in verbs)

    def _note_program_joining(self, a: int, b: int, sentence: int) -> None:
        """Whether the clause [a, b) tells of states, by name or as such ("los estados"), joining what the
        program's names name, done or not ("se sumaron a la iniciativa", "no han firmado la Declaratoria"): a
        text that does speaks of the program."""
        parsed = self.parsed
        if not self.settles_program or self.joins_program:
            return
        if not self._named_in(a, b, sentence) and not any(
            m.value == "states_participating" for m in parsed.inside("metric", a, b)
        ):
            return
        objects = {m.value for m in parsed.inside("pairobj", a, b)}
        self.joins_program = any(
            m.value == "joined" and self.triggers.joining_object(m) == "program" for m in parsed.inside("event", a, b)
        ) or any(m.value == "joined" and m.value in objects for m in parsed.inside("paired", a, b))

    def _respective(self, a: int, b: int, states: list) -> dict[int, YearSource]:
        """States listed with as many dates, "respectivamente": each takes its own, in order ("Sonora y Jalisco
        instalaron su Secretariado en febrero y marzo de este año, respectivamente")."""
        if len(states) < 2 or not self.parsed.starts.get("respectively"):
            return {}
        marks = self.parsed.inside("respectively", a, b)
        if not marks:
            return {}
        last = max(m.end for m, _ in states)
        phrases = self.numbers.phrases_between(last, marks[0].start)
        if len(phrases) != len(states):
            return {}
        return {m.start: phrase for (m, _), phrase in zip(sorted(states, key=lambda s: s[0].start), phrases)}

    def _owned(self, a: int, b: int, sentence: int) -> None:
        """Events told with a noun and the state that owns it: "los ejercicios locales de Coahuila y Jalisco",
        "el ejercicio de Gobierno Abierto en Sinaloa" (rules/events.yml owned_by_state). The noun shows that the
        state takes part, not since when: a year in its clause is what the clause's verb did ("En 2021 se
        convocó a la sociedad civil para poner en marcha el primer ejercicio de Gobierno Abierto en Yucatán")."""
        parsed = self.parsed
        if not parsed.starts.get("owned"):
            return
        for noun in parsed.inside("owned", a, b):
            if self.triggers.unfinished_before(noun.start):
                continue  # "la elaboración del Plan de Acción Local de Tabasco"
            for m, men in self.states.named_after(self._past_where_participle(noun.end), b, parsed.vocab.owner_skip):
                self._give(m, men, [noun.value], {}, None, sentence)
                self.joins_program |= noun.value == "joined"  # a state's local exercise is the program's

    def _existing(self, a: int, b: int, sentence: int, parts_only: bool = False) -> None:
        """In a text about one state, a Secretariado or a plan named as one that is there ("integrante del
        Secretariado Técnico Local de este proyecto", "los compromisos del Plan de Acción Local") is that
        state's, installed or published at no date told (rules/events.yml existing_bodies); not while work on
        it is under way, nor in a clause giving the country's figures. With ``parts_only`` (past a negation or
        intention), only as the owner of one of existing_body_parts ("los compromisos del Plan") or what one
        takes part in ("partícipes en el Secretariado")."""
        parsed = self.parsed
        if not parsed.starts.get("existing"):
            return
        topic = self.states.topic()
        if topic is None or self.referents.about_the_country(a, b):
            return
        vocab = parsed.vocab
        for start in sorted({m.start for m in parsed.inside("existing", a, b)}):
            noun = parsed.starting_at("existing", start)  # the longest: "Secretariado Técnico Local"
            if noun is None:
                continue
            # After a determiner, or opening a sentence as headlines and a plan's title do ("Secretariado Técnico
            # de Gobierno Abierto realiza visita", "PLAN DE ACCIÓN LOCAL DE GOBIERNO ABIERTO DURANGO 2015-2016").
            opening = noun.start in parsed.sent_starts_set
            if not opening and parsed.norm_of(noun.start - 1) not in vocab.existing_body_determiners:
                continue
            if parts_only and not self._owned_or_taken_part_in(noun.start):
                continue
            if noun.end < parsed.size and parsed.norm_of(noun.end) in vocab.existing_body_generic_after:
                continue  # "el Secretariado Técnico Local es un espacio donde …": what such a body is
            window = range(max(a, noun.start - vocab.existing_body_making_window), noun.start)
            if opening:  # a headline tells work in the making after its noun: "Plan de Acción Local, en construcción"
                window = range(noun.end, b)
            if any(parsed.norm_of(i) in vocab.existing_body_in_the_making for i in window):
                continue  # "la convocatoria para integrar el Secretariado Técnico Local"
            self._give(noun, Referent(topic.value), [noun.value], {}, None, sentence)

    def _owned_or_taken_part_in(self, i: int) -> bool:
        """The noun at token ``i``, after its determiner, owns one of existing_body_parts ("los compromisos del
        Plan") or is what one of existing_body_taking_part takes part in ("partícipes en el Secretariado")."""
        parsed, vocab = self.parsed, self.parsed.vocab
        if i >= 2 and parsed.norm_of(i - 1) == "del" and parsed.norm_of(i - 2) in vocab.existing_body_parts:
            return True
        phrases = vocab.existing_body_taking_part
        reach = max((len(phrase) for phrase in phrases), default=0)
        before = tuple(parsed.norm_of(k) for k in range(max(0, i - 1 - reach), i - 1))  # before the determiner
        return any(before[-len(phrase) :] == phrase for phrase in phrases)

    def _owner_follows(self, noun: Match) -> bool:
        """A state is named right after a noun of owned_by_state ("los ejercicios locales de Sonora")."""
        after = self._past_where_participle(noun.end)
        return any(self.states.named_after(after, min(after + 4, self.parsed.size), self.parsed.vocab.owner_skip))

    def _past_where_participle(self, i: int) -> int:
        """Past a participle at token ``i`` that "en" follows, where the owner is named: "los ejercicios de
        Gobierno Abierto realizados en Nayarit" (rules/events.yml participle_endings)."""
        parsed = self.parsed
        if (
            i + 1 < parsed.size
            and parsed.norm_of(i + 1) == "en"
            and fold(parsed.text_of(i)).endswith(parsed.vocab.participle_endings)
        ):
            return i + 1
        return i

    def _give(
        self,
        m: Match,
        men: Mention | Referent,
        events: list[str],
        own_years: dict[str, YearSource],
        year: YearSource | None,
        sentence: int,
    ) -> None:
        published = self.parsed.published
        for event in events:  # sorted by the caller, once per clause: the same order on every run
            source = own_years.get(event, year)
            if source is not None and published and source[1] > published.year:
                continue
            self._add(m, men, event, source, sentence)

    def _add(self, m: Match, men: Mention | Referent, event: str, source: YearSource | None, sentence: int) -> None:
        year = source[1] if source else None
        code = str(men.value)  # a state's INEGI code
        self.listed[(sentence, event)].add(code)
        key = (code, event)
        known = self.found.get(key)
        if known is not None and (known.year is not None or year is None):
            if not (source and known.date) or len(known.date) == len("2017-05-11"):
                return
            finer = self.numbers.iso_of(source)
            if finer != known.date and finer.startswith(known.date):
                known.date = finer  # "… instalaron en 2018 …; en esta última, la sesión se realizó el 21 de junio"
            return
        date = self.numbers.iso_of(source) if source else None
        evidence, es, ee = self.parsed.sentence_text(sentence)
        self.found[key] = StateEvent(
            m.cstart, m.cend, code, event, year, self.parsed.document.published, evidence, es, ee, date
        )

    def _year_lists(self, eventful: set[int]) -> set[int]:
        """Sentences that only list states under a time phrase, right after a sentence with an event (or
        another such list), which they continue: "La adhesión fue por oleadas. En 2015: Morelos, Durango
        y Oaxaca. En 2016: Sonora y Sinaloa. Y en febrero de este año, Puebla." """
        parsed, found = self.parsed, set()
        for sentence in sorted(self.by_sentence):
            if sentence in eventful or not (sentence - 1 in eventful or sentence - 1 in found):
                continue
            a, b = parsed.sentence_bounds(sentence)
            if a < b and parsed.norm_of(a) in ("y", "e"):
                a += 1
            first_state = self.by_sentence[sentence][0][0].start
            cut = next((i for i in range(a, first_state) if parsed.text_of(i) in (":", ",")), None)
            if (
                cut is not None
                and self.numbers.years_between(a, cut)
                and self.states.only_list_between(cut + 1, b, parsed.vocab.subject_fillers)
            ):
                found.add(sentence)
        return found
