"""What a fetched response is: a bulletin (HTML, PDF, text), an index of bulletin links, or neither."""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import unicodedata
from typing import TypeGuard
from urllib.parse import unquote, urldefrag, urlsplit

from pipeline.ingest import ingest_bytes
from pipeline.model import Document, InputError
from pipeline.pull.fetcher import FetchError, Response

INDEX_LINK_SHARE = 0.3
HTML_TYPES = {"text/html", "application/xhtml+xml"}
PDF_TYPES = {"application/pdf", "application/x-pdf"}
UNTYPED = {"", "application/octet-stream", "binary/octet-stream", "application/download", "application/force-download"}
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "txt": ".txt"}
# "INAI/002/18", "INAI-002-18", "Comunicado INAI_002_2018" in a URL or link text.
BULLETIN_NUMBER = re.compile(
    r"\binai\s*[/\-_ ]\s*(?:dgcs\s*[/\-_ ]\s*)?(\d{1,4})\s*[/\-_ ]\s*(\d{4}|\d{2})(?!\d)", re.IGNORECASE
)


def bulletin_stem(number: str | None) -> str | None:
    """'INAI/002/18' → 'inai-002-18', the corpus's file naming."""
    if not number:
        return None
    match = BULLETIN_NUMBER.search(number)
    return f"inai-{int(match[1]):03d}-{match[2][-2:]}" if match else None


def url_slug(url: str, length: int = 80) -> str:
    """A file-system-safe name made from the URL's host, path and query."""
    parts = urlsplit(url)
    path, extension = os.path.splitext(unquote(parts.path))
    if len(extension) > 6:
        path += extension
    text = unicodedata.normalize("NFKD", f"{parts.netloc} {path} {parts.query}")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > length:
        slug = slug[:length].rstrip("-") + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return slug or hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


# -- what a response is ----------------------------------------------------------------


def kind_of(response: Response) -> str | None:
    """html, pdf or txt from the Content-Type, checked against the body; None for anything else."""
    media, head = response.media_type, response.body[:1024].lstrip().lower()
    is_pdf, is_html = (
        head.startswith(b"%pdf"),
        head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")),
    )
    if media in PDF_TYPES or (media in UNTYPED and is_pdf):
        return "pdf" if is_pdf else None
    if media in HTML_TYPES or (media in UNTYPED and is_html):
        return "html"
    if media == "text/plain":
        return "txt"
    return None


def bulletin_number_in(text: str) -> str | None:
    match = BULLETIN_NUMBER.search(unquote(text))
    return f"INAI/{int(match[1]):03d}/{match[2][-2:]}" if match else None


def looks_like_bulletin_link(url: str, text: str) -> bool:
    """A link an index points at a bulletin with: says comunicado/boletín, carries a number, or is a PDF."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    where = _fold(f"{unquote(parts.path)} {unquote(parts.query)} {text}")
    return (
        unquote(parts.path).lower().endswith(".pdf")
        or "comunicado" in where
        or "boletin" in where
        or bulletin_number_in(where) is not None
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def read_document(body: bytes, url: str, kind: str, max_bytes: int) -> Document | None:
    """The bulletin as the pipeline will read it, or None when the pipeline could not read it."""
    try:
        return ingest_bytes(body, url, kind, max_bytes)
    except InputError:
        return None


def is_bulletin(document: Document | None) -> TypeGuard[Document]:
    return document is not None and bool(document.bulletin or document.dateline_span)


def bulletin_links(response: Response) -> dict[str, str]:
    """Bulletin-looking links of an HTML page → their text; absolute, without fragments, in page order."""
    from pipeline.ingest.html import page_links

    here = urldefrag(response.url)[0]
    here_path = urlsplit(here)._replace(query="").geturl()
    links: dict[str, str] = {}
    for url, text in page_links(response.body, response.url):
        url = urldefrag(url)[0]
        if url == here or urlsplit(url)._replace(query="").geturl() == here_path:
            continue  # the index itself, or another page of it
        if looks_like_bulletin_link(url, text):
            links[url] = f"{links[url]} {text}" if url in links else text
    return links


def is_index(document: Document | None, links: dict[str, str]) -> bool:
    """An index lists bulletin links and is not itself a bulletin, or is mostly those links' text."""
    if not links:
        return False
    if not is_bulletin(document):
        return True
    return sum(len(text) for text in links.values()) >= INDEX_LINK_SHARE * len(document.text)


def status_message(status: int) -> str:
    try:
        reason = http.client.responses[status]
    except KeyError:
        reason = "unexpected status"
    if status == 404 or status == 410:
        return (
            f"The server answered {status} {reason}: the bulletin is not at this address; check the URL or remove it."
        )
    if status in (401, 403):
        return f"The server answered {status} {reason}: it does not let this tool read the page; remove the URL or get the file another way."
    if status >= 500 or status == 429:
        return f"The server answered {status} {reason} on every try; try again later."
    return f"The server answered {status} {reason}, not a bulletin; check the URL."


def wrong_type(response: Response) -> FetchError:
    media = response.media_type or "no content type"
    if response.media_type in PDF_TYPES:
        message = (
            f"The server said {media} but the body is not a PDF (probably an error page); check the link in a browser."
        )
    else:
        message = f"The server sent {media}, not a bulletin (HTML, PDF or plain text); check that the link points to a bulletin."
    return FetchError(message, response.status, response.media_type or None)
