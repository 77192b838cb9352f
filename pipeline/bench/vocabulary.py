"""The words synthetic bulletins are written with: places, topics, sentence pools, numbers in words.

The pools are written in the style of the real bulletins (tests/fixtures/corpus-dev).
"""

from __future__ import annotations

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

# Sentence pools. Each {field} is drawn afresh where it appears (see writer.py);
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
