"""Bytes → normalized text.

Encoding detection is charset-normalizer's job; this module only adds the two
cases it cannot know about: a UTF-8 file with a few stray Windows-1252 bytes
(common after copy-and-paste between editors) is repaired byte by byte instead
of being read entirely as Windows-1252 mojibake, and text that decodes but is
mostly control characters is rejected as binary.

Normalization happens here, once, before any offset exists, so every later span
refers to the same string.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from pipeline.model import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a Spanish-language bulletin realistically comes in. Limiting
# charset-normalizer to these stops it from choosing exotic code pages
# (mac_cyrillic, cp1250, …) for short texts with few accented letters.
_CANDIDATES = ["utf_8", "cp1252", "latin_1", "utf_16_le", "utf_16_be", "iso8859_15", "cp850"]


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):  # registered for decoding only
        raise error
    bad = error.object[error.start : error.start + 1]
    return bad.decode("cp1252", errors="replace"), error.start + 1


codecs.register_error("cp1252_fallback", _cp1252_fallback)


def decode(data: bytes) -> str:
    """Decode a text file's bytes, raising InputError when they are not text."""
    if not data.strip():
        raise InputError("File is empty (or holds only whitespace); nothing to read.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="cp1252_fallback")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputError(
            "File is not text in any common encoding (UTF-8, UTF-16, Windows-1252, Latin-1); "
            "it is probably binary — check that it is a bulletin, or convert it to UTF-8 text."
        )
    return str(best)


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII byte runs are valid UTF-8 (a mixed-encoding file)."""
    valid = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    stray = len(re.findall(rb"[\x80-\xff]", data)) - 2 * valid
    return valid > 0 and valid >= stray


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in every other byte for Latin script."""
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return data.decode("utf-16-le", errors="replace")
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return data.decode("utf-16-be", errors="replace")
    return None


_ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000\t\v\f"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe"
_CONTROLS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))
# One pass instead of three: odd spaces become a space; invisible and control characters go.
_CHARACTERS = str.maketrans({**{c: " " for c in _ODD_SPACES}, **{c: None for c in _INVISIBLE + _CONTROLS}})
_CHARACTERS_TO_FIX = re.compile("[" + re.escape(_ODD_SPACES + _INVISIBLE + _CONTROLS) + "]")
_TRAILING = re.compile(r"[ ]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """The one normalization every span depends on: NFC, LF, plain spaces, no invisibles."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = normalize_characters(text)
    # Most texts have neither; a substring test is ten times cheaper than the regular expression's scan.
    if " \n" in text:
        text = _TRAILING.sub("\n", text)
    if "\n\n\n" in text:
        text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def normalize_characters(text: str) -> str:
    """NFC, plain spaces, no invisible or control characters; line breaks untouched (so lines keep their count)."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_CHARACTERS) if _CHARACTERS_TO_FIX.search(text) else text


_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e\n]")
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(128) if not chr(b).isalpha())


def _char(byte: int, encoding: str) -> str:
    try:
        return bytes([byte]).decode(encoding)
    except UnicodeDecodeError:
        return ""


def _byte_tables(encoding: str) -> tuple[bytes, bytes]:
    """For counting on a text's bytes in a one-byte encoding with translate(): the bytes to delete to
    keep only bad characters (controls other than the line break; every other character either encoding
    can encode is assigned and printable), and those to delete to keep only letters."""
    chars = [_char(b, encoding) for b in range(256)]
    not_bad = bytes(b for b, ch in enumerate(chars) if not (ch and ch != "\n" and unicodedata.category(ch) == "Cc"))
    not_letters = bytes(b for b, ch in enumerate(chars) if not ch.isalpha())
    return not_bad, not_letters


# Latin-1 first: Python encodes a text stored one byte per character (no character past U+00FF) by copying
# it, in under a microsecond; Windows-1252 (typographic quotes and dashes too) goes through a table, 19 µs.
_ONE_BYTE_ENCODINGS = [(encoding, *_byte_tables(encoding)) for encoding in ("latin-1", "cp1252")]


def looks_like_text(text: str) -> bool:
    """Reject decodings that are mostly replacement, control or unassigned characters (binary junk), or that
    have few letters among what is not space; full stops do not count there, so that a table of contents'
    dot leaders ("Prefacio . . . . . 3") are text."""
    if not text:
        return False
    sample = text[:20000]
    bad, letters = _bad_and_letters(sample)
    visible = len(sample) - sample.count(" ") - sample.count("\n") - sample.count(".")
    return bad < 0.02 * len(sample) and letters > 0.4 * (visible or 1)


def _bad_and_letters(sample: str) -> tuple[int, int]:
    """Characters that are replacement, control (line breaks aside), private or unassigned, and letters.

    A Spanish text almost always fits Latin-1 or Windows-1252 (accents, ñ, typographic quotes and dashes),
    and then both are counted on its bytes with translate(), in C: 5–22 against 40 µs a bulletin. Anything
    else is counted character by character, with a Unicode category look-up only outside printable ASCII.
    """
    for encoding, not_bad, not_letters in _ONE_BYTE_ENCODINGS:
        try:
            encoded = sample.encode(encoding)
        except UnicodeEncodeError:
            continue
        return len(encoded.translate(None, not_bad)), len(encoded.translate(None, not_letters))
    unusual = _NOT_PLAIN_ASCII.findall(sample)
    bad = sum(1 for ch in unusual if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    ascii_letters = len(sample.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER_BYTES))
    return bad, ascii_letters + sum(1 for ch in unusual if ch.isalpha())


def read_text(data: bytes) -> str:
    text = normalize(decode(data))
    if not text:
        raise InputError("File is empty (or holds only whitespace); nothing to read.")
    if not looks_like_text(text):
        raise InputError(
            "File does not look like text (mostly control, undecodable or other characters than letters); "
            "it is probably binary data with a .txt name — check the file or re-export it as text."
        )
    return text
