"""A long fuzz campaign: the properties of tests/test_fuzz.py and tests/test_timex_properties.py with
many more examples than the suite runs, within a time budget.

    python benchmarks/fuzz_campaign.py --minutes 25 [--engine hypothesis|atheris|both] [--only reader rdf]

Properties (the same check functions and input strategies as the tests):

- ``reader``: any bytes saved as a .txt/.tml/.html/.htm article, with any metadata file: a Document
  or our one-line SourceError, and body ranges inside the text;
- ``extractors``: any text, any publication date: ``graph.pipeline.extract`` raises nothing and every
  sentence, mention, timex, trigger and argument offset indexes the text;
- ``rdf``: the graph of any article conforms to the SHACL shapes and round-trips through Turtle;
- ``timex``: the temporal tagger alone (any text, any DCT: well-formed, ordered Timexes).

Engines: ``hypothesis`` draws random examples in batches until a property's share of the time is
used; ``atheris`` (``pip install atheris``) drives the same hypothesis strategies from libFuzzer's
coverage-guided byte mutations (``fuzz_one_input``), one subprocess per property, with our
``graph`` modules instrumented for coverage; a crash ends that subprocess, which is then started
again for the rest of its time. ``both`` gives each engine half of the time.

Prints, per engine and property: examples run, seconds, examples/s, and each distinct failure (the
exception, where it was raised, the falsifying example). Exit code 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.test_fuzz holds the properties

PROPERTY_NAMES = ("reader", "extractors", "rdf", "timex")
# Share of the time each property gets: the writer and extractors run spaCy and pyshacl per example.
WEIGHTS = {"reader": 1.0, "extractors": 1.2, "rdf": 1.2, "timex": 0.6}


@dataclass
class Property:
    name: str
    strategies: tuple
    check: Callable[..., object]


def load_properties() -> dict[str, Property]:
    from hypothesis import strategies as st

    from tests import test_fuzz as fuzz
    from tests import test_timex_properties as timex

    def read(file, meta, dct):
        suffix, raw = file
        return fuzz.check_read(suffix, raw, meta, dct)

    return {
        "reader": Property("reader", (fuzz.article_files, fuzz.metadata_files, st.one_of(st.none(), fuzz.dcts)), read),
        "extractors": Property("extractors", (fuzz.texts, fuzz.dcts), fuzz.check_extraction),
        "rdf": Property("rdf", (fuzz.texts, fuzz.dcts, fuzz.doc_ids, fuzz.metadata), fuzz.check_rdf),
        "timex": Property("timex", (timex.texts, timex.dcts), timex.check_timexes),
    }


@dataclass
class Outcome:
    engine: str
    name: str
    examples: int = 0
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)  # where it was raised -> what and the example

    def line(self) -> str:
        rate = self.examples / self.seconds if self.seconds else 0.0
        return (f"{self.engine:<10} {self.name:<10} {self.examples:>9,} examples {self.seconds:>8.0f} s "
                f"{rate:>8.1f}/s  {len(self.failures)} distinct failure(s)")


def where_raised(error: BaseException) -> str:
    """``Type at file:line`` of the innermost frame inside the project (what tells two bugs apart)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:  # hypothesis's FlakyFailure wraps the bug
        error = error.exceptions[0]
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if frame.filename.startswith(str(ROOT))] or frames
    if not ours:
        return type(error).__name__
    last = ours[-1]
    name = Path(last.filename).relative_to(ROOT) if last.filename.startswith(str(ROOT)) else last.filename
    return f"{type(error).__name__} at {name}:{last.lineno}"


def run_hypothesis(prop: Property, seconds: float, batch: int) -> Outcome:
    """Batches of ``batch`` random examples (a fresh seed each) until ``seconds`` have passed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    outcome = Outcome("hypothesis", prop.name)
    calls = [0]

    def counted(args: tuple) -> None:
        calls[0] += 1
        prop.check(*args)

    test = settings(max_examples=batch, deadline=None, database=None, report_multiple_bugs=False,
                    suppress_health_check=list(HealthCheck))(given(st.tuples(*prop.strategies))(counted))
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            test()
        except Exception as error:  # noqa: BLE001 - every failure is a finding to report
            spot = where_raised(error)
            if spot not in outcome.failures:
                notes = " ".join(getattr(error, "__notes__", []))
                outcome.failures[spot] = f"{type(error).__name__}: {str(error)[:300]} | {notes[:600]}"
                print(f"  FAILURE {prop.name}: {spot}", flush=True)
    outcome.seconds = time.monotonic() - started
    outcome.examples = calls[0]  # includes shrinking's replays after a failure
    return outcome


# --- atheris -------------------------------------------------------------------------------------

def atheris_worker(name: str, seconds: int, artifacts: Path) -> None:
    """Run in a subprocess: libFuzzer drives ``name``'s hypothesis strategies for ``seconds``."""
    import atheris

    with atheris.instrument_imports(include=["graph"]):
        import pkgutil

        import graph

        for module in pkgutil.walk_packages(graph.__path__, "graph."):
            if not module.name.endswith("__main__"):
                __import__(module.name)
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    prop = load_properties()[name]
    test = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        given(st.tuples(*prop.strategies))(lambda args: prop.check(*args)))
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", f"-artifact_prefix={artifacts}/",
                   "-rss_limit_mb=6144", "-timeout=300", "-print_final_stats=1", "-max_len=65536"],
                  test.hypothesis.fuzz_one_input)
    atheris.Fuzz()


