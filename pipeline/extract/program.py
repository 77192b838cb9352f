"""Whether a text is about the program, from its words (rules/program.yml).

The program's own names decide at once, and so does its name cut short with
INAI named as its promoter ("el programa Gobierno Abierto impulsado por el
INAI"); its terms ("Secretariado Técnico Local", "Plan de Acción Local") decide
when named often enough (once is enough for a Secretariado called by its full
name, "Secretariado Técnico Local de Gobierno Abierto", or a term with INAI
named later in its sentence, "Planes de Acción Locales … INAI", or several
counted in a figure, "17 Planes de Acción Locales"; a "Secretariado Técnico
Tripartita", the country's OGP plans' as much as a state's, and a "Secretariado
Técnico Municipal", a city's, count as none; plans alone decide only in a text
that names the domain, since Spain's Agenda 21 Local has a "Plan de Acción
Local" too), and in a text that names the domain ("gobierno abierto") so do
looser ones ("Declaratoria", "ejercicios locales", the short name alone);
another open-government program's name rules the terms out. What the words
leave open (the domain named, nothing else; plans named, not the domain)
``interpret`` settles by reading the text as a program text: it is one if it
then tells of states' Secretariados or plans, or of states joining the program
(see ``Verdict.MAYBE``). A text that also names the country's open-government
plans is one only if it tells of states joining (``Verdict.JOINING``):
countries join the Open Government Partnership, states join the program, and
Secretariados and plans are both's.

Only a text without a program marker is weighed this way, from the folded
words of its tokens (the spaCy norms), each set off by spaces so that a phrase
matches whole words: " aga " is not the "aga" of "pagar".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from spacy.strings import get_string_id

from pipeline import rules
from pipeline.extract.parsed import Parsed
from pipeline.extract.vocabulary import vocabulary
from pipeline.rules import fold

_NEVER = re.compile("(?!)")  # matches nothing: for a pattern whose phrases the rule file leaves empty


class Verdict(Enum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"  # names the domain only, or plans only: decided by what a program reading finds
    JOINING = "joining"  # names the domain and the country's plans: the program's only if states join it


def verdict(
    terms: int, domain_terms: int, domain: bool, other: bool, national: bool, plans_only: bool = False
) -> Verdict:
    """For a text without a program marker: from its counts of program terms and domain-only terms, and whether
    it names the domain, another program and the country's own plans. Terms that are all plans' (``plans_only``:
    no Secretariado, no promoter) in a text that never names the domain decide nothing: Spain's Agenda 21 Local
    has a "Plan de Acción Local" too. Such a text is read (``Verdict.MAYBE``)."""
    if other:
        return Verdict.NO
    if terms + (domain_terms if domain else 0) >= _vocabulary().program_terms_min:
        return Verdict.MAYBE if plans_only and not domain else Verdict.YES
    if not domain:
        return Verdict.NO
    return Verdict.JOINING if national else Verdict.MAYBE


def verdict_of(parsed: Parsed) -> Verdict:
    """A text naming a program marker is the program's at once (most are); the others are weighed by their words,
    read from the tokens' folded forms (folding the whole text again cost more than extracting a bulletin)."""
    if parsed.matches["program"]:
        return Verdict.YES
    norms = set(parsed.token_norm)
    if not any(phrase <= norms for phrase in _vocabulary().cue_phrases):
        return Verdict.NO  # no marker, term or domain phrase has all its words here: most texts about other things
    strings = parsed.strings
    return _verdict_of_words(" " + " ".join([strings[n] for n in parsed.token_norm]) + " ")


def verdict_of_text(text: str) -> Verdict:
    """The same for a text too long to parse whole (its parts are read with this verdict)."""
    return _verdict_of_words(" " + _NOT_WORD.sub(" ", fold(text)) + " ")


def _verdict_of_words(words: str) -> Verdict:
    """From the folded words of a text, each set off by spaces; a term inside a longer one counts once
    ("Secretariado Técnico" inside "Secretariado Técnico Local")."""
    phrases = _vocabulary()
    if any(marker in words for marker in phrases.program_markers) or phrases.promoted_short_name.search(words):
        return Verdict.YES
    if not any(phrase in words for phrase in phrases.program_terms + phrases.domain_terms + phrases.promoted_terms):
        return Verdict.NO  # neither the program's terms nor open government: most texts about other things
    counts = _counts(
        words,
        phrases.program_terms
        + phrases.full_terms
        + phrases.domain_only_terms
        + phrases.program_markers
        + phrases.not_terms,  # counted only so that the terms inside them are not
    )
    # a Secretariado by its full name, a term with its promoter or one counted in a figure is as good as enough terms
    promoted = bool(phrases.promoted_term.search(words))
    whole = sum(counts[t] for t in phrases.full_terms) + promoted + bool(phrases.counted_term.search(words))
    plans_only = not promoted and not any(counts[t] for t in phrases.program_terms if t not in phrases.plan_terms)
    return verdict(
        sum(counts[t] for t in phrases.program_terms) + phrases.program_terms_min * whole,
        sum(counts[t] for t in phrases.domain_only_terms),
        any(domain in words for domain in phrases.domain_terms),
        any(other in words for other in phrases.other_programs),
        any(plan in words for plan in phrases.national_programs),
        plans_only,
    )


