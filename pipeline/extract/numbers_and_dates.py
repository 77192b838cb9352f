"""Numbers, years and dates: runs of digits and number words become one value, then a date, a year or a count.

A run ("mil 200", "sesenta y dos", "un centenar") is one value. A value is a
full date's day ("2 de enero de 2018", "el pasado 31 de agosto"), a year
("2018", "noviembre del dieciséis"), a reference ("artículo 6"), or else a
count candidate that ``counts.py`` binds to what it counts. Relative years ("el
año pasado") and, where a clause has no year, the weak ones (a month named
alone, "ayer") are resolved against the bulletin's date.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

from pipeline.extract import relative
from pipeline.extract.parsed import Match, Parsed, longest
from pipeline.extract.states import mention
from pipeline.model import Mention
from pipeline.numbers import DIGITS, combine, digit_value, split_word_run


@dataclass
class Number:
    start: int
    end: int
    cstart: int
    cend: int
    value: float
    tokens: list[int] = field(default_factory=list)  # token indices
    words_only: bool = False
    collective: bool = False  # "un centenar": approximate unless qualified


YearSource = tuple  # (Match | Number, year): where a year is given, and the year


class NumberRuns:
    """The numbers of a text: runs of numeric tokens joined into values."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.vocab = parsed.vocab
        self.tokens = self._numeric_tokens()

    def _numeric_tokens(self) -> set[int]:
        parsed, vocab = self.parsed, self.vocab
        words, collectives = vocab.number_words, vocab.collectives
        text, norm = parsed.text_of, parsed.norm_of
        numeric = set()
        for i in parsed.like_num + [m.start for m in parsed.matches["numword"]]:
            if DIGITS.match(text(i)) or norm(i) in words or norm(i) in collectives:
                numeric.add(i)
        return numeric

    def numbers(self) -> list[Number]:
        runs: list[list[int]] = []
        for i in sorted(self.tokens):
            if runs and self._joins(runs[-1], i):
                if i - runs[-1][-1] == 2:
                    runs[-1].append(i - 1)
                runs[-1].append(i)
            else:
                runs.append([i])
        numbers = []
        for run in runs:
            numbers.extend(self._values(run))
        return numbers

    def _joins(self, run: list[int], i: int) -> bool:
        last = run[-1]
        text, norm = self.parsed.text_of, self.parsed.norm_of
        multipliers = self.vocab.multipliers
        if i - last == 2:  # "sesenta y dos"
            return (
                norm(i - 1) == "y" and not text(last).isdigit() and not text(i).isdigit() and norm(i) not in multipliers
            )
        if i - last != 1:
            return False
        if norm(last) in multipliers or norm(i) in multipliers or norm(i) in self.vocab.collectives:
            return True
        return not DIGITS.match(text(last)) and not DIGITS.match(text(i))

    def _values(self, run: list[int]) -> list[Number]:
        text = self.parsed.text_of
        if len(run) == 1:  # most runs: one figure in digits ("30", "2018", "1,250")
            written = text(run[0])
            if DIGITS.match(written):
                value = digit_value(written)
                return [] if value is None else [self._number(run, float(value))]  # float, as combine() gives
        norms = [self.parsed.norm_of(i) for i in run]
        collectives = self.vocab.collectives
        cut = next((k for k, norm in enumerate(norms) if norm in collectives), None)
        if cut is not None:
            return self._collective_values(run, norms, cut)
        if not any(DIGITS.match(text(i)) for i in run):
            out = []
            for a, b, value in split_word_run(norms):
                if b - a == 1 and norms[a] in self.vocab.articles:
                    continue
                out.append(self._number(run[a:b], value, words_only=True))
            return out
        return self._mixed_value(run, norms)

    def _collective_values(self, run: list[int], norms: list[str], cut: int) -> list[Number]:
        """ "dos decenas", "un centenar": base × collective, then the rest of the run."""
        base = list(self._values(run[:cut])) if cut else []
        if cut == 1 and norms[0] in self.vocab.articles:
            base = []  # "un centenar": the article is the one
        value = (base[-1].value if base else 1) * self.vocab.collectives[norms[cut]]
        head = self._number(run[: cut + 1], value, words_only=True)
        head.collective = True
        return base[:-1] + [head] + self._values(run[cut + 1 :])

    def _mixed_value(self, run: list[int], norms: list[str]) -> list[Number]:
        """Digits with number words: "mil 200", "1 millón"."""
        multipliers = self.vocab.multipliers
        atoms = []
        for i, norm in zip(run, norms):
            if norm == "y":
                continue
            written = self.parsed.text_of(i)
            value = digit_value(written) if DIGITS.match(written) else multipliers.get(norm) or split_word_run([norm])
            if isinstance(value, list):
                value = value[0][2] if value else None
            if value is None:
                return []
            atoms.append(value)
        return [self._number(run, combine(atoms, set(multipliers.values())))]

    def _number(self, tokens: list[int], value, words_only=False) -> Number:
        parsed = self.parsed
        return Number(
            tokens[0],
            tokens[-1] + 1,
            parsed.token_start[tokens[0]],
            parsed.token_end[tokens[-1]],
            value,
            tokens,
            words_only,
        )


