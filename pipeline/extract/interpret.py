"""The readings in their order, each handed what the ones before found, assembled into an ``Extraction``.

    Parsed ──▶ States ──▶ Numbers ──▶ Clauses ──▶ counts ──▶ Scope ──▶ events ──▶ claims ──▶ Extraction

Every reading reads the shared ``Parsed`` view and the plain results of the
readings before it, and hands on its own; none reaches back.
"""

from __future__ import annotations

from operator import attrgetter

from spacy.tokens import Doc

from pipeline.extract.claims import ClaimReader
from pipeline.extract.clauses import Clauses
from pipeline.extract.counts import CountBinder
from pipeline.extract.events import EventReader
from pipeline.extract.numbers_and_dates import Numbers
from pipeline.extract.parsed import Parsed
from pipeline.extract.program import Verdict, verdict_of
from pipeline.extract.scope import Scope
from pipeline.extract.states import States
from pipeline.model import Claim, Document, Extraction, StateEvent

_START = attrgetter("start")
_SETTLED_BY_READING = (Verdict.MAYBE, Verdict.JOINING)


def interpret(document: Document, doc: Doc, program: bool | None = None) -> Extraction:
    """What the rule matches of ``doc`` mean; ``program`` decided by the caller for a part of a long text."""
    parsed = Parsed(document, doc)
    found = verdict_of(parsed) if program is None else (Verdict.YES if program else Verdict.NO)
    states = States(parsed)
    numbers = Numbers(parsed)
    clauses = Clauses(parsed, states, numbers.numeric_tokens)
    counts = CountBinder(parsed, states, clauses, numbers.numeric_tokens, found is not Verdict.NO).bind(
        numbers.candidates
    )
    scope = Scope(parsed, clauses)
    events: list[StateEvent] = []
    claims: list[Claim] = []
    if found is not Verdict.NO:
        settles = found in _SETTLED_BY_READING
        reader = EventReader(parsed, states, numbers, clauses, scope, settles_program=settles)
        events = reader.read()
        claims = ClaimReader(parsed, states, numbers, clauses, scope, counts, reader.listed).read()
        if settles and not _tells_of_states(events, claims, parsed, reader.joins_program, found):
            found, events, claims = Verdict.NO, [], []
            for count in counts:
                count.mention.metric = None
    program = found is not Verdict.NO
    # Dates, years and counts in the order of the numbers they read; relative years ("el año pasado") after.
    numeric = sorted(numbers.mentions + [count.mention for count in counts], key=_START)
    mentions = states.mentions() + numeric + numbers.relative_mentions
    return Extraction(document.doc_id, program, mentions, claims, events)


def _tells_of_states(
    events: list[StateEvent], claims: list[Claim], parsed: Parsed, joins_program: bool, found: Verdict
) -> bool:
    """A text read as a program text tells of states' Secretariados or plans (an event or a figure), or of
    states joining what rules/program.yml's joining_objects name: it speaks of the program without its name.
    Beside the country's plans (``Verdict.JOINING``) only states joining tell it."""
    if joins_program:
        return True
    if found is Verdict.JOINING:
        return False
    places = {"stl_installed", "plan_published"}
    place_metrics = {key for key, metric in parsed.vocab.metrics.items() if metric.get("event") in places}
    return any(e.event in places for e in events) or any(c.metric in place_metrics for c in claims)
