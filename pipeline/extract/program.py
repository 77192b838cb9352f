"""Whether a text is about the program, from its words (rules/program.yml).

The program's own names decide at once; its terms ("Secretariado Técnico
Local", "Plan de Acción Local") decide when named often enough, and in a text
that names the domain ("gobierno abierto") so do looser ones ("Declaratoria",
"ejercicios locales"); another open-government program's name rules the terms
out. What the words leave open (the domain named, nothing else) ``interpret``
settles by reading the text as a program text: it is one if it then tells
of states' Secretariados or plans, or of states joining the program (see
``Verdict.MAYBE``), unless it names the country's open-government plans.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from pipeline import rules
from pipeline.extract.parsed import Parsed, longest
from pipeline.rules import fold


class Verdict(Enum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"  # names the domain only: decided by what a program reading finds


def verdict(markers: int, terms: int, domain_terms: int, domain: bool, other: bool) -> Verdict:
    """From counts of program markers, program terms, domain-only terms, and whether the domain and another
    program are named."""
    if markers:
        return Verdict.YES
    if other:
        return Verdict.NO
    min_terms = int(rules.load("program").get("program_terms_min", 1))
    if terms + (domain_terms if domain else 0) >= min_terms:
        return Verdict.YES
    return Verdict.MAYBE if domain else Verdict.NO


def verdict_of(parsed: Parsed) -> Verdict:
    m = parsed.matches
    domain = bool(m["domain"])
    # "Secretariado Técnico" inside "Secretariado Técnico Local" is one term, not two.
    terms = longest(m["programterm"] + (m["domainterm"] if domain else []))
    program_terms = sum(t.kind == "programterm" for t in terms)
    found = verdict(len(m["program"]), program_terms, len(terms) - program_terms, domain, bool(m["otherprogram"]))
    return Verdict.NO if found is Verdict.MAYBE and m["nationalprogram"] else found


def verdict_of_text(text: str) -> Verdict:
    """The same from the text's words alone, for a text too long to parse whole (its parts read with it)."""
    folded, program = fold(text), rules.load("program")
    terms, loose = program.get("program_terms", []), program.get("domain_only_terms", [])
    all_terms = _count(folded, tuple(terms + loose))
    program_terms = _count(folded, tuple(terms))
    found = verdict(
        _count(folded, tuple(program["program_markers"])),
        program_terms,
        all_terms - program_terms,
        _count(folded, tuple(program.get("domain_terms", []))) > 0,
        _count(folded, tuple(program.get("other_programs", []))) > 0,
    )
    national = _count(folded, tuple(program.get("national_programs", []))) > 0
    return Verdict.NO if found is Verdict.MAYBE and national else found


def _count(folded: str, phrases: tuple[str, ...]) -> int:
    """Occurrences of the phrases in a folded text, the longest first where they overlap."""
    return len(_pattern(phrases).findall(folded)) if phrases else 0


@lru_cache(maxsize=16)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    ordered = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b")