def _counts(words: str, phrases: tuple[str, ...]) -> dict[str, int]:
    """Occurrences of each phrase that are not part of a longer phrase of the list."""
    found = {p: words.count(p) for p in phrases}
    for short, long, times in _containing(phrases):
        found[short] -= found[long] * times
    return {p: max(n, 0) for p, n in found.items()}


@lru_cache(maxsize=4)
def _containing(phrases: tuple[str, ...]) -> tuple[tuple[str, str, int], ...]:
    """(short, long, how many times) for each phrase of the list inside a longer one."""
    return tuple((s, long, long.count(s)) for s in phrases for long in phrases if long != s and s in long)


@dataclass(frozen=True)
class _Phrases:
    program_markers: tuple[str, ...]
    program_terms: tuple[str, ...]
    plan_terms: tuple[str, ...]  # program terms other plans share: decide only beside the domain or a Secretariado
    full_terms: tuple[str, ...]  # each counts as program_terms_min terms
    not_terms: tuple[str, ...]  # others' bodies named with the program's terms (the country's plans', a city's)
    domain_only_terms: tuple[str, ...]
    domain_terms: tuple[str, ...]
    other_programs: tuple[str, ...]
    national_programs: tuple[str, ...]
    program_terms_min: int
    cue_phrases: tuple[frozenset[int], ...]  # the words of each marker, term, domain phrase and promoted term
    promoted_short_name: re.Pattern  # a short name, and its promoter within reach: "programa gobierno abierto … inai"
    promoted_terms: tuple[str, ...]
    promoted_term: re.Pattern  # one of promoted_terms, and its promoter within reach
    counted_term: re.Pattern  # a figure, then one of counted_terms: "17 planes de accion locales"


@lru_cache(maxsize=1)
def _vocabulary() -> _Phrases:
    program = rules.load("program")

    def words(key: str) -> tuple[str, ...]:
        """Each phrase as the tokenizer cuts it, its words folded and set off by spaces: " plan de accion local "."""
        return tuple(dict.fromkeys(" " + " ".join(_words(p)) + " " for p in program.get(key, [])))

    markers, terms, domain = words("program_markers"), words("program_terms"), words("domain_terms")
    promoted_terms = words("promoted_terms")
    cues = tuple(frozenset(map(get_string_id, p.split())) for p in markers + terms + domain + promoted_terms)
    short_names, promoters = words("short_names"), words("short_name_promoters")

    def promoted(names: tuple[str, ...], reach: int) -> re.Pattern:
        """One of the names, and a promoter within reach words after it, none of them ending a sentence."""
        if not (names and promoters):
            return _NEVER
        return re.compile(
            f"(?:{'|'.join(map(re.escape, names))})(?:(?![.!?] )\\S+ ){{0,{reach}}}"
            f"(?:{'|'.join(re.escape(p.lstrip()) for p in promoters)})"
        )

    return _Phrases(
        markers,
        terms,
        words("plan_terms"),
        words("program_full_terms"),
        words("shared_terms") + words("municipal_terms"),
        words("domain_only_terms") + short_names,
        domain,
        words("other_programs"),
        words("national_programs"),
        int(program.get("program_terms_min", 1)),
        cues,
        promoted(short_names, int(program.get("short_name_reach", 0))),
        promoted_terms,
        promoted(promoted_terms, int(program.get("promoted_term_reach", 0))),
        _counted(words("counted_terms")),
    )


def _counted(terms: tuple[str, ...]) -> re.Pattern:
    """A figure in digits or words (not an article: "un Plan"), then one of the terms."""
    if not terms:
        return _NEVER
    words = vocabulary()
    figures = sorted(words.number_words - words.articles, key=len, reverse=True)
    return re.compile(f" (?:\\d+|{'|'.join(map(re.escape, figures))})(?:{'|'.join(re.escape(t) for t in terms)})")


def _words(phrase: str) -> list[str]:
    """A phrase's tokens as the pipeline's tokenizer cuts them, folded."""
    from pipeline.nlp import get_nlp

    return [fold(token.text) for token in get_nlp().make_doc(phrase)]


_NOT_WORD = re.compile(r"[^\w-]+")
