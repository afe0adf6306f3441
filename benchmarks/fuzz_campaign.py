"""A long fuzz campaign: the properties of tests/test_fuzz.py and tests/test_timex_properties.py with
many more examples than the suite runs, within a time budget.

    python benchmarks/fuzz_campaign.py --minutes 25 [--engine hypothesis|atheris|both] [--only reader rdf]
    python benchmarks/fuzz_campaign.py --build-articles 5000 [--batch-articles 100]

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

``--build-articles N`` runs ``timeline-kg build`` itself (in this process, as the command line
does) over N random and mutated articles, in folders of ``--batch-articles`` (100): each article any
file of tests/test_fuzz.py's reader strategies (random, format-shaped, mutated, hostile values:
3,000,000-day visits, 5,000-digit numbers, lone surrogates in the metadata) under a name that may
hold a newline, an escape sequence or bytes that are not UTF-8, and some of them, or their ``.json``,
a FIFO, a link to ``/dev/zero`` or ``/dev/urandom``, or a folder. A traceback is any exception
that escapes the command; every line it writes to stderr must be one ``error:`` or ``note:`` line or
its summary. It prints the articles built and refused, the tracebacks and odd lines, and each
distinct traceback with the batch folder that raised it (kept).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
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


# --- build: the whole command over batches of hostile articles ----------------------------------

# Names that once split or forged an error line, or are no UTF-8 (written as their bytes).
HOSTILE_NAMES = ["a\nERROR: forged", "cr\rhere", "\x1b[31mred\x1b[0m", "tab\tname", "caf\udce9", "\u202eevil",
                 "-rf", " lead", "x" * 150, "emoji\U0001f44d", "back\\slash", "bell\x07", "del\x7f", "nel\x85"]
SPECIAL = ("fifo", "zero", "urandom", "folder")


def build_specs():
    """Hypothesis strategy of one article: (name, suffix, bytes or a special kind, metadata bytes,
    None or a special kind)."""
    from hypothesis import strategies as st

    from tests import test_fuzz as fuzz

    names = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40))
    special = st.sampled_from(SPECIAL)
    # Most random files are refused by the reader (no date, not English): well-formed ones carry the
    # hostile values on into the extractors, the store writer and the views. Any day of years 1-9999.
    readable = st.tuples(st.just(".txt"), st.tuples(fuzz.texts, fuzz.news_text).map(
        lambda parts: f"{parts[0]}\n\n{parts[1]}\n".encode("utf-8", "surrogatepass")))
    declared = st.fixed_dictionaries(
        {"published": st.one_of(st.dates(), st.sampled_from([date.min, date(1, 1, 2), date(9999, 12, 30), date.max])
                                ).map(date.isoformat), "language": st.just("en")},
        optional={"title": st.one_of(fuzz.metadata_values, st.sampled_from(["\ud800", "a\udfffb", "\n" * 3]))}
    ).map(lambda meta: json.dumps(meta).encode())
    any_metadata = st.one_of(fuzz.metadata_files, declared)
    return st.one_of(
        st.tuples(names, fuzz.article_files, any_metadata),  # random, format-shaped or mutated files
        st.tuples(names, readable, declared),
        st.tuples(names, readable, declared),
        st.tuples(names, readable, special),  # its metadata a FIFO, a device or a folder
        st.tuples(names, st.tuples(st.sampled_from(fuzz.SUFFIXES), special), any_metadata),
    )


def draw_specs(count: int, seed: int) -> list:
    """``count`` article specs, drawn by hypothesis (``count`` examples of one @given)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded

    drawn: list = []

    def keep(spec) -> None:
        drawn.append(spec)

    test = settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck))(given(build_specs())(keep))
    seeded(seed)(test)()
    return drawn[:count]


def _place(path: Path, content) -> None:
    """Write ``content`` at ``path``: bytes, or a FIFO, a link to a device, or a folder."""
    if content == "fifo":
        os.mkfifo(path)
    elif content in ("zero", "urandom"):
        path.symlink_to(f"/dev/{content}")
    elif content == "folder":
        path.mkdir()
    else:
        path.write_bytes(content)


def write_batch(folder: Path, specs: list, first: int) -> int:
    """Write ``specs`` into ``folder`` (each name led by its number: names stay distinct); return how many."""
    folder.mkdir(parents=True)
    for number, (name, (suffix, content), meta) in enumerate(specs, first):
        stem = f"{number:05}{name}"
        while len(os.fsencode(stem + ".json")) > 250:  # a file name holds at most 255 bytes
            stem = stem[:-1]
        _place(folder / f"{stem}{suffix}", content)
        if meta is not None:
            with contextlib.suppress(FileExistsError):  # "x.json" is the article itself
                _place(folder / f"{stem}.json", meta)
    return len(specs)


LINE = re.compile(r"^timeline-kg: (?:error|note): |^\d+ article\(s\), \d+ event\(s\)")


