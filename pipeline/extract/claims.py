"""Claims: the program figures a text states, one per distinct (metric, state, value, qualifier).

A count bound to a metric is a claim unless its clause hedges it, a future verb
stands at it, it counts what happened in a later year rather than the running
total, or it is a whole or an origin ("de las 32 entidades del país", "asistentes
de 20 entidades"). A figure is one state's when a plan or STL term scopes it
("el Plan de Acción Local de Durango incluye siete compromisos"), the
program's otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from pipeline.extract.clauses import Clauses
from pipeline.extract.counts import Count, noun_end
from pipeline.extract.event_years import EventYears
from pipeline.extract.numbers_and_dates import Number, Numbers
from pipeline.extract.parsed import Parsed
from pipeline.extract.scope import Scope
from pipeline.extract.states import States
from pipeline.model import Claim
from pipeline.rules import fold

ClaimKey = tuple  # (metric, state, value, qualifier)


class ClaimReader:
    def __init__(
        self,
        parsed: Parsed,
        states: States,
        numbers: Numbers,
        clauses: Clauses,
        scope: Scope,
        counts: list[Count],
        listed: dict[tuple[int, str], set[str]],
    ):
        self.parsed = parsed
        self.vocab = parsed.vocab
        self.states = states
        self.numbers = numbers
        self.clauses = clauses
        self.scope = scope
        self.counts = counts
        self.listed = listed
        self.event_years = EventYears(parsed, states)
        text = parsed.document.text
        self._has_quotes = any(mark in text for mark in ('"', "“", "«"))

    def read(self) -> list[Claim]:
        claims: dict[ClaimKey, Claim] = {}
        unscoped: set[ClaimKey] = set()  # claims without a state whose clause does not say they are the program's
        for count in self.counts:
            if count.mention.metric is not None:
                self._read_count(count, count.mention.metric, claims, unscoped)
        # "• El documento reúne seis compromisos" in the bullets and "El plan morelense tiene seis compromisos"
        # in the body: one figure, told once without its state. A figure said to be the program's ("en total")
        # stays.
        for metric, _state, value, qualifier in [key for key in claims if key[1] is not None]:
            if (metric, None, value, qualifier) in unscoped:
                del claims[(metric, None, value, qualifier)]
                unscoped.discard((metric, None, value, qualifier))
        return list(claims.values())

    def _read_count(self, count: Count, metric: str, claims: dict[ClaimKey, Claim], unscoped: set[ClaimKey]) -> None:
        number, mention = count.number, count.mention
        value, qualifier = int(number.value), cast(str, mention.qualifier)  # as the count's mention has them
        parsed, metrics = self.parsed, self.vocab.metrics
        sentence = parsed.sentence_of(number.start)
        if self.scope.hedged(number.start) or self._told_in_future(count):
            return  # "las seis entidades que todavía no se suman", "la meta es llegar a 32", "serán 30"
        event = metrics[metric].get("event")
        if event and metrics[metric].get("cumulative") and self._done_in_a_later_year(count, event):
            return
        if metric == "states_participating" and (self._partitive_whole(count) or self._origin_of_others(number)):
            return
        states = self._scoped_states(number, sentence) if metric in self.vocab.scoped_metrics else []
        if len(states) > 1 and not self._lists_every_one(states, sentence):
            return  # "los Planes de Sonora y Sinaloa suman 12 compromisos": neither one state's nor the program's
        state = states[0] if len(states) == 1 else None
        listed = len(self.listed.get((sentence, event), ())) if event and not self._running_total(number) else 0
        key = (metric, state, value, qualifier)
        if key in claims and (claims[key].listed_states is not None or not listed):
            return  # one claim per figure; the sentence that lists its states is the best evidence
        evidence, es, ee = parsed.sentence_text(sentence)
        claims[key] = Claim(
            mention.start,
            mention.end,
            metric,
            value,
            qualifier,
            state,
            self._as_of(number),
            evidence,
            es,
            ee,
            listed or None,
            self._confident(count, metric, state, sentence),
        )
        if state is None and not parsed.inside("programwide", *self.clauses.of_token(number.start)):
            unscoped.add(key)

    def _running_total(self, number: Number) -> bool:
        """The sentence's list is partial: the figure follows "de modo que", "con lo que" …, or the list is
        what "junto con" adds to another (rules/metrics.yml running_total_links)."""
        parsed = self.parsed
        if not (parsed.starts.get("runningtotal") or parsed.starts.get("partiallist")):
            return False
        start, end = parsed.sentence_bounds(parsed.sentence_of(number.start))
        return bool(parsed.inside("runningtotal", start, number.start) or parsed.inside("partiallist", start, end))

    def _confident(self, count: Count, metric: str, state: str | None, sentence: int) -> bool:
        """Whether the figure is read with confidence, for the consistency checks: not inside a quotation
        (speech plays with numbers: "veintitrés compromisos de no dar marcha atrás"), not a program-wide
        count of commitments in a sentence about one state's plan ("el chiapaneco consta de seis
        compromisos"), not a count of states as places ("se concentra en apenas seis estados")."""
        parsed, number = self.parsed, count.number
        if self._quoted(number):
            return False
        start, end = parsed.sentence_bounds(sentence)
        if metric == "commitments" and state is None:
            one_state = len(set(self.states.body_within(start, end))) == 1
            if one_state or parsed.inside("demonym", start, end) or parsed.inside("elided", start, end):
                return False
        if metric != "states_participating":
            return True
        qualifier = parsed.ending_at("qual", number.start)
        before = qualifier.start if qualifier else number.start
        while before > 0 and parsed.norm_of(before - 1) in self.vocab.count_leads:
            before -= 1  # "en apenas seis estados"
        return not (before > 0 and parsed.norm_of(before - 1) == "en")

    def _quoted(self, number: Number) -> bool:
        """The figure stands inside quotation marks opened earlier on its line."""
        if not self._has_quotes:
            return False
        text = self.parsed.document.text
        line = text.rfind("\n", 0, number.cstart) + 1
        before = text[line : number.cstart]
        opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
        return opened > 0 or before.count('"') % 2 == 1

    def _scoped_states(self, number: Number, sentence: int) -> list[str]:
        """The states a figure is about: "el Plan de Acción Local de Durango incluye siete compromisos" → [10].

        A plan or STL term followed by "de <state>" or a demonym ("el Plan de
        Acción Local tabasqueño") scopes the figure after it in the sentence.
        Failing that, and unless the clause says the figure is the program's ("en
        total", "suman"), a term in the figure's clause scopes it too: one after
        the figure ("Con seis compromisos … presentaron el Plan de Acción Local de
        Oaxaca"), or one the clause's subject owns ("Chiapas presentó su Plan de
        Acción Local, con seis compromisos"). First of all, in a sentence about
        plans or STL, one state named in the figure's own clause before it: "Hidalgo
        presentó el suyo, con seis compromisos, y Chihuahua, en septiembre, con siete";
        then an elided noun: "el Plan de Morelos incluye seis compromisos; el de Durango, siete".
        """
        parsed, states = self.parsed, self.states
        a, b = self.clauses.of_token(number.start)
        respective = self._respective_state(number, a, b)
        if respective:
            return [respective]
        start, _ = parsed.sentence_bounds(sentence)
        wide = bool(parsed.inside("programwide", a, b))
        own = set(states.body_within(a, number.start))
        if (
            len(own) == 1
            and not wide
            and (parsed.inside("scope", start, b) or parsed.inside("elided", start, b))
            and not self._figure_between(states.last_end(a, number.start), number.start)
        ):
            return list(
                own
            )  # not "Puebla, se sumó en febrero— y que ha generado 17 Planes con más de cien compromisos"
        found = [] if wide else self._scoped_by_elided_noun(number, start)
        if found:
            return found
        for scope in reversed(parsed.inside("scope", start, number.start)):
            if wide and self._figure_between(scope.end, number.start):
                break  # "Con el plan jalisciense suman ocho Planes …, con 50 compromisos en total": the program's
            found = states.states_after(scope.end, number.start, self.vocab.scope_skip)
            if found:
                return found
        found = [] if wide else self._scoped_in_clause(number, a, b)
        topic = self.states.topic()
        if (
            not found
            and not wide
            and topic
            and parsed.inside("scope", start, b)
            and not self._country_figures(start, b)
        ):
            return [topic.value]  # "Este Segundo Plan incluyó ocho compromisos" in a text about one state
        return found

    def _country_figures(self, a: int, b: int) -> bool:
        """Tokens [a, b) state figures of states, Secretariados or plans: the program's, so the figures beside
        them are too ("Participan 30 entidades … y se han generado 17 Planes con más de cien compromisos")."""
        counted = self.vocab.event_metrics
        return any(a <= c.number.start < b and c.mention.metric in counted for c in self.counts)

    def _respective_state(self, number: Number, a: int, b: int) -> str | None:
        """ "Sonora y Sinaloa presentaron planes con cinco y siete compromisos, respectivamente": the k-th figure
        of a metric in the clause is the k-th state's."""
        parsed = self.parsed
        if not parsed.starts.get("respectively") or not parsed.inside("respectively", a, b):
            return None
        states = self.states.body_within(a, b)
        metric = next(c.mention.metric for c in self.counts if c.number is number)
        figures = [c.number for c in self.counts if c.mention.metric == metric and a <= c.number.start < b]
        if len(states) < 2 or len(figures) != len(states):
            return None
        return states[[f.start for f in figures].index(number.start)]

    def _scoped_by_elided_noun(self, number: Number, start: int) -> list[str]:
        """ "el Plan de Morelos incluye seis compromisos; el de Durango, siete"."""
        for elided in reversed(self.parsed.inside("elided", start, number.start)):
            if self._figure_between(elided.end, number.start):
                break  # "—la más reciente, Puebla, …— y ha generado 17 Planes con más de cien compromisos"
            found = self.states.states_after(elided.end, number.start, self.vocab.scope_skip)
            if found:
                return found
        return []

    def _scoped_in_clause(self, number: Number, a: int, b: int) -> list[str]:
        """A term after the figure in its clause, or one the clause's subject owns ("su Plan")."""
        parsed = self.parsed
        for scope in parsed.inside("scope", a, b):
            found = self.states.states_after(scope.end, b, self.vocab.scope_skip) if scope.start > number.start else []
            if not found and scope.start > a and parsed.norm_of(scope.start - 1) in ("su", "sus"):
                found = self.states.body_within(a, scope.start)
            if found:
                return found
        return []

    def _figure_between(self, a: int, b: int) -> bool:
        """Another program figure lies in tokens [a, b)."""
        return any(a <= c.number.start < b and c.mention.metric for c in self.counts)

    def _told_in_future(self, count: Count) -> bool:
        """A future verb right at the figure ("la red alcanzará 32 entidades", "serán 30 las entidades",
        "se instalarán cinco STL"); one further off in the clause governs something else
        ("el siguiente paso será instalar el STL, instancia que ya funciona en 17 estados")."""
        number, window = count.number, self.vocab.future_window
        qualifier = self.parsed.ending_at("qual", number.start)
        before = qualifier.start if qualifier else number.start
        after = noun_end(number, count.unit)
        return self.scope.has_future(max(0, before - window), before) or self.scope.has_future(after, after + window)

    def _lists_every_one(self, states: list[str], sentence: int) -> bool:
        """The sentence counts the plans or STL it lists, so they are all the program's:
        "se han publicado dos Planes de Acción Local, los de Morelos y Durango, que suman 13 compromisos"."""
        start, end = self.parsed.sentence_bounds(sentence)
        return any(
            c.mention.metric in ("plans_published", "stl_installed")
            and c.mention.value == len(states)
            and start <= c.number.start < end
            for c in self.counts
        )

    def _origin_of_others(self, number: Number) -> bool:
        """ "más de 300 asistentes de 20 entidades": where other people came from, not states taking part."""
        parsed = self.parsed
        qualifier = parsed.ending_at("qual", number.start)
        i = qualifier.start if qualifier else number.start
        return (
            i >= 3
            and parsed.norm_of(i - 1) == "de"
            and parsed.text_of(i - 2).isalpha()
            and (i - 3) in self.numbers.numeric_tokens
        )

    def _partitive_whole(self, count: Count) -> bool:
        """ "de las 32 entidades del país, 30 participan": 32 is the whole country, not a figure. Unless a
        "que" clause right after its noun says the whole takes part: "De las 15 entidades que hoy forman
        parte del programa, es la primera …"."""
        parsed, i = self.parsed, count.number.start
        if not (i >= 2 and parsed.norm_of(i - 1) in ("las", "los") and parsed.norm_of(i - 2) == "de"):
            return False
        after = noun_end(count.number, count.unit)
        if after < parsed.size and parsed.norm_of(after) == "que":
            return not parsed.inside("participating", after + 1, min(after + 4, self.clauses.of_token(after)[1]))
        return True

    def _done_in_a_later_year(self, count: Count, event: str) -> bool:
        """ "En 2016 se sumaron cinco entidades", "Cuatro entidades pusieron en marcha este año su Secretariado":
        what happened that year, not the running total.

        Only a count dated to the program's first year is also its total then
        ("Trece entidades federativas firmaron en 2015 la Declaratoria"), and so is one
        over a period from that year ("Entre marzo de 2015 y mayo de 2019, 30 entidades
        firmaron"). A verb of being ("forman parte", "cuentan con", "funcionan") or a perfect
        tense tells what is, whatever the year ("En 2017 funcionan 16 Secretariados"), and
        a participle after the noun describes it ("los tres Planes publicados este año").
        """
        parsed, number = self.parsed, count.number
        qualifier = parsed.ending_at("qual", number.start)
        before = qualifier.start if qualifier else number.start
        if parsed.ending_at("link", before):
            return False  # "…, con lo que suman 28 entidades": a running total
        after = count.noun.end if count.noun else number.end
        a, b = self.clauses.of_token(number.start)
        participles = self.vocab.participle_endings
        objects = {m.value for m in parsed.inside("pairobj", a, b)}
        verbs = parsed.inside("event", a, b) + [m for m in parsed.inside("paired", a, b) if m.value in objects]
        near = [
            m
            for m in verbs
            if m.value == event
            and (before - 4 <= m.end <= before or after <= m.start <= after + 4)
            and not (parsed.starting_at("stative", m.start) or parsed.ending_at("stative", m.end))
            and not fold(parsed.text_of(m.end - 1)).endswith(participles)
        ]
        if not near:
            return False  # the count is not what happened
        years = self.numbers.years_between(a, b)
        subject = any(m.start >= after for m in near)  # the figure counts who did it: "10 estados firmamos"
        relative_day = any(parsed.inside(kind, a, b) for kind in ("day", "weekday", "week"))
        if not years and subject and parsed.published is None and relative_day:
            return True  # "Este lunes, 10 estados firmamos la Declaratoria" in an undated text: that day's count
        if any(year <= self.vocab.start_year for _, year in years):
            return False
        source = self.event_years.source_for(number, years)
        return source is not None and source[1] > self.vocab.start_year

    def _as_of(self, number: Number) -> str | None:
        """The bulletin's date, or the end of an earlier period the clause dates the figure to.

        A year that starts a period ("el proyecto, que el INAI impulsa desde 2015,
        cuenta con 23 entidades") does not date the figure.
        """
        parsed = self.parsed
        published = parsed.document.published
        if not parsed.published:
            return published
        a, _ = self.clauses.of_token(number.start)
        earlier = [
            (src, y)
            for src, y in self.numbers.years_between(a, number.start)
            if not parsed.ending_at("since", src.start)
        ]
        if not earlier:
            return published
        end: dt.date = self.numbers.period_end(*earlier[-1])
        return end.isoformat() if end < parsed.published else published
