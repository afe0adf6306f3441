"""Score the temporal tagger on a TimeML folder: python benchmarks/timex_score.py PATH [--errors N].

Kept for old habits: it runs ``timeline-kg eval timex PATH [--errors N]`` (see ``--help`` there),
which prints the TempEval-3 figures, a per-type table and the most frequent error patterns. For the
comparison with dateparser and the throughput, use ``benchmarks/timex_vs_dateparser.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["eval", "timex", *sys.argv[1:]]))
