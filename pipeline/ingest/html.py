"""HTML bulletin page → the bulletin's plain text, laid out like a .txt bulletin.

A press-room page wraps one bulletin in a site header, menus, share buttons,
related links and a footer. Those must not reach extraction: a footer address
in "Ciudad de México" or a related bulletin's headline would become states and
claims of this bulletin. selectolax (the Lexbor HTML5 parser) builds the same
tree a browser would, so the clean-up works on elements, never on tag text:

1. the bytes are decoded honouring a BOM or a ``<meta charset>`` declaration,
   else as UTF-8 with the repairs of ``pipeline.ingest.text.decode``;
2. elements that never hold a bulletin (scripts, forms, ``nav``, ``aside``,
   hidden elements) are removed everywhere;
3. the bulletin's container is chosen (the longest ``article``, else ``main``,
   else ``body``) and, inside it, site headers, footers and elements whose
   class, id or ARIA role names a menu, share bar, breadcrumb and the like;
4. every block (``p``, headings, ``li``, a ``div`` with its own text …) becomes
   one paragraph, list items become "- " bullets, and paragraphs are separated
   by a blank line, so ``read_metadata`` finds the dateline, number and
   headline exactly as in a .txt bulletin.

trafilatura was considered: its boilerplate detection is good on news sites
but it decides on its own which short lines to keep, and a bulletin's dateline
and number are exactly the short lines it tends to drop.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.ingest.metadata import read_metadata
from pipeline.ingest.text import decode, looks_like_text, normalize
from pipeline.model import InputError

# Elements whose content is never bulletin text, wherever they are.
JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "video",
    "audio",
    "map",
    "form",
    "button",
    "select",
    "input",
    "textarea",
    "label",
    "nav",
    "aside",
    "menu",
    "dialog",
)
# ARIA landmark roles of site furniture.
CLUTTER_ROLES = {
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "dialog",
    "alert",
}
# A class or id made of exactly one of these names site furniture ...
CLUTTER_TOKENS = {
    "header",
    "site-header",
    "masthead",
    "encabezado",
    "cabecera",
    "topbar",
    "top-bar",
    "pie",
    "pie-de-pagina",
}
# ... and so does one containing any of these words (split at "-" and "_").
CLUTTER_WORDS = {
    "nav",
    "navbar",
    "navigation",
    "navegacion",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "migas",
    "share",
    "sharing",
    "social",
    "redes",
    "compartir",
    "cookie",
    "cookies",
    "sidebar",
    "pagination",
    "paginacion",
    "comments",
    "comentarios",
    "related",
    "relacionados",
    "widget",
    "skip",
    "footer",
    "toolbar",
    "banner",
    "advert",
    "publicidad",
    "newsletter",
    "search",
    "buscador",
}
# An element matched as furniture is kept when it holds more than this share of
# the container's text: it is then a wrapper around the bulletin, not a menu.
WRAPPER_SHARE = 0.6
BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
# Only the first paragraphs can be the dateline/number block.
HEAD_PARAGRAPHS = 6
# HTML declares Latin-1 where it means Windows-1252 (the WHATWG encoding rules).
_WHATWG_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859_1": "cp1252"}


# -- decoding ----------------------------------------------------------------


def decode_html(data: bytes) -> str:
    """The page as text: BOM first, then a ``<meta>`` charset, else UTF-8 with repairs."""
    declared = declared_encoding(data)
    if declared and declared != "utf_8" and not _has_bom(data):
        return data.decode(declared, errors="replace")
    return decode(data)


def declared_encoding(data: bytes) -> str | None:
    """The Python codec named by a ``<meta charset>`` or http-equiv declaration near the top, if any.

    The top of the page is read as Latin-1, which keeps every ASCII byte of the
    markup intact whatever the real encoding, and parsed like the rest: no
    pattern matching over tags.
    """
    head = LexborHTMLParser(data[:4096].decode("latin-1"))
    for meta in head.css("meta"):
        attrs = {k.lower(): (v or "") for k, v in meta.attributes.items()}
        label = attrs.get("charset")
        if not label and attrs.get("http-equiv", "").lower() == "content-type":
            label = _charset_param(attrs.get("content", ""))
        codec = _codec(label)
        if codec:
            return codec
    return None


def _charset_param(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def _has_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


# -- cleaning ----------------------------------------------------------------


def parse_html(data: bytes) -> LexborHTMLParser:
    """Decode and parse a page, with the elements that never hold text already removed."""
    tree = LexborHTMLParser(decode_html(data))
    _remove(list(_junk(tree)))
    return tree


def _junk(tree: LexborHTMLParser) -> Iterator[LexborNode]:
    hidden = "[hidden], [aria-hidden='true'], [style*='display:none'], [style*='display: none']"
    yield from _outermost(tree.css(", ".join(JUNK_TAGS) + ", " + hidden))


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Drop nodes nested in another listed node, so each subtree is removed once."""
    ids = {node.mem_id for node in nodes}
    return [node for node in nodes if not any(a.mem_id in ids for a in _ancestors(node))]


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _remove(nodes: list[LexborNode]) -> None:
    for node in nodes:
        node.decompose()


