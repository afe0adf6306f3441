"""A SPARQL 1.1 Protocol endpoint over the store (work in progress: see graph.cli_serve)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "ServerConfig", "serve"]

DEFAULT_PORT = 8800
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class ServerConfig:
    """What ``timeline-kg serve`` was asked for."""

    store: str | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 2
    writable: bool = False
    views: Path | None = Path("build")


def serve(config: ServerConfig, ready: Callable[[str], None] | None = None) -> None:
    raise ConfigError("serve: not implemented yet")
