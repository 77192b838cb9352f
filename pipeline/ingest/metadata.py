"""Bulletin number, dateline (place and date) and headline from a bulletin's text.

Only the first lines are searched: a bulletin cites other bulletins and dates
in its body, and those must not become its own number or date. dateparser is
given the dateline's date string alone; its search over whole texts is slow
and invents dates from ordinary words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import rules
from pipeline.rules import fold

HEAD_LINES = 15

_NUMBER = re.compile(
    r"\bINAI\s*[/\-–—.]?\s*(?:DGCS\s*[/\-–—]\s*)?(?P<num>\d{1,4})\s*[/\-–—]\s*(?P<year>\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
# A bulletin's own number stands on a line of its own, at most with a label
# ("Comunicado INAI/045/17", "Comunicado de prensa No. INAI-045-17"); a number
# inside a sentence ("según el comunicado INAI/262/17, …") cites another bulletin.
_NUMBER_LABEL_WORDS = 4
_WEEKDAY_NAME = r"(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)"
_WEEKDAY = rf"(?:{_WEEKDAY_NAME}\s*,?\s*)?"
_MONTH_NAME = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"
# A date as Mexican datelines write it: "2 de enero de 2018", "4 diciembre, 2015",
# day first in figures, "12/10/2017", "20.04.2017", or month first, "agosto 20 de 2018".
_DATE = (
    rf"{_WEEKDAY}(?:\d{{1,2}}\s*(?:º|°|o)?\s+(?:de\s+)?[A-Za-zÁÉÍÓÚáéíóú]+\s*(?:de|del|,)?\s+\d{{4}}"
    rf"|{_MONTH_NAME}\s+\d{{1,2}}\s*(?:de|del|,)\s*\d{{4}}"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}})"
)
# A clock time after a date: "03/01/2018 05:40", "10.05.2019 01:33:00", "14:27 h".
_TIME = r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*h(?:rs?)?\.?)?)?"
# After the date, a dateline either ends its line or runs into the lead, as
# news wires write it: "Chihuahua, Chih., 14 de octubre de 2016.- Con la firma …",
# "Ciudad de México, 2 de enero de 2018 (Notimex).- …".
_LEAD_ON = r"(?:\s*\([^()\n]{1,40}\))?\s*(?:\.?\s*[-–—]+|[.:])\s+\S[^\n]*"
# A PDF may set the bulletin number on the dateline's line: "…, a 30 de agosto de 2018 INAI-212-18", and a
# copy that lost its line breaks runs the headline on after it: "…, a 21 de junio de 2016 INAI/177/16 EL …".
_NUMBER_ON = r"\s+(?:comunicado\s+)?INAI\s*[/\-–—.]?\s*\d{1,4}\s*[/\-–—]\s*\d{2,4}(?:\s+\S[^\n]*)?\s*"
# A place may end with its state's abbreviation and no period before the date: "Guanajuato, Gto 06 de julio de
# 2019." (with the period, "Gto.", the period separates as a comma does).
_ABBREVIATION_END = r"(?-i:(?<=,\s[A-Z][a-z]{2})|(?<=,\s[A-Z][a-z]{3})|(?<=,\s[A-Z][a-z]{4}))"  # "Gto", not "del"
_DATELINE = re.compile(
    rf"^(?P<place>[^\n\d|]{{2,80}}?)(?:\s*[,.;/]\s*|{_ABBREVIATION_END}\s+)(?:a\s+)?(?:(?:el\s+)?d[ií]a\s+)?(?P<date>{_DATE}){_TIME}(?:\s*\.?\s*$|{_LEAD_ON}$|{_NUMBER_ON}$)",
    re.IGNORECASE | re.MULTILINE,
)
# A line that holds a date and little else: a byline ("Por Redacción | 16 de
# agosto de 2018"), a newsletter's date ("Viernes 10 de mayo de 2019"), a wire's
# time stamp ("13 de octubre de 2017 · 14:27 h"). It dates the text; no place.
_DATE_LINE = re.compile(
    rf"^(?:[^\n\d]{{0,40}}?[\s|·•—–,:])?(?P<date>{_DATE})(?:\s*(?:[|·•—–,]\s*)?[^\n]{{0,20}})?$",
    re.IGNORECASE | re.MULTILINE,
)
# A line that says when the text was published: "Publicada en la Gaceta Oficial del Distrito Federal el 7
# de octubre de 2015", "(Publicado el miércoles 7 de octubre de 2015)". It dates the text; no place.
_PUBLISHED_LINE = re.compile(
    rf"^\W*publicad[oa]s?\b[^\n]{{0,80}}?\s(?:el\s+)?(?P<date>{_DATE})\s*[.)]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# A masthead line that ends with a date: "Gaceta Parlamentaria, año XXII, número
# 5232-II, miércoles 6 de marzo de 2019", "EXPEDIENTE PÚBLICO · Año 6 · Número 58 ·
# 15 de mayo de 2019". A weekday, or a masthead's "·" or "|" before the date, is what
# tells it from a sentence that happens to end with a date.
_MASTHEAD_DATE = re.compile(
    rf"^[^\n]{{0,80}}(?:[,|·•—–]\s*(?P<date>{_WEEKDAY_NAME}\s*,?\s*\d{{1,2}}\s+de\s+[A-Za-zÁÉÍÓÚáéíóú]+\s*(?:de|del|,)?\s+\d{{4}})"
    rf"|[|·]\s*(?P<plain>\d{{1,2}}\s+de\s+{_MONTH_NAME}\s+(?:de|del)\s+\d{{4}}))\s*\.?$",
    re.IGNORECASE | re.MULTILINE,
)
# A story's lead names the place before ".-" ("Por …" before a dash is a byline): "CIUDAD DE MÉXICO (Agencia).- La red …",
# "MORELIA, Mich. (apro).- …", "Cuernavaca, Morelos.- …", "MÉXICO, D.F., 4 de diciembre (apro).- …",
# "CULIACÁN. -Los …" (the dash set against the lead), "Mérida, Yucatán,- …" (a comma for the full stop).
_PLACE_WORDS = r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñ.]*(?:[ ](?:de|del|la)?[ ]?[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñ.]*){0,3}"
_LEAD_PLACE = re.compile(
    rf"^(?!Por\s)(?P<place>{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?)(?:,\s*(?:\d{{1,2}}\s+de\s+[^\W\d_]+|(?i:{_MONTH_NAME})\s+\d{{1,2}}))?"
    rf"\s*(?:\([^()\n]{{1,40}}\))?(?:(?:\s*[.,]?\s*[-–—]+)+\s|\.\s+[-–—]+(?=[A-ZÁÉÍÓÚÑ¿«\"]))",
    re.MULTILINE,
)
# A dateline with the month and year only, on a line of its own: "México, D.F., Octubre 2015". It gives the
# place; a date without its day is no publication date.
_MONTH_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?)\s*,\s*(?P<date>(?i:{_MONTH_NAME})\s+(?:de\s+)?\d{{4}})\s*\.?$",
    re.MULTILINE,
)
# A news site's masthead shows the day it is read beside the weather ("16.6 C / Mexico City / jueves,
# febrero 5, 2026"): a date within two lines of a temperature is not the text's.
_WEATHER = re.compile(r"^\s*-?\d{1,2}(?:[.,]\d)?\s*°?\s*[CF]\s*$", re.MULTILINE)
# Site templates write that day with its weekday and the month first, on a line of its own ("• lunes,
# diciembre 30, 2024"); a text's own byline writes the day first, or no weekday ("junio 21, 2016").
_SITE_DAY = re.compile(
    rf"^[\W_]*{_WEEKDAY_NAME}\s*,\s*{_MONTH_NAME}\s+\d{{1,2}}\s*,?\s*\d{{4}}\s*$", re.IGNORECASE | re.MULTILINE
)
# La Jornada's house style: a state's name, a full stop, the lead: "Ciudad de México. Al cierre …".
# Only a state's name is taken this way; any word can start a sentence.
_LEAD_STATE = re.compile(rf"^(?P<place>{_PLACE_WORDS})\.\s+[A-ZÁÉÍÓÚÑ¿«\"]", re.MULTILINE)
# … and a city with its state's name or abbreviation: "Oaxaca de Juárez, Oax. El Instituto …" (see
# _lead_city_state: the states' names come from rules/states.yml).
_LEAD_CITY_STATE = r"^(?P<place>{place},\s*(?:{states}))\.?\s+[A-ZÁÉÍÓÚÑ¿«\"]"
_WEEKDAYS = {"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"}
_BULLET = re.compile(r"^\s*(?:[-–—•·▪●*]|\d+[.)])\s+")


@dataclass
class Metadata:
    bulletin: str | None = None
    published: str | None = None
    place: str | None = None
    title: str | None = None
    dateline_span: tuple[int, int] | None = None
    site_head_span: tuple[int, int] | None = None


def normalize_bulletin_number(num: str, year: str) -> str:
    return f"INAI/{int(num):03d}/{year[-2:]}"


@lru_cache(maxsize=4096)
def parse_spanish_date(text: str) -> str | None:
    """ISO date of a Spanish date string such as '2 de enero de 2018', or None.

    The usual form ("[lunes] 2 de enero [de|del] 2018", with a month of the rules'
    table) is read directly; anything else goes to dateparser. Both agree on the
    usual form (tested), and dateparser costs a few milliseconds a call, more than
    extracting a whole bulletin.
    """
    written = text.strip()
    figures = _FIGURES_DATE.fullmatch(written)
    if figures:  # day first, as in Mexico
        try:
            return dt.date(int(figures["year"]), int(figures["month"]), int(figures["day"])).isoformat()
        except ValueError:
            return None
    usual = _USUAL_DATE.fullmatch(written) or _MONTH_FIRST_DATE.fullmatch(written)
    if usual:
        month = _months().get(fold(usual["month"]))
        if month:
            try:
                return dt.date(int(usual["year"]), month, int(usual["day"])).isoformat()
            except ValueError:
                return None
    parsed = _date_parser().get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return None
    return parsed.date_obj.date().isoformat()


_MONTH_FIRST_DATE = re.compile(
    rf"{_WEEKDAY}(?P<month>[^\W\d_]+)\s+(?P<day>\d{{1,2}})\s*(?:de|del|,)\s*(?P<year>\d{{4}})", re.IGNORECASE
)
_USUAL_DATE = re.compile(
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})\s+(?:de\s+)?(?P<month>[^\W\d_]+)\s*(?:de|del|,)\s*(?P<year>\d{{4}})", re.IGNORECASE
)
_FIGURES_DATE = re.compile(
    rf"{_WEEKDAY}(?P<day>\d{{1,2}})[./-](?P<month>\d{{1,2}})[./-](?P<year>\d{{4}})", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {fold(name): int(number) for name, number in rules.load("numbers")["months"].items()}


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["es"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
    )


def _head(text: str) -> tuple[str, int]:
    """The first HEAD_LINES non-empty lines, and the offset where they end."""
    seen, end = 0, 0
    for match in re.finditer(r"[^\n]*\n?", text):
        end = match.end()
        if match.group().strip():
            seen += 1
        if seen >= HEAD_LINES or end >= len(text):
            break
    return text[:end], end


def read_metadata(text: str) -> Metadata:
    head, _ = _head(text)
    meta = Metadata()
    number = _own_number(head)
    if number:
        meta.bulletin = normalize_bulletin_number(number["num"], number["year"])
    dateline = _DATELINE.search(head)
    if dateline and fold(dateline["place"].strip(" *_#,•·▪●-–—")) in _WEEKDAYS:
        dateline = None  # "viernes, 10 de junio de 2016" is a date line, not a place and a date
    site_head = dateline if dateline and _heads_a_story(head, dateline) else None
    if site_head:
        dateline, head = None, _blanked(head, site_head)
        meta.site_head_span = (site_head.start("place"), site_head.end("date"))
    if dateline:
        raw_place = dateline["place"]
        lead = len(raw_place) - len(raw_place.lstrip(" *_#"))
        meta.place = re.sub(r"\s+", " ", raw_place.strip(" *_#"))
        meta.published = _iso(dateline["date"])
        meta.dateline_span = (dateline.start("place") + lead, dateline.end("date"))
        if meta.bulletin is None:
            on_line = _NUMBER.search(dateline.group(), dateline.end("date") - dateline.start())
            if on_line:
                meta.bulletin = normalize_bulletin_number(on_line["num"], on_line["year"])
    else:
        dateline = (
            _PUBLISHED_LINE.search(head) or _not_masthead(head, _DATE_LINE) or _not_masthead(head, _MASTHEAD_DATE)
        )
        if dateline:
            date = dateline["date"] or dateline.groupdict().get("plain")
            assert date is not None  # both patterns capture a date, _MASTHEAD_DATE's in one of two groups
            meta.published = _iso(date)
        month_dateline = _MONTH_DATELINE.search(head)
        lead_place = _LEAD_PLACE.search(head) or _lead_state(head) or month_dateline
        if lead_place:
            place = lead_place["place"].strip()
            if place.endswith(".") and (len(re.split(r"[\s,]", place)[-1]) > 5 or _ends_with_a_state(place[:-1])):
                place = place[:-1]  # "Morelos.-", "Nuevo León.-" end the place; "Q. Roo.-", "Chis.-" keep the point
            meta.place = place
            meta.dateline_span = (lead_place.start("place"), lead_place.start("place") + len(place))
    meta.title = _headline(text, [m.span() for m in (number, dateline, site_head) if m])
    return meta


def _heads_a_story(head: str, dateline: re.Match) -> bool:
    """A place and a date with its weekday, and a story's lead with its own place further down ("León, Gto.-
    …"): a news site's head with the day the page is read, not the story's dateline."""
    weekday = fold(dateline["date"].split()[0].strip(","))
    return weekday in _WEEKDAYS and _LEAD_PLACE.search(head, dateline.end()) is not None


