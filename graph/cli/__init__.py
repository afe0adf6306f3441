"""The ``timeline-kg`` command line: a thin layer over the library that validates arguments and reports.

One module per command (:mod:`.build`, :mod:`.query`, :mod:`.timex`, :mod:`.evaluate`, :mod:`.add`,
:mod:`.serve`, :mod:`.show` with ``export``), each with ``register`` and ``run``; :mod:`.main`
puts them together, :mod:`.common` holds what they share.
"""

from .main import main

__all__ = ["main"]
