"""The project's exceptions: one base class, a few kinds, messages that say what, where and how to fix."""

from __future__ import annotations

__all__ = ["ConfigError", "QueryError", "QueryRefused", "QueryTooLarge", "SourceError", "TimelineKGError",
           "ValidationError", "quote_name"]


class TimelineKGError(Exception):
    """Base class of every error timeline-kg raises on purpose."""


class SourceError(TimelineKGError):
    """An article or its metadata cannot be read ("sources/x.txt: empty article")."""

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        # The name and the problem (which may quote a name, or another error's text) come from
        # untrusted input: a newline in a file name must not start a second, forged error line.
        super().__init__(f"{quote_name(where)}: {quote_name(problem)}")


def quote_name(name: object) -> str:
    r"""``name`` (a file name, a URL, any text from outside) safe to show on one line: each control
    character, line or paragraph separator and lone surrogate written as its escape, as ``repr``
    does, and nothing else changed.

    Examples
    --------
    >>> print(quote_name("news/a\nERROR: forged.txt"))
    news/a\nERROR: forged.txt
    >>> quote_name("news/caf\u00e9.txt")
    'news/café.txt'
    """
    text = str(name)
    if text.isprintable() or not any(_unsafe(char) for char in text):
        return text
    return "".join(repr(char)[1:-1] if _unsafe(char) else char for char in text)


def _unsafe(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs")


class QueryError(TimelineKGError):
    """A SPARQL query is unknown or malformed."""


class QueryRefused(QueryError):
    """A well-formed query or update that is not run here: it would contact another server
    (``SERVICE``, ``LOAD``) or change what this place may not change ("SERVICE refused: ...")."""


class QueryTooLarge(QueryError):
    """A query or update over a size limit, refused before any parser sees it ("query too large: ...")."""


class ValidationError(TimelineKGError):
    """The produced graph violates the SHACL shapes of the RDF contract."""

    def __init__(self, report: str, violations: list[str]) -> None:
        self.report = report
        self.violations = violations
        first = violations[0] if violations else "see report"
        super().__init__(f"graph fails SHACL validation ({len(violations)} violations); first: {first}")


class ConfigError(TimelineKGError):
    """A setting has a value we cannot use (unknown spaCy model, bad date...)."""
