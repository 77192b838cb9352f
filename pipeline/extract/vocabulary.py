"""The rule files as the word sets and numbers the extraction reads, loaded once per process.

Patterns (state names, triggers, qualifiers …) reach the extraction as spaCy
matches (see ``nlp.py``); what is here are the word classes and distances the
readings test tokens against, folded (lower case, no accents) the way token
norms are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.strings import get_string_id

from pipeline import rules
from pipeline.rules import fold


@dataclass(frozen=True, slots=True)
class Vocabulary:
    number_words: frozenset[str]
    articles: frozenset[str]
    multipliers: dict[str, float]
    collectives: dict[str, int]
    increment_before: frozenset[str]
    increment_after: frozenset[str]
    referring_before: frozenset[str]
    other_units: frozenset[str]
    min_year: int
    max_year: int
    row_leaders: str
    metrics: dict[str, dict]
    scoped_metrics: frozenset[str]
    locative_before: frozenset[str]
    locative_metrics: frozenset[str]
    event_metrics: frozenset[str]  # the metrics that count states by what they did: joined, installed, published
    locative_events: frozenset[str]
    needs_term: dict[str, str | None]
    event_terms: frozenset[str]
    anaphor_not_before: frozenset[str]
    future_endings: tuple[str, ...]
    to_come_verbs: dict[str, frozenset[str]]  # infinitive -> the events its future tells as to come
    participle_endings: tuple[str, ...]
    conditional_not_before: frozenset[str]
    start_year: int
    # rules/grammar.yml
    unit_stop_words: frozenset[str]
    term_before_link_window: int
    subject_verb_window: int
    subject_fillers: frozenset[str]
    having_determiners: frozenset[str]
    partitive_pronouns: frozenset[str]
    verb_adjuncts: frozenset[str]
    count_leads: frozenset[str]
    state_list_words: frozenset[str]
    scope_skip: frozenset[str]
    future_window: int
    aside_dashes: frozenset[str]
    anaphor_reach: int
    nominalization_endings: tuple[str, ...]
    owner_skip: frozenset[str]
    existing_body_determiners: frozenset[str]
    additive_openers: tuple[tuple[str, ...], ...]  # each phrase's folded words
    existing_body_generic_after: frozenset[str]
    existing_body_in_the_making: frozenset[str]
    existing_body_making_window: int
    period_name_skip: frozenset[str]
    to_do_year_skip: frozenset[str]
    to_do_determiners: frozenset[str]
    work_on_skip: frozenset[str]
    surnames: frozenset[int]  # as string ids, tested against token norms for every state named
    joining_objects: frozenset[str]
    bare_joining_objects: frozenset[str]
    bare_object_qualifiers: frozenset[str]
    surname_not_after: frozenset[str]
    surname_titles: frozenset[str]
    trigger_accents: dict[str, frozenset[str]]
    having_object_reach: int
    having_pronouns: frozenset[str]
    later_session_ordinals: frozenset[str]
    later_session_ordinal_suffixes: frozenset[str]
    existing_body_parts: frozenset[str]
    existing_body_taking_part: tuple[tuple[str, ...], ...]  # each phrase's folded words
    program_wide_not_before: frozenset[str]
    declaration_words: frozenset[int]  # as string ids, tested against token norms
    municipal_names: frozenset[str]
    municipal_name_reach: int


def _folded(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words or ())


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The process's vocabulary (``rules.load`` checks each file's time on every call; this does not)."""
    numbers, metrics, events = rules.load("numbers"), rules.load("metrics"), rules.load("events")
    program, grammar, states = rules.load("program"), rules.load("grammar"), rules.load("states")
    locative = metrics.get("locative_counts", {})
    return Vocabulary(
        number_words=_folded(numbers["number_words"]),
        articles=_folded(numbers["articles"]),
        multipliers={fold(k): float(v) for k, v in numbers["multipliers"].items()},
        collectives={fold(k): int(v) for k, v in numbers.get("collectives", {}).items()},
        increment_before=_folded(numbers.get("increment_before")),
        increment_after=_folded(numbers.get("increment_after")),
        referring_before=_folded(numbers.get("referring_before")),
        other_units=_folded(numbers.get("other_units")),
        min_year=int(numbers["min_year"]),
        max_year=int(numbers["max_year"]),
        row_leaders="".join(numbers.get("row_leaders", [])),
        metrics=metrics["metrics"],
        scoped_metrics=frozenset(metrics.get("state_scoped_metrics", [])),
        locative_before=_folded(locative.get("before")),
        locative_metrics=frozenset(locative.get("metrics", [])),
        event_metrics=frozenset(key for key, metric in metrics["metrics"].items() if metric.get("event")),
        locative_events=frozenset(metrics["metrics"][m].get("event") for m in locative.get("metrics", [])),
        needs_term={k: v.get("needs_term") for k, v in events["events"].items()},
        event_terms=frozenset(v["needs_term"] for v in events["events"].values() if v.get("needs_term")),
        anaphor_not_before=_folded(events.get("anaphor_not_before")),
        future_endings=tuple(events.get("future_endings", [])),
        to_come_verbs=_by_infinitive(events.get("to_come_verbs") or {}),
        participle_endings=tuple(events.get("participle_endings", [])),
        conditional_not_before=_folded(events.get("conditional_not_before")),
        start_year=int(program.get("start_year", 2015)),
        unit_stop_words=_folded(grammar["unit_stop_words"]),
        term_before_link_window=int(grammar["term_before_link_window"]),
        subject_verb_window=int(grammar["subject_verb_window"]),
        subject_fillers=_folded(grammar["subject_fillers"]),
        having_determiners=_folded(grammar["having_determiners"]),
        partitive_pronouns=_folded(grammar["partitive_pronouns"]),
        verb_adjuncts=_folded(grammar["verb_adjuncts"]),
        count_leads=_folded(grammar["count_leads"]),
        state_list_words=_folded(grammar["state_list_words"]),
        scope_skip=_folded(grammar["scope_skip"]),
        future_window=int(grammar["future_window"]),
        aside_dashes=frozenset(grammar["aside_dashes"]),
        anaphor_reach=int(grammar["anaphor_reach"]),
        nominalization_endings=tuple(fold(e) for e in grammar["nominalization_endings"]),
        owner_skip=_folded(events.get("owner_skip")),
        existing_body_determiners=_folded(events.get("existing_body_determiners")),
        additive_openers=tuple(tuple(fold(p).split()) for p in events.get("additive_openers") or ()),
        existing_body_generic_after=_folded(events.get("existing_body_generic_after")),
        # what shows work on a body or plan under way: its own words and owned_unfinished's
        existing_body_in_the_making=_folded(events.get("existing_body_in_the_making"))
        | _folded(events.get("owned_unfinished")),
        existing_body_making_window=int(events["existing_body_making_window"]),
        period_name_skip=_folded(grammar["period_name_skip"]),
        to_do_year_skip=_folded(grammar["to_do_year_skip"]),
        to_do_determiners=_folded(grammar["to_do_determiners"]),
        work_on_skip=_folded(grammar["work_on_skip"]),
        surnames=frozenset(map(get_string_id, _folded(states.get("surnames")))),
        joining_objects=_folded(program.get("joining_objects")),
        bare_joining_objects=_folded(program.get("bare_joining_objects")),
        bare_object_qualifiers=_folded(program.get("bare_object_qualifiers")),
        surname_not_after=_folded(states.get("surname_not_after")),
        surname_titles=_folded(states.get("surname_titles")),
        having_object_reach=int(events.get("having_object_reach", 3)),
        having_pronouns=_folded(events.get("having_pronouns")),
        later_session_ordinals=_folded(events.get("later_session_ordinals")),
        later_session_ordinal_suffixes=_folded(events.get("later_session_ordinal_suffixes")),
        existing_body_parts=_folded(events.get("existing_body_parts")),
        existing_body_taking_part=tuple(tuple(fold(p).split()) for p in events.get("existing_body_taking_part", [])),
        program_wide_not_before=_folded(metrics.get("program_wide_not_before")),
        declaration_words=frozenset(map(get_string_id, _folded(events.get("declaration_words")))),
        municipal_names=_folded(events.get("municipal_names")),
        municipal_name_reach=int(events.get("municipal_name_reach", 0)),
        trigger_accents=_accented_forms(
            phrase
            for event in events["events"].values()
            for phrase in event["triggers"] + event.get("paired_triggers", [])
        ),
    )


def _accented_forms(phrases) -> dict[str, frozenset[str]]:
    """Each word written with an accent in ``phrases``, by its folded form: {"publico": {"publicó"}}."""
    forms: dict[str, set[str]] = {}
    for word in (w.lower() for phrase in phrases for w in phrase.split()):
        if fold(word) != word:
            forms.setdefault(fold(word), set()).add(word)
    return {folded: frozenset(written) for folded, written in forms.items()}


def _by_infinitive(verbs: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """rules/events.yml to_come_verbs turned round: each infinitive, folded, with the events it tells."""
    events: dict[str, set[str]] = {}
    for event, infinitives in verbs.items():
        for infinitive in infinitives:
            events.setdefault(fold(infinitive), set()).add(event)
    return {infinitive: frozenset(found) for infinitive, found in events.items()}
