"""The project's exceptions: one base class, a few kinds, messages that say what, where and how to fix."""

from __future__ import annotations

__all__ = ["ConfigError", "QueryError", "SourceError", "TimelineKGError", "ValidationError"]


class TimelineKGError(Exception):
    """Base class of every error timeline-kg raises on purpose."""


class SourceError(TimelineKGError):
    """An article or its metadata cannot be read ("sources/x.txt: empty article")."""

    def __init__(self, where: object, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class QueryError(TimelineKGError):
    """A SPARQL query is unknown or malformed."""


class ValidationError(TimelineKGError):
    """The produced graph violates the SHACL shapes of the RDF contract."""

    def __init__(self, report: str, violations: list[str]) -> None:
        self.report = report
        self.violations = violations
        first = violations[0] if violations else "see report"
        super().__init__(f"graph fails SHACL validation ({len(violations)} violations); first: {first}")


class ConfigError(TimelineKGError):
    """A setting has a value we cannot use (unknown spaCy model, bad date...)."""