@dataclass
class BuildOutcome:
    articles: int = 0
    batches: int = 0
    built: int = 0
    refused: int = 0  # error lines
    noted: int = 0  # note lines: the same article again under another name, skipped
    odd_lines: int = 0  # stderr lines that are no error, note or summary (a split line, a warning)
    lost_batches: int = 0  # batches that exited 1 without building anything
    lost: dict[str, str] = field(default_factory=dict)  # batch folder (kept) -> its last stderr line
    seconds: float = 0.0
    tracebacks: dict[str, str] = field(default_factory=dict)  # where raised -> batch folder, message
    traceback_count: int = 0


def run_build(articles: int, per_batch: int, seed: int, work: Path) -> BuildOutcome:
    """``timeline-kg build`` over ``articles`` generated articles, ``per_batch`` to a folder."""
    import contextlib as _contextlib
    import io

    from graph.cli import main as timeline_kg

    outcome = BuildOutcome(articles=articles)
    started = time.monotonic()
    specs = draw_specs(articles, seed)
    print(f"  drew {len(specs):,} articles in {time.monotonic() - started:.0f} s", flush=True)
    for first in range(0, len(specs), per_batch):
        folder = work / f"batch{first // per_batch:04}"
        written = write_batch(folder / "news", specs[first:first + per_batch], first)
        err = io.StringIO()
        argv = ["build", str(folder / "news"), "--store", "memory:", "--out", str(folder / "out"), "--quiet",
                "--jobs", "1"]
        try:
            with _contextlib.redirect_stdout(io.StringIO()), _contextlib.redirect_stderr(err):
                code = timeline_kg(argv)
        except BaseException as error:  # noqa: BLE001 - a traceback is the finding
            if isinstance(error, KeyboardInterrupt):
                raise
            code = None
            outcome.traceback_count += 1
            spot = where_raised(error)
            if spot not in outcome.tracebacks:
                outcome.tracebacks[spot] = f"{folder} | {type(error).__name__}: {str(error)[:300]}"
                print(f"  TRACEBACK {spot} ({folder})", flush=True)
        lines = err.getvalue().splitlines()
        outcome.refused += sum(line.startswith("timeline-kg: error: ") for line in lines)
        outcome.noted += sum(line.startswith("timeline-kg: note: ") for line in lines)
        outcome.odd_lines += sum(not LINE.match(line) for line in lines)
        summary = next((line for line in lines if re.match(r"^\d+ article\(s\)", line)), None)
        outcome.built += int(summary.split()[0]) if summary else 0
        if code == 1 and summary is None and written > 0:
            outcome.lost_batches += 1
            outcome.lost[str(folder)] = lines[-1][:400] if lines else "(nothing on stderr)"
            print(f"  LOST {folder}: {outcome.lost[str(folder)]}", flush=True)
        outcome.batches += 1
        if code is not None and str(folder) not in outcome.lost:
            shutil.rmtree(folder, ignore_errors=True)  # kept only when it raised or was lost
        print(f"  batch {outcome.batches}: {first + written:,} articles, {outcome.built:,} built, "
              f"{outcome.refused:,} refused, {outcome.traceback_count} traceback(s), "
              f"{time.monotonic() - started:.0f} s", flush=True)
    outcome.seconds = time.monotonic() - started
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=25.0, help="total time budget (default 25)")
    parser.add_argument("--engine", choices=("hypothesis", "atheris", "both"), default="hypothesis")
    parser.add_argument("--only", nargs="+", choices=PROPERTY_NAMES, default=list(PROPERTY_NAMES))
    parser.add_argument("--batch", type=int, default=500, help="hypothesis examples per batch (default 500)")
    parser.add_argument("--build-articles", type=int, metavar="N",
                        help="run `timeline-kg build` over N generated articles instead (see above)")
    parser.add_argument("--batch-articles", type=int, default=100, metavar="N",
                        help="articles per build folder with --build-articles (default 100)")
    parser.add_argument("--seed", type=int, default=18, help="hypothesis seed of --build-articles (default 18)")
    parser.add_argument("--atheris-worker", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--artifacts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.atheris_worker:
        atheris_worker(args.atheris_worker, args.seconds, args.artifacts)
        return 0

    from graph.extract.nlp import load_nlp

    load_nlp()  # once, outside the timings
    if args.build_articles:
        return report_build(args)
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


def report_build(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="fuzz-build-"))
    print(f"fuzz campaign: `timeline-kg build` over {args.build_articles:,} articles in folders of "
          f"{args.batch_articles}, seed {args.seed}, {os.cpu_count()} cores, under {work}", flush=True)
    outcome = run_build(args.build_articles, args.batch_articles, args.seed, work)
    print(f"\nsummary\n{outcome.articles:,} articles in {outcome.batches} builds, {outcome.seconds / 60:.1f} min: "
          f"{outcome.built:,} built, {outcome.refused:,} refused in one line each, {outcome.noted:,} skipped as "
          f"the same article again (a note), {outcome.traceback_count} "
          f"traceback(s), {outcome.odd_lines} other stderr line(s), {outcome.lost_batches} batch(es) lost")
    for spot, detail in outcome.tracebacks.items():
        print(f"    {spot}: {detail}")
    for folder, line in outcome.lost.items():
        print(f"    lost {folder}: {line}")
    return 1 if outcome.traceback_count or outcome.odd_lines or outcome.lost_batches else 0


if __name__ == "__main__":
    sys.exit(main())
