"""Sources: article files of every format -> Documents.

In: paths (files or folders). Out: :class:`graph.model.Document` objects (text, body paragraph
ranges, title, publication date) read defensively: size and language limits, one-line errors
naming the file. :mod:`.reader` finds articles and picks a reader by suffix (:data:`READERS`);
:mod:`.text` reads ``.txt`` + ``.json``, :mod:`.html_page` saved pages, :mod:`.timeml` TimeML,
and :mod:`.fetch` saves a page from a URL into a sources folder. Every file an article brings is
read by :func:`.files.read_untrusted` (regular files only, size-capped).
"""

from .reader import (
           ARTICLE_SUFFIXES,
           MAX_ARTICLE_CHARS,
           MAX_PIECE_CHARS,
           READERS,
           find_sources,
           read_source,
)
from .text import date_line, read_article, split_body

__all__ = ["ARTICLE_SUFFIXES", "MAX_ARTICLE_CHARS", "MAX_PIECE_CHARS", "READERS", "date_line", "find_sources",
           "read_article", "read_source", "split_body"]
