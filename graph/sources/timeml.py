"""Read TimeML (TempEval-3) files: the article text, its creation date and its inline annotations.

TimeML marks temporal expressions and events inline (``<TIMEX3 ...>Friday</TIMEX3>``) inside
``<TEXT>``. We rebuild the plain text of ``TEXT`` (tags removed, entities decoded by the XML
parser) and record each tagged element as character offsets into that same text
(:func:`tagged_spans`), so gold and system annotations share one coordinate system; the gold
annotations become model objects in :mod:`graph.eval.gold`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.model import Document

from .files import article_byte_limit, read_untrusted

__all__ = ["Tagged", "iter_timeml", "parse_timeml", "read_timeml", "tagged_spans", "timeml_document"]


def iter_timeml(path: Path) -> Iterator[Path]:
    """Yield the TimeML files at ``path``: the file itself, or every ``*.tml`` below a folder.

    Parameters
    ----------
    path : Path
        A ``.tml`` file or a folder searched recursively (files sorted by path).

    Yields
    ------
    Path
        Each TimeML file.

    Raises
    ------
    SourceError
        When ``path`` does not exist or holds no ``.tml`` file.
    """
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() != ".tml":
            raise SourceError(path, "not a TimeML file; give a .tml file or a folder of them")
        yield path
        return
    if not path.is_dir():
        raise SourceError(path, "no such file or folder; give a .tml file or a folder of them")
    files = sorted(p for p in path.rglob("*.tml") if p.is_file() and not p.name.startswith("._"))
    if not files:
        raise SourceError(path, "no .tml file found (searched recursively); check the path")
    yield from files


def read_timeml(path: Path, *, data: bytes | None = None) -> Document:
    """Read one TimeML file as a Document.

    Parameters
    ----------
    path : Path
        A TimeML file with ``DOCID``, ``DCT`` and ``TEXT`` elements.
    data : bytes, optional
        Its bytes, when the caller read them already (``graph.sources.read_source`` does, with
        its size limit); else the file is read, within the default limit.

    Returns
    -------
    Document
        ``doc_id`` from DOCID (the file stem when absent), ``dct`` the date part of the DCT
        TIMEX3 value, ``text`` the character content of TEXT, one body range covering it.

    Raises
    ------
    SourceError
        When the file is not well-formed XML, has no TEXT element, or has an unreadable DCT.

    Examples
    --------
    >>> doc = read_timeml(Path("train/AQUAINT/APW19980807.0261.tml"))  # doctest: +SKIP
    >>> doc.dct  # doctest: +SKIP
    datetime.date(1998, 8, 7)
    """
    path = Path(path)
    return timeml_document(path, parse_timeml(path, data=data))


def timeml_document(path: Path, root: ET.Element) -> Document:
    """The Document of a parsed TimeML file (see :func:`read_timeml`)."""
    text, _ = tagged_spans(path, root)
    return Document(
        doc_id=_doc_id(path, root),
        text=text,
        dct=_dct(path, root),
        title="",
        path=path,
        body=((0, len(text)),),
    )


def parse_timeml(path: Path, *, data: bytes | None = None) -> ET.Element:
    """The root element of a TimeML file (of its bytes ``data`` when given); a SourceError naming
    the file when it is not a readable regular file or not well-formed."""
    raw = data if data is not None else read_untrusted(Path(path), article_byte_limit(".tml"))
    try:
        return ET.fromstring(raw)
    except ET.ParseError as error:
        raise SourceError(path, f"not well-formed XML ({error}); fix the markup") from error


def _doc_id(path: Path, root: ET.Element) -> str:
    found = root.findtext("DOCID")
    return found.strip() if found and found.strip() else path.stem


def _dct(path: Path, root: ET.Element) -> date | None:
    dct = root.find("DCT")
    if dct is None:
        return None
    timex = dct.find("TIMEX3")
    value = timex.get("value", "") if timex is not None else (dct.text or "").strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise SourceError(path, f"DCT value {value!r} is not an ISO date; use YYYY-MM-DD") from error


#: An element of TEXT: start and end offsets into the text, its text, its attributes (with ``tag``).
Tagged = tuple[int, int, str, dict[str, str]]


def tagged_spans(path: Path, root: ET.Element, tags: tuple[str, ...] = ("TIMEX3",)) -> tuple[str, list[Tagged]]:
    """Flatten TEXT into a string, recording where each element of ``tags`` starts and ends."""
    text_el = root.find("TEXT")
    if text_el is None:
        raise SourceError(path, "no TEXT element; TimeML articles keep their text in <TEXT>")
    parts: list[str] = []
    found: list[Tagged] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag in tags and element is not text_el:
            found.append((start, length, "", {**element.attrib, "tag": element.tag}))

    try:
        walk(text_el)
    except RecursionError:  # one frame per level: elements nested hundreds deep exhaust the stack
        raise SourceError(path, "elements nested too deeply in TEXT (TimeML nests a few levels)") from None
    text = "".join(parts)
    found = [(start, end, text[start:end], attrib) for start, end, _, attrib in found]
    found.sort(key=lambda item: item[0])
    return text, found
