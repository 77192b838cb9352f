"""The phrases the rule matchers look for, read from ``rules/``: one function per rule file.

Each phrase is labelled "<group>:<value>" (``state:19``, ``metric:stl_installed``,
``rel:-1``), the labels ``extract/`` interprets. ``nlp.build_nlp`` feeds the NORM
phrases to one matcher and the abbreviations, matched as written, to another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline import rules

# Adds phrases under one label: what each rule file's function is given.
AddPhrases = Callable[[str, Iterable[str]], None]


def demonym_forms(word: str) -> list[str]:
    """A masculine singular demonym and its other genders and plurals: oaxaqueño → oaxaqueña, oaxaqueños, oaxaqueñas."""
    if word.endswith("o"):
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    if word.endswith("és"):  # neoleonés → neoleonesa, neoleoneses, neoleonesas
        stem = word[:-2] + "es"
        return [word, stem + "a", stem + "es", stem + "as"]
    return [word, word + "s"]  # -ense, -a: colimense(s), nayarita(s)


def phrase_patterns() -> list[dict]:
    """All NORM phrase patterns, labelled by what they mean."""
    patterns: list[dict] = []

    def add(label: str, phrases: Iterable[str]) -> None:
        patterns.extend({"label": label, "pattern": phrase} for phrase in phrases)

    for add_phrases_of_rule_file in (
        _state_phrases,
        _metric_phrases,
        _event_phrases,
        _number_phrases,
        _program_phrases,
    ):
        add_phrases_of_rule_file(add)
    return patterns


def _state_phrases(add: AddPhrases) -> None:
    """rules/states.yml: state names, words that look like one but are not, demonyms."""
    states = rules.load("states")
    for code, state in states["states"].items():
        add(f"state:{code}", state.get("names", []))
    add("notstate", states.get("not_states", []))
    for code, words in states.get("demonyms", {}).items():
        add(f"demonym:{code}", [form for word in words for form in demonym_forms(word)])


def _metric_phrases(add: AddPhrases) -> None:
    """rules/metrics.yml: metric terms, and the words that scope, link or rule out a figure."""
    metrics = rules.load("metrics")
    for key, metric in metrics["metrics"].items():
        add(f"metric:{key}", metric["terms"])
    add("metric:_none", metrics.get("not_metrics", []))
    add("scope", metrics.get("state_scoping_terms", []))
    add("notclaim", metrics.get("not_claims", []))
    add("relstart", metrics.get("relative_clause_starts", []))
    add("programwide", metrics.get("program_wide_markers", []))
    add("purpose", metrics.get("purpose_adjuncts", []))
    add("runningtotal", metrics.get("running_total_links", []))
    add("partiallist", metrics.get("partial_list_links", []))
    add("participating", metrics.get("participating_wholes", []))


def _event_phrases(add: AddPhrases) -> None:
    """rules/events.yml: event triggers, and the words that pair, own, continue or block them."""
    events = rules.load("events")
    for key, event in events["events"].items():
        add(f"event:{key}", event["triggers"])
        add(f"paired:{key}", event.get("paired_triggers", []))
        add(f"pairobj:{key}", event.get("pair_with", []))
    for key, phrases in events.get("owned_by_state", {}).items():
        add(f"owned:{key}", phrases)
    add("unfinished", events.get("owned_unfinished", []))
    for key, phrases in events.get("existing_bodies", {}).items():
        add(f"existing:{key}", phrases)
    add("elided", events.get("elided_noun", []))
    add("respectively", events.get("respectively", []))
    add("existence", events.get("existence_only", []))
    add("objneeded", events.get("object_needed", []))
    add("partof", events.get("part_of_triggers", []))
    add("having", events.get("having_triggers", []))
    add("clausebreak", events.get("clause_breaks", []))
    add("barebreak", events.get("bare_clause_breaks", []))
    add("continue", events.get("continuation", []))
    add("block", events.get("not_events", []))
    add("stative", events.get("states_of_being", []))
    add("anaphor", events.get("anaphors", []))
    add("lastnamed", events.get("last_named", []))


def _number_phrases(add: AddPhrases) -> None:
    """rules/numbers.yml: qualifiers, number words, and the words of dates relative and absolute."""
    numbers = rules.load("numbers")
    for qualifier, phrases in numbers["qualifiers"].items():
        add(f"qual:{qualifier}", phrases)
    add("numword", numbers["number_words"])
    add("notcount_after", numbers["not_count_after"])
    add("notcount_before", numbers["not_count_before"])
    add("countnoun", numbers["count_nouns_over_years"])
    add("numword", numbers.get("collectives", {}))
    add("link", numbers.get("figure_links", []))
    add("since", numbers.get("period_starts", []))
    for phrase, offset in numbers["relative_years"].items():
        add(f"rel:{offset}", [phrase])
    add("sameyear", numbers.get("same_year", []))
    for phrase, offset in numbers.get("relative_days", {}).items():
        add(f"day:{offset}", [phrase])
    for day, number in numbers.get("weekdays", {}).items():
        add(f"weekday:{number}", [form.format(day=day) for form in numbers.get("weekday_phrases", [])])
    for phrase, offset in numbers.get("relative_weeks", {}).items():
        add(f"week:{offset}", [phrase])
    for phrase, offset in numbers.get("relative_months", {}).items():
        add(f"relmonth:{offset}", [phrase])
    for month, number in numbers["months"].items():
        add(f"month:{number}", [month])


def _program_phrases(add: AddPhrases) -> None:
    """rules/program.yml: the program's markers (its terms, the domain and other programs are counted in the
    text only when no marker settles it, see extract/program.py)."""
    add("program", rules.load("program")["program_markers"])


def abbreviation_patterns() -> list[dict]:
    """Words matched as written: state abbreviations ("NL", "CDMX"), and the conditional "si", which
    folded would also be the emphatic "sí" ("Tlaxcala sí instaló su Secretariado")."""
    states = [
        {"label": f"state:{code}", "pattern": abbreviation}
        for code, state in rules.load("states")["states"].items()
        for abbreviation in state.get("abbreviations", [])
    ]
    conditionals = [
        {"label": "conditional", "pattern": form}
        for word in rules.load("events").get("conditionals", [])
        for form in sorted({word, word.capitalize(), word.upper()})
    ]
    return states + conditionals