class Numbers:
    """Every number of a text read as a date, a year, a reference or a count candidate; years by position."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.vocab = parsed.vocab
        runs = NumberRuns(parsed)
        self.numeric_tokens = runs.tokens
        self.years: list[YearSource] = []
        self.dates: list[YearSource] = []
        self.date_iso: dict[int, str] = {}  # first token of a full date → its ISO date
        self.mentions: list[Mention] = []  # dates and years, in text order
        self.candidates: list[Number] = []  # numbers that may be counts, in text order
        self.iso: dict[int, str] = {}  # first token of a year source → its date at its precision (a year's when asked)
        self._read(runs.numbers())
        self.relative_mentions = self._relative_years()
        self.iso.update(self.date_iso)
        self.years.sort(key=lambda item: item[0].start)
        self.year_sources = sorted(self.years + self.dates, key=lambda item: item[0].start)
        self.year_starts = [src.start for src, _ in self.year_sources]
        self.weak_year_sources = self._weak_years()
        self.weak_year_starts = [src.start for src, _ in self.weak_year_sources]

    def _read(self, numbers: list[Number]) -> None:
        consumed: set[int] = set()
        by_start = {n.start: n for n in numbers}
        for number in numbers:
            if number.start in consumed:
                continue
            date = self._date_at(number, by_start)
            if date:
                span, iso, year_number = date
                self.dates.append((span, int(iso[:4])))
                self.date_iso[span.start] = iso
                self.mentions.append(mention(self.parsed, span, "date", iso))
                if year_number:
                    consumed.add(year_number.start)
                continue
            year = self._short_year(number) or (int(number.value) if self._is_year(number) else None)
            if year:
                if not self._names_a_period(number) and not self._dates_work_to_do(number.start):
                    self.years.append((number, year))
                self.mentions.append(mention(self.parsed, number, "year", year))
                continue
            if self._is_reference(number) or number.value != int(number.value) or number.value <= 0:
                continue
            self.candidates.append(number)

    def _relative_years(self) -> list[Mention]:
        """ "el año pasado", "este año": a year relative to the bulletin's date; "el mismo año": the last year
        named before it."""
        found = []
        published = self.parsed.published
        for m in longest(self.parsed.matches["rel"]):
            if published:
                year = published.year + int(m.value)
                self.years.append((m, year))
                found.append(mention(self.parsed, m, "year", year))
        named = sorted(self.years + self.dates, key=lambda item: item[0].start)
        for m in self.parsed.matches["sameyear"]:
            before = [year for span, year in named if span.end <= m.start]
            if before:
                self.years.append((m, before[-1]))
                found.append(mention(self.parsed, m, "year", before[-1]))
        return found

    def _weak_years(self) -> list[tuple[Match, int]]:
        """Years implied by a month named alone, or a day, week or month relative to the bulletin's date (no
        mentions), each with its date at its precision (see ``iso``)."""
        published = self.parsed.published
        if not published:
            return []
        in_dates: set[int] = set()
        for span, _ in self.dates:
            in_dates.update(range(span.start, span.end))
        found = []
        for m in self.parsed.matches["month"]:
            if m.start not in in_dates:
                found.append(self._dated(m, relative.latest_month(published, int(m.value))))
        relative_kinds = ("day", "weekday", "week", "relmonth")
        for m in longest([m for kind in relative_kinds for m in self.parsed.matches[kind]]):
            found.append(self._dated(m, relative.resolve(published, m.kind, int(m.value))))
        return sorted(found, key=lambda item: item[0].start)

    def _dated(self, m: Match, when: str) -> tuple[Match, int]:
        self.iso[m.start] = when
        return m, int(when[:4])

    def phrases_between(self, a: int, b: int) -> list[YearSource]:
        """Every date phrase in tokens [a, b), strong and weak alike, one source each ("marzo de 2017" is its
        year's): a month without its year in a coordination takes the year that follows ("en febrero y marzo
        de 2017": February 2017). For pairing a list of dates with a list of states ("respectivamente")."""
        found = sorted(
            [s for s in self.year_sources if a <= s[0].start < b]
            + [s for s in self.weak_year_sources if a <= s[0].start < b],
            key=lambda item: item[0].start,
        )
        phrases = []
        for k, (span, year) in enumerate(found):
            if getattr(span, "kind", "") == "month":
                if self._year_right_after(span):
                    continue  # "marzo de 2017": the year's own month
                later = next((s for s in found[k + 1 :] if getattr(s[0], "kind", "") != "month"), None)
                if later is not None:
                    year = later[1]
                    self.iso[span.start] = f"{year:04d}-{int(span.value):02d}"
            phrases.append((span, year))
        return phrases

    def _year_right_after(self, month: Match) -> bool:
        i = month.end
        if i + 1 >= self.parsed.size or self.parsed.norm_of(i) not in ("de", "del"):
            return False
        k = bisect_left(self.year_starts, i + 1)
        return k < len(self.year_starts) and self.year_starts[k] == i + 1

    def iso_of(self, source: YearSource) -> str:
        """The date a year source gives, at its precision: "2017", "2017-05" or "2017-05-11"."""
        span, year = source
        known = self.iso.get(span.start)
        if known is None:  # a year, dated to the month written before it, if any (asked of few)
            month = self._month_before(span)
            known = self.iso[span.start] = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        return known

    def _month_before(self, span) -> int | None:
        """The month written before a year: "marzo de 2017", "en junio del año pasado"."""
        i, parsed = span.start, self.parsed
        if i >= 2 and parsed.norm_of(i - 1) in ("de", "del"):
            month = parsed.ending_at("month", i - 1)
            if month:
                return int(month.value)
        return None

    def years_between(self, a: int, b: int) -> list[YearSource]:
        """Year sources (years, relative years, dates) starting within tokens [a, b).

        Only when there are none, the weak ones: a month without its year ("en
        marzo") or a day relative to the bulletin's date ("ayer", "este jueves").
        """
        lo = bisect_left(self.year_starts, a)
        hi = bisect_left(self.year_starts, b)
        if hi > lo:
            return self.year_sources[lo:hi]
        lo = bisect_left(self.weak_year_starts, a)
        hi = bisect_left(self.weak_year_starts, b)
        return self.weak_year_sources[lo:hi]

    def period_end(self, source, year: int) -> dt.date:
        """The last day a year source names: a full date itself, "enero de 2018" its month, "2015" its year."""
        if source.start in self.date_iso:
            return dt.date.fromisoformat(self.date_iso[source.start])
        parsed = self.parsed
        if source.start >= 2 and parsed.norm_of(source.start - 1) in ("de", "del"):
            month = parsed.ending_at("month", source.start - 1)
            if month:
                following = dt.date(year + (int(month.value) == 12), int(month.value) % 12 + 1, 1)
                return following - dt.timedelta(days=1)
        return dt.date(year, 12, 31)

    # what a number is

    def _date_at(self, number: Number, by_start: dict):
        """A full date starting at ``number`` ("2 de enero de 2018", "el pasado 31 de agosto")."""
        parsed = self.parsed
        size, norm = parsed.size, parsed.norm_of
        if len(number.tokens) != 1 or not parsed.text_of(number.start).isdigit() or not 1 <= number.value <= 31:
            return None
        de = number.end
        if de >= size or norm(de) != "de":
            range_end = self._day_range_end(number, by_start)
            return self._date_at(range_end, by_start) if range_end else None
        month = parsed.starting_at("month", de + 1)
        if not month:
            return None
        year_number = None
        end_token = month.end
        if month.end + 1 < size and norm(month.end) in ("de", "del"):
            year_number = by_start.get(month.end + 1)
            if year_number and not (len(year_number.tokens) == 1 and len(parsed.text_of(year_number.start)) == 4):
                year_number = None
        try:
            if year_number:
                when = dt.date(int(year_number.value), int(month.value), int(number.value))
                end_token = year_number.end
            elif parsed.published:
                when = dt.date(parsed.published.year, int(month.value), int(number.value))
                if when > parsed.published:
                    when = when.replace(year=when.year - 1)
            else:
                return None
        except ValueError:
            return None
        span = Match(number.start, end_token, number.cstart, parsed.token_end[end_token - 1], "date", "")
        return span, when.isoformat(), year_number

    def _day_range_end(self, number: Number, by_start: dict) -> Number | None:
        """ "del 22 al 28 de enero": the 22 is a day too."""
        parsed = self.parsed
        size, norm = parsed.size, parsed.norm_of
        if number.end + 1 < size and norm(number.end) in ("al", "y", "a"):
            following = by_start.get(number.end + 1)
            if (
                following
                and following.end < size
                and norm(following.end) == "de"
                and parsed.starting_at("month", following.end + 1)
            ):
                return following
        return None

    def _is_year(self, number: Number) -> bool:
        parsed = self.parsed
        written = parsed.text_of(number.start)
        if len(number.tokens) != 1 or not written.isdigit() or len(written) != 4:
            return False
        if not self.vocab.min_year <= number.value <= self.vocab.max_year:
            return False
        if parsed.ending_at("qual", number.start):
            return False
        return not (parsed.starting_at("countnoun", number.end) or parsed.starting_at("metric", number.end))

    def _short_year(self, number: Number) -> int | None:
        """A year by its last two digits after a month: "en noviembre del dieciséis", "marzo de 17"."""
        i, value = number.start, number.value
        if value != int(value) or not 0 < value < 100 or i < 2 or self.parsed.norm_of(i - 1) not in ("de", "del"):
            return None
        if not self.parsed.ending_at("month", i - 1):
            return None
        year = 2000 + int(value)
        return year if self.vocab.min_year <= year <= self.vocab.max_year else None

    def _names_a_period(self, number: Number) -> bool:
        """A year in a plan's or Secretariado's name ("el Plan de Acción Local de Gobierno Abierto 2021"): the
        plan's period, a year of the text but not when anything it tells happened."""
        parsed, j = self.parsed, number.start
        while j > 0 and parsed.norm_of(j - 1) in self.vocab.period_name_skip:
            j -= 1
        term = parsed.ending_at("metric", j)
        return term is not None and term.value in self.vocab.locative_metrics

    def _dates_work_to_do(self, i: int) -> bool:
        """A year after "<determiner> <noun> a <infinitive>" ("las acciones a realizar a partir del 2020"): when
        work still to do is to be done, not when anything the text tells happened (rules/grammar.yml). Not where
        the "a" and infinitive end an event's trigger: in "Oaxaca los dieron a conocer en 2016" the "los" is a
        pronoun, and "dieron a conocer" the event the year dates."""
        parsed, vocab = self.parsed, self.vocab
        while i > 0 and parsed.norm_of(i - 1) in vocab.to_do_year_skip:
            i -= 1
        verb = i - 1
        return (
            verb >= 3
            and parsed.norm_of(verb).endswith(("ar", "er", "ir"))
            and parsed.norm_of(verb - 1) == "a"
            and parsed.norm_of(verb - 3) in vocab.to_do_determiners
            and parsed.ending_at("event", i) is None
        )

    def _is_reference(self, number: Number) -> bool:
        parsed = self.parsed
        if parsed.ending_at("notcount_after", number.start) or parsed.starting_at("notcount_before", number.end):
            return True
        unit = parsed.ending_at("notcount_before", number.end)
        if unit and unit.start < number.start:
            return True  # the "ciento" of "35 por ciento" is no number of its own
        i, after = number.start, number.end  # right after "/", "#" or "$", with no space between
        if i > 0 and parsed.text_of(i - 1) in ("/", "#", "$") and parsed.token_end[i - 1] == parsed.token_start[i]:
            return True
        # letters right after the figure, with no space between: an ordinal ("1er", "2do") or a code ("G20")
        return after < parsed.size and parsed.token_start[after] == number.cend and parsed.text_of(after).isalpha()
