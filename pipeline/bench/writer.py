"""Bulletin texts from the sentence pools, and the numbers and dates they are filed under.

One seeded RNG draws everything, so a seed names a corpus: the same seed gives
the same bulletins byte for byte.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.bench.vocabulary import (
    AGENCIES,
    CITIES,
    MONTHS,
    OTHER_BODY,
    OTHER_BULLETS,
    OTHER_HEADLINES,
    OTHER_INTROS,
    PROGRAM_BODY,
    PROGRAM_BULLETS,
    PROGRAM_HEADLINES,
    PROGRAM_INTROS,
    QUALIFIERS,
    REGIONS,
    STATES,
    TOPICS,
    spanish_number,
)

MAX_BULLETIN_BYTES = 4000  # text bulletins are 2–4 KB, as the real ones
PROGRAM_SHARE = 0.8  # the rest are other INAI bulletins (data protection, access requests, …)


@dataclass
class Slot:
    """Where one bulletin sits: its number (None when a year's numbers run out) and date."""

    number: int | None
    date: dt.date


class _Fields(dict[str, str]):
    """A format_map mapping that draws a fresh value for every placeholder it is asked for."""

    def __init__(self, writer: BulletinWriter, year: int) -> None:
        super().__init__()
        self.writer, self.year = writer, year

    def __missing__(self, key: str) -> str:
        value = self.writer.field(key.lower(), self.year)
        return value[:1].upper() + value[1:] if key[:1].isupper() else value


class BulletinWriter:
    """Writes bulletin texts from the sentence pools with one seeded RNG, so a seed names a corpus."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        r = rng
        self._fields: dict[str, Callable[[int], str]] = {
            "states": lambda y: self.state_list(3, 16),
            "states_few": lambda y: self.state_list(2, 4),
            "state": lambda y: self.state(),
            "year": lambda y: str(r.randint(2015, y)),
            "next_year": lambda y: str(y + 1),
            "month": lambda y: r.choice(MONTHS),
            "day": lambda y: str(r.randint(1, 28)),
            "q": lambda y: r.choice(QUALIFIERS) if r.random() < 0.4 else "",
            "n_ent": lambda y: self.count(r.randint(3, 32), feminine=True),
            "n_stl": lambda y: self.count(r.randint(3, 32)),
            "n_plans": lambda y: self.count(r.randint(2, 30)),
            "n_commit": lambda y: self.count(r.randint(8, 250)),
            "n_small": lambda y: self.count(r.randint(3, 12)),
            "n_auth": lambda y: self.count(r.randint(20, 200), feminine=True),
            "n_osc": lambda y: self.count(r.randint(30, 400), feminine=True),
            "n_events": lambda y: self.count(r.randint(10, 80)),
            "n_thousand": lambda y: str(r.randint(100, 320)),
            "n_hundreds": lambda y: str(r.randint(1, 9) * 100),
            "pct": lambda y: str(r.randint(3, 40)),
            "topic": lambda y: r.choice(TOPICS),
            "topics": lambda y: self.join(r.sample(TOPICS, r.randint(2, 3))),
            "agency": lambda y: r.choice(AGENCIES),
            "city": lambda y: f"{r.choice(CITIES)[0]}",
            "region": lambda y: r.choice(REGIONS),
        }

    def field(self, name: str, year: int) -> str:
        return self._fields[name](year)

    def state(self) -> str:
        """A state's usual name, or one time in five a variant spelling."""
        names = self.rng.choice(STATES)
        return names[0] if len(names) == 1 or self.rng.random() < 0.8 else self.rng.choice(names[1:])

    def state_list(self, low: int, high: int) -> str:
        picks = self.rng.sample(STATES, self.rng.randint(low, high))
        names = [n[0] if len(n) == 1 or self.rng.random() < 0.8 else self.rng.choice(n[1:]) for n in picks]
        return self.join(names)

    @staticmethod
    def join(items: list[str]) -> str:
        """Spanish enumeration: "A, B y C", with "e" before an i- sound ("Veracruz e Hidalgo")."""
        if len(items) == 1:
            return items[0]
        last = items[-1]
        conj = "e" if last.lower().startswith(("i", "hi")) and not last.lower().startswith(("hie", "hia")) else "y"
        return f"{', '.join(items[:-1])} {conj} {last}"

    def count(self, n: int, feminine: bool = False) -> str:
        """A count as digits, or in words two times in five, as the bulletins mix both."""
        return spanish_number(n, feminine) if self.rng.random() < 0.4 else str(n)

    def bulletin(self, slot: Slot) -> str:
        """One bulletin of 2–4 KB: dateline, number, headline, bullets, paragraphs, closing mark."""
        r = self.rng
        program = r.random() < PROGRAM_SHARE
        headlines, bullets, intros, body = (
            (PROGRAM_HEADLINES, PROGRAM_BULLETS, PROGRAM_INTROS, PROGRAM_BODY)
            if program
            else (OTHER_HEADLINES, OTHER_BULLETS, OTHER_INTROS, OTHER_BODY)
        )
        fields = _Fields(self, slot.date.year)
        head = [self.dateline(slot.date)]
        if slot.number is not None:
            head.append(f"INAI/{slot.number:03d}/{slot.date.year % 100:02d}")
        parts = ["\n".join(head), r.choice(headlines).format_map(fields).upper()]
        parts += [f"- **{b.format_map(fields)}**" for b in r.sample(bullets, r.randint(1, 2))]
        parts.append(r.choice(intros).format_map(fields))
        target = r.randint(2150, 3900)
        size = sum(len(p.encode("utf-8")) + 2 for p in parts) + 7
        for template in r.sample(body, len(body)):
            if size >= target:
                break
            paragraph = template.format_map(fields)
            grown = size + len(paragraph.encode("utf-8")) + 2
            if grown > MAX_BULLETIN_BYTES:
                continue
            size = grown
            parts.append(paragraph)
        parts.append("-o0o-")
        return "\n" + "\n\n".join(parts) + "\n"

    def dateline(self, date: dt.date) -> str:
        """Mostly Mexico City, as in the real bulletins; sometimes a state capital."""
        if self.rng.random() < 0.75:
            place = "Ciudad de México"
        else:
            city, state = self.rng.choice(CITIES)
            place = city if city == state else f"{city}, {state}"
        return f"{place}, a {date.day} de {MONTHS[date.month - 1]} de {date.year}"


def allocate_slots(count: int, rng: random.Random, first_year: int = 2015, last_year: int = 2024) -> list[Slot]:
    """Distinct bulletin numbers INAI/NNN/YY with dates, numbers rising with the date within a year.

    Documents are keyed by bulletin number, so numbers must not repeat or the
    run would merge them as duplicates. Years get equal shares; three digits
    are used while they suffice, four (INAI/1234/18) beyond that, and only past
    9,999 a year does a bulletin go without a number.
    """
    years = list(range(first_year, last_year + 1))
    per_year = [count // len(years) + (i < count % len(years)) for i in range(len(years))]
    top = 999 if max(per_year) <= 999 else 9999
    slots: list[Slot] = []
    for year, n in zip(years, per_year):
        picked = sorted(rng.sample(range(1, top + 1), min(n, top)))
        numbers: list[int | None] = [*picked, *[None] * (n - len(picked))]
        days = 366 if year % 4 == 0 else 365
        dates = sorted(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(days)) for _ in range(n))
        slots += [Slot(num, date) for num, date in zip(numbers, dates)]
    rng.shuffle(slots)
    return slots


def file_name(slot: Slot, index: int, suffix: str) -> str:
    if slot.number is None:
        return f"{slot.date.year}/comunicado-{index:06d}{suffix}"
    return f"{slot.date.year}/inai-{slot.number:03d}-{slot.date.year % 100:02d}{suffix}"
