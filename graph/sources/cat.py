"""Read CAT XML (the MEANTIME corpus's format): one token per element -> a Document with token offsets.

CAT keeps no running text, only tokens with their sentence numbers; the first sentence is the
headline, the second the dateline. We rebuild the text a reader would see (tokens joined with the
spacing of written English, Penn Treebank quotes as ``"``), laid out as a plain-text article: the
headline, the dateline, then the body sentences as one paragraph. The Document then goes through
the same title and body split as a ``.txt`` article (:func:`graph.sources.text.split_body`), so an
evaluation sees what a user's build sees. Every token keeps its character range in that text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.model import Document

from .files import article_byte_limit, read_untrusted
from .text import _headline, split_body

__all__ = ["CatDocument", "read_cat"]

# Tokens written against the word before them, or against the word after them.
_CLOSING = {".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "'", "n't", "'re", "'ve", "'ll", "'d", "'m",
            "''", "...", "-RRB-"}
_OPENING = {"(", "[", "{", "$", "``", "#", "-LRB-"}
_SHOWN = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}


@dataclass(frozen=True, slots=True)
class CatDocument:
    """A CAT file read: its Document, each token's character range and sentence, and its XML root."""

    document: Document
    tokens: dict[str, tuple[int, int]]  # t_id -> (start, end) in document.text
    sentence_of: dict[str, int]  # t_id -> sentence number (0: the headline)
    root: ET.Element


def read_cat(path: Path) -> CatDocument:
    """Read one CAT XML file.

    Raises
    ------
    SourceError
        When the file is not well-formed XML, holds no token, or has no creation time.
    """
    path = Path(path)
    raw = read_untrusted(path, article_byte_limit(".tml"), what="CAT file")  # XML, as TimeML
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise SourceError(path, f"not well-formed XML ({error}); fix the markup") from error
    sentences: dict[int, list[ET.Element]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token)
    if not sentences:
        raise SourceError(path, "no <token> element; CAT files hold their text as tokens")
    parts: list[str] = []
    tokens: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    length = 0
    for number in sorted(sentences):
        if parts:
            # headline, dateline, then one paragraph of body sentences
            gap = "\n\n" if number <= 2 else " "
            parts.append(gap)
            length += len(gap)
        previous = None
        for token in sentences[number]:
            word = token.text or ""
            if previous is not None and previous not in _OPENING and word not in _CLOSING:
                parts.append(" ")
                length += 1
            shown = _SHOWN.get(word, word)
            tokens[token.get("t_id", "")] = (length, length + len(shown))
            sentence_of[token.get("t_id", "")] = number
            parts.append(shown)
            length += len(shown)
            previous = word
    text = "".join(parts)
    title_range, body = split_body(text)
    return CatDocument(
        document=Document(doc_id=root.get("doc_id") or path.stem, text=text, dct=_creation_time(path, root, sentence_of),
                          title=text[title_range[0]:title_range[1]].strip(), url=root.get("url", ""),
                          language=root.get("lang") or "en", path=path, body=tuple(body),
                          headline=_headline(title_range)),
        tokens=tokens, sentence_of=sentence_of, root=root)


def _creation_time(path: Path, root: ET.Element, sentence_of: dict[str, int]) -> date:
    """The timex marked as creation time; else the date standing alone in the dateline (sentence 1),
    for the odd file whose annotators left the mark off."""
    timexes = list(root.iter("TIMEX3"))
    marked = [t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"]
    datelines = [t for t in timexes if t.get("type") == "DATE" and t.findall("token_anchor")
                 and all(sentence_of.get(a.get("t_id", "")) == 1 for a in t.findall("token_anchor"))]
    for timex in marked or datelines:
        try:
            return date.fromisoformat(timex.get("value", "")[:10])
        except ValueError:
            continue
    raise SourceError(path, "no creation time: no TIMEX3 with functionInDocument=\"CREATION_TIME\" "
                            "nor a dated dateline")