RUNS = re.compile(r"(?:Done (\d+) runs in|stat::number_of_executed_units:\s*(\d+))")
PYTHON_ERROR = re.compile(r"=== Uncaught Python exception: ===\n(?P<error>.*?)\nTraceback[^\n]*\n"
                          r"(?P<tb>.*?)(?:\n==\d+==|\Z)", re.S)


def run_atheris(prop: Property, seconds: float, artifacts: Path) -> Outcome:
    outcome = Outcome("atheris", prop.name)
    artifacts.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    while (left := seconds - (time.monotonic() - started)) > 5:
        done = subprocess.run([sys.executable, __file__, "--atheris-worker", prop.name, "--seconds", str(int(left)),
                               "--artifacts", str(artifacts)], capture_output=True, text=True, cwd=ROOT)
        log = done.stdout + done.stderr
        outcome.examples += max((int(a or b) for a, b in RUNS.findall(log)), default=0)
        crash = PYTHON_ERROR.search(log)
        if crash:
            frames = re.findall(r'File "([^"]+)", line (\d+)', crash["tb"])
            inside = [f for f in frames if str(ROOT) in f[0]] or frames
            spot = (f"{crash['error'].split(':')[0]} at {Path(inside[-1][0]).name}:{inside[-1][1]}" if inside
                    else crash["error"])
            if spot not in outcome.failures:
                outcome.failures[spot] = f"{crash['error'][:300]} | inputs in {artifacts}"
                print(f"  FAILURE {prop.name}: {spot}", flush=True)
        elif done.returncode != 0:
            outcome.failures.setdefault(f"exit {done.returncode}", log[-600:])
            break
    outcome.seconds = time.monotonic() - started
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=25.0, help="total time budget (default 25)")
    parser.add_argument("--engine", choices=("hypothesis", "atheris", "both"), default="hypothesis")
    parser.add_argument("--only", nargs="+", choices=PROPERTY_NAMES, default=list(PROPERTY_NAMES))
    parser.add_argument("--batch", type=int, default=500, help="hypothesis examples per batch (default 500)")
    parser.add_argument("--atheris-worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.atheris_worker:
        atheris_worker(args.atheris_worker, args.seconds, args.artifacts)
        return 0

    from graph.extract.nlp import load_nlp

    load_nlp()  # once, outside the timings
    properties = load_properties()
    engines = ["hypothesis", "atheris"] if args.engine == "both" else [args.engine]
    weight = sum(WEIGHTS[name] for name in args.only)
    budget = args.minutes * 60 / len(engines)
    artifacts = Path(tempfile.mkdtemp(prefix="fuzz-campaign-"))
    print(f"fuzz campaign: {args.minutes:g} min, engines {', '.join(engines)}, properties {', '.join(args.only)}, "
          f"{os.cpu_count()} cores, crash inputs under {artifacts}", flush=True)
    outcomes = []
    for engine in engines:
        for name in args.only:
            seconds = budget * WEIGHTS[name] / weight
            print(f"- {engine} {name}: {seconds:.0f} s", flush=True)
            outcome = (run_hypothesis(properties[name], seconds, args.batch) if engine == "hypothesis"
                       else run_atheris(properties[name], seconds, artifacts / name))
            print("  " + outcome.line(), flush=True)
            outcomes.append(outcome)
    print("\nsummary")
    for outcome in outcomes:
        print(outcome.line())
        for spot, detail in outcome.failures.items():
            print(f"    {spot}: {detail}")
    total = sum(o.examples for o in outcomes)
    failed = sum(len(o.failures) for o in outcomes)
    print(f"total: {total:,} examples in {sum(o.seconds for o in outcomes) / 60:.1f} min, {failed} distinct failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