def main_element(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the bulletin: the longest ``article``, else ``main``, else ``body``."""
    articles = tree.css("article, [itemprop='articleBody']")
    if articles:
        return max(articles, key=lambda node: len(node.text(strip=True)))
    return tree.css_first("main, [role='main']") or tree.body


def strip_furniture(root: LexborNode) -> None:
    """Remove site headers, footers, menus, share bars and the like found inside ``root``."""
    total = len(root.text(strip=True)) or 1
    found: list[LexborNode] = []
    stack = [child for child in root.iter() if child.is_element_node]
    while stack:
        node = stack.pop()
        furniture = _furniture(node)
        if furniture and not _is_wrapper(node, total, by_name=furniture == "name"):
            found.append(node)
            continue
        stack.extend(child for child in node.iter() if child.is_element_node)
    _remove(found)


def _furniture(node: LexborNode) -> str | None:
    """ "element" for a site header, footer or ARIA landmark; "name" for a class or id naming furniture."""
    attrs = node.attributes
    if (attrs.get("role") or "").lower() in CLUTTER_ROLES:
        return "element"
    if node.tag == "footer" or (node.tag == "header" and not any(a.tag == "article" for a in _ancestors(node))):
        return "element"
    for token in f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower().split():
        if token in CLUTTER_TOKENS or CLUTTER_WORDS.intersection(token.replace("_", "-").split("-")):
            return "name"
    return None


def _is_wrapper(node: LexborNode, total: int, by_name: bool) -> bool:
    """True for an element that wraps the bulletin; a class name is only trusted on small elements."""
    if node.css_first("article, main, [role='main']") is not None:
        return True
    return by_name and len(node.text(strip=True)) > WRAPPER_SHARE * total


# -- blocks → paragraphs ------------------------------------------------------


def paragraphs(root: LexborNode) -> list[list[str]]:
    """Each block's lines (split at ``<br>``), in document order; list items start with "- "."""
    out: list[list[str]] = []
    pieces: list[str] = []
    bullet = False

    def flush() -> None:
        nonlocal bullet
        lines = [" ".join(line.split()) for line in "".join(pieces).split("\n")]
        lines = [line for line in lines if line]
        pieces.clear()
        if lines:
            if bullet:
                lines[0] = "- " + lines[0]
                bullet = False
            out.append(lines)

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            flush()
            bullet = bullet and tag != "li"  # an empty item must not mark the next block
            continue
        if node.is_text_node:
            pieces.append(node.text_content or "")
        elif tag == "br":
            pieces.append("\n")
        elif node.is_element_node:
            children = list(node.iter(include_text=True))
            if tag in BLOCK_TAGS:
                flush()
                bullet = bullet or tag == "li"
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
    flush()
    return out


def _join(lines: list[str], index: int) -> str:
    """A paragraph's lines on one line, except the dateline/number block, which keeps its breaks."""
    if len(lines) > 1 and index < HEAD_PARAGRAPHS:
        kept = "\n".join(lines)
        meta = read_metadata(kept)
        if meta.bulletin or meta.dateline_span:
            return kept
    return " ".join(lines)


def read_html(data: bytes) -> str:
    """The bulletin text of an HTML page, or InputError when the page holds none."""
    tree = parse_html(data)
    root = main_element(tree)
    if root is None:
        raise InputError("Page has no <body>; check that the file is an HTML bulletin page.")
    strip_furniture(root)
    blocks = paragraphs(root)
    text = normalize("\n\n".join(_join(lines, i) for i, lines in enumerate(blocks)))
    if not text:
        raise InputError(
            "Page holds no bulletin text (only menus, scripts or nothing at all); "
            "check that it is a bulletin page and not an index, or save the bulletin as .txt or .pdf."
        )
    if not looks_like_text(text):
        raise InputError("Page text is mostly undecodable characters; check its encoding or save it again as UTF-8.")
    return text


def page_links(data: bytes, base_url: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of every link outside the site's menus, header and footer, in page order."""
    tree = parse_html(data)
    if tree.body is None:
        return []
    base = tree.css_first("base[href]")
    base_url = urljoin(base_url, base.attributes.get("href") or "") if base else base_url
    strip_furniture(tree.body)
    links = []
    for anchor in tree.body.css("a[href]"):
        href = (anchor.attributes.get("href") or "").strip()
        if href:
            links.append((urljoin(base_url, href), " ".join(anchor.text().split())))
    return links