def _blanked(head: str, match: re.Match) -> str:
    """``head`` with the match's characters turned to spaces: offsets unchanged, nothing there to find."""
    return head[: match.start()] + " " * (match.end() - match.start()) + head[match.end() :]


def _not_masthead(head: str, pattern: re.Pattern) -> re.Match | None:
    """The first match of ``pattern`` that is not a masthead's date of the day (see _WEATHER, _SITE_DAY)."""
    weather = [head.count("\n", 0, m.start()) for m in _WEATHER.finditer(head)]
    site_days = [head.count("\n", 0, m.start()) for m in _SITE_DAY.finditer(head)]
    for match in pattern.finditer(head):
        line = head.count("\n", 0, match.start())
        if not any(abs(line - w) <= 2 for w in weather) and line not in site_days:
            return match
    return None


def _lead_state(head: str) -> re.Match | None:
    for match in _LEAD_STATE.finditer(head):
        if fold(match["place"]) in _state_names():
            return match
    return _lead_city_state().search(head)


def _ends_with_a_state(place: str) -> bool:
    """The place ends with a state's full name: "Monterrey, Nuevo León"."""
    words = " " + " ".join(fold(place).replace(",", " ").split())
    return any(words.endswith(" " + name) for name in _state_names())


@lru_cache(maxsize=1)
def _state_names() -> set[str]:
    return {fold(name) for state in rules.load("states")["states"].values() for name in state.get("names", [])}


