"""Read TimeML (TempEval-3) files: the article text, its creation date and the gold TIMEX3s.

TimeML marks temporal expressions inline (``<TIMEX3 ...>Friday</TIMEX3>``) inside ``<TEXT>``. We
rebuild the plain text of ``TEXT`` (tags removed, entities decoded by the XML parser) and record
each TIMEX3 as character offsets into that same text, so gold and system Timexes share one
coordinate system.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.model import Document, Span, Timex
from graph.timex.values import bounds_of_value

__all__ = ["gold_timexes", "iter_timeml", "read_timeml"]


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


def read_timeml(path: Path) -> Document:
    """Read one TimeML file as a Document.

    Parameters
    ----------
    path : Path
        A TimeML file with ``DOCID``, ``DCT`` and ``TEXT`` elements.

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
    root = _parse(path)
    text, _ = _text_and_timexes(path, root)
    return Document(
        doc_id=_doc_id(path, root),
        text=text,
        dct=_dct(path, root),
        title="",
        path=path,
        body=((0, len(text)),),
    )


def gold_timexes(path: Path) -> list[Timex]:
    """The gold TIMEX3 annotations inside TEXT, as Timexes with offsets into the Document text.

    Parameters
    ----------
    path : Path
        A TimeML file.

    Returns
    -------
    list of Timex
        In text order; granularity and day bounds derived from the gold value and the DCT.

    Raises
    ------
    SourceError
        As :func:`read_timeml`, and when a TIMEX3 lacks a ``value`` or ``type``.
    """
    path = Path(path)
    root = _parse(path)
    doc_id = _doc_id(path, root)
    dct = _dct(path, root)
    _, raw = _text_and_timexes(path, root)
    timexes = []
    for start, end, text, attrib in raw:
        if "value" not in attrib or "type" not in attrib:
            raise SourceError(path, f"TIMEX3 {attrib.get('tid', '?')} lacks type or value")
        value = attrib["value"]
        granularity, earliest, latest = bounds_of_value(value, attrib["type"], dct)
        timexes.append(
            Timex(
                span=Span(doc_id, start, end),
                text=text,
                type=attrib["type"],
                value=value,
                granularity=granularity,
                earliest=earliest,
                latest=latest,
                mod=attrib.get("mod", ""),
            )
        )
    return timexes


def _parse(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        raise SourceError(path, f"not well-formed XML ({error}); fix the markup") from error
    except OSError as error:
        raise SourceError(path, f"cannot read file ({error.strerror})") from error


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


RawTimex = tuple[int, int, str, dict[str, str]]


def _text_and_timexes(path: Path, root: ET.Element, tags: tuple[str, ...] = ("TIMEX3",)
                      ) -> tuple[str, list[RawTimex]]:
    """Flatten TEXT into a string, recording where each element of ``tags`` starts and ends."""
    text_el = root.find("TEXT")
    if text_el is None:
        raise SourceError(path, "no TEXT element; TimeML articles keep their text in <TEXT>")
    parts: list[str] = []
    found: list[RawTimex] = []
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
