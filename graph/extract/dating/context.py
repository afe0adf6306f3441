"""What dating one article knows and remembers while it runs: a :class:`DatingContext`.

In: the article's :class:`~graph.model.Document` (for its publication day) and its paragraph
parses. Out: answers the rules ask again and again, memoized per spaCy ``Doc``: which token
shelters a token from its sentence's dates (:meth:`DatingContext.barrier`) and how many sentences
lie between two triggers (:meth:`DatingContext.sentences_between`).

:func:`~graph.extract.dating.date_triggers` makes one context per article and drops it when done,
so nothing one article's parses taught survives into the next.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from graph.model import Document

from ..nlp import Parsed
from ..syntax import CONTENT_VERBS
from ..trigger import Trigger
from .clues import signal_of

__all__ = ["DatingContext"]


class DatingContext:
    """One article being dated: its publication day, its parses, and what was worked out on them.

    The memos are keyed by the ``Doc`` itself (hashed by identity, and held alive by the context),
    never by ``id(doc)``: an id can be reused once a Doc is freed, so a memo that outlived its Doc
    would answer for a stranger.
    """

    def __init__(self, document: Document, parsed: Sequence[Parsed]) -> None:
        self.dct = document.dct
        self.parsed = parsed
        self.body = [part for part in parsed if not part.headline]
        self._barriers: dict[Doc, dict[int, int | None]] = {}
        self._sentence_starts: dict[Doc, list[int]] = {}

    def barrier(self, token: Token) -> int | None:
        """The token that shelters ``token`` from its sentence's dates (a temporal signal, a report).

        Remembered for every token on the way up: each trigger asks, and a long paragraph the
        parser chains into one deep tree would otherwise cost a walk of the whole chain per trigger.
        """
        known = self._barriers.setdefault(token.doc, {})
        path, node = [], token
        while node.i not in known:
            path.append(node.i)
            if _shelters(node):
                found = node.i
                break
            if node.head.i == node.i:
                found = None
                break
            node = node.head
        else:
            found = known[node.i]
        for i in path:
            known[i] = found
        return found

    def body_sentence(self, trigger: Trigger) -> int:
        """Which sentence of the body ``trigger`` is told in (0: the first), over all paragraphs."""
        index = 0
        for part in self.body:
            starts = self._starts(part.doc)
            if part is trigger.part:
                return index + bisect_right(starts, trigger.sentence.start) - 1
            index += len(starts)
        return index

    def _starts(self, doc: Doc) -> list[int]:
        starts = self._sentence_starts.get(doc)
        if starts is None:
            starts = self._sentence_starts[doc] = [sent.start for sent in doc.sents]
        return starts

    def sentences_between(self, earlier: Trigger, later: Trigger) -> int:
        """How many sentences ``later`` stands after ``earlier`` (0: in the same one), counted on
        ``later``'s paragraph."""
        starts = self._starts(later.part.doc)
        return bisect_right(starts, later.sentence.start) - bisect_right(starts, earlier.sentence.start)


def _shelters(node: Token) -> bool:
    return signal_of(node) is not None or (node.dep_ == "ccomp"
                                           and node.head.lemma_.lower() in CONTENT_VERBS)