@lru_cache(maxsize=1)
def _lead_city_state() -> re.Pattern:
    """_LEAD_CITY_STATE with every state's names and abbreviations as written in rules/states.yml, longest
    first, and their unaccented and upper-case forms."""
    written = {
        form
        for state in rules.load("states")["states"].values()
        for name in state.get("names", []) + state.get("abbreviations", [])
        for form in (name, fold(name).title(), name.upper())
    }
    states = "|".join(re.escape(name) for name in sorted(written, key=len, reverse=True))
    return re.compile(_LEAD_CITY_STATE.format(place=_PLACE_WORDS, states=states), re.MULTILINE)


def _own_number(head: str) -> re.Match | None:
    """The first bulletin number that stands on its own line (with at most a short label)."""
    for match in _NUMBER.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        line_end = head.find("\n", match.end())
        line = head[line_start : len(head) if line_end < 0 else line_end]
        label = line.replace(match.group(), " ")
        if len(re.findall(r"\w+", label)) <= _NUMBER_LABEL_WORDS or _DATELINE.match(label.strip()):
            return match  # alone, labelled, or beside the dateline on its line
    return None


def _iso(date: str) -> str | None:
    return parse_spanish_date(re.sub(r"(\d)\s*(?:º|°|o)(?=\s)", r"\1", re.sub(r"\s+", " ", date)))


def _paragraphs(text: str):
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        yield match.start(), match.end(), match.group()


def _upper_case(line: str) -> bool:
    letters = sum(map(str.isalpha, line))  # counted in C: a candidate can be a long paragraph
    return bool(letters) and sum(map(str.isupper, line)) >= 0.8 * letters


def _headline(text: str, taken: list[tuple[int, int]]) -> str | None:
    """The headline: an upper-case paragraph near the top, else the first plain paragraph after the dateline."""
    after = max((end for _, end in taken), default=0)
    candidates = []
    for start, end, para in _paragraphs(text[:4000]):
        if any(s < end and start < e for s, e in taken) or _BULLET.match(para):
            continue
        one_line = re.sub(r"\s+", " ", para).strip(" *_#")
        if len(one_line) < 8:
            continue
        if _upper_case(one_line):
            return one_line  # the first upper-case one of the first six candidates
        candidates.append((start, one_line))
        if len(candidates) >= 6:
            break
    for start, line in candidates:
        if start >= after:
            return line
    return candidates[0][1] if candidates else None
