"""Values of written numbers: digits in Mexican style ("1,250", "1.5") and Spanish words.

Word runs go to text2num, which knows Spanish number grammar; runs it rejects
("seis y siete") are split into the longest runs it accepts. Mixed runs such as
"mil 200" or "300 mil" are combined here with the usual multiplier rule.
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DECIMAL = re.compile(r"^\d+[.,]\d+$")
DIGITS = re.compile(r"^\d[\d.,]*$")


def digit_value(text: str) -> float | None:
    """1,250 → 1250; 1.250 → 1250; 1.5 → 1.5; 2015 → 2015."""
    if text.isdigit():
        return int(text)
    if _THOUSANDS_COMMA.match(text):
        return int(text.replace(",", ""))
    if _THOUSANDS_DOT.match(text):
        return int(text.replace(".", ""))
    if _DECIMAL.match(text):
        return float(text.replace(",", "."))
    return None


def words_value(words: list[str]) -> int | None:
    return _words_value(tuple(words))


@lru_cache(maxsize=8192)
def _words_value(words: tuple[str, ...]) -> int | None:
    """Cached: the same few number words come back in every bulletin, and text2num raises to say no."""
    spellings = _spellings()
    try:
        return text2num(" ".join(spellings.get(word, word) for word in words), "es")
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    from pipeline import rules

    return {key.lower(): value for key, value in rules.load("numbers").get("text2num_spellings", {}).items()}


def split_word_run(words: list[str]) -> list[tuple[int, int, int]]:
    """Greedy longest valid sub-runs of a word run: [(start, end, value)] in word indices."""
    out, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            if words[j - 1] == "y":
                continue
            value = words_value(words[i:j])
            if value is not None:
                out.append((i, j, value))
                i = j
                break
        else:
            i += 1
    return out


def combine(atoms: list[float], multipliers: set[float]) -> float:
    """Values of a mixed run, in order: [1000, 200] → 1200; [300, 1000] → 300000."""
    total, current = 0.0, 0.0
    for value in atoms:
        if value in multipliers:
            if value >= 1_000_000:
                total = (total + (current or 1)) * value
            else:
                total += (current or 1) * value
            current = 0.0
        else:
            current += value
    return total + current
