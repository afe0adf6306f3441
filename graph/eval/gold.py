"""Gold annotations of TimeML files as model objects: the TIMEX3s as Timexes with day bounds.

In: a TimeML file (read by :mod:`graph.sources.timeml`). Out: :class:`graph.model.Timex` objects
whose offsets index the same text as the Document the tagger reads.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import SourceError
from graph.model import Span, Timex
from graph.sources.timeml import parse_timeml, tagged_spans, timeml_document
from graph.timex.values import bounds_of_value

__all__ = ["gold_timexes"]


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
    root = parse_timeml(path)
    document = timeml_document(path, root)
    doc_id, dct = document.doc_id, document.dct
    _, raw = tagged_spans(path, root)
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
