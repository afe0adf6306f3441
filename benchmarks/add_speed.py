"""Adding articles to a big store: seconds per article of one ``timeline-kg add`` process, beyond
its start-up and the model load.

    python benchmarks/add_speed.py [--events 100000] [--articles 100] [--timeml DIR]
                                   [--modes arguments stdin] [--profile] [--keep DIR]

The goal (issue 19): adding 100 articles with one ``add`` call to a 100k-event store takes less than
0.5 s per article beyond the model load.

1. A synthetic store of ``--events`` events (``benchmarks/synthetic_graph.py``, bulk-loaded as
   ``benchmarks/endpoint_load.py`` builds it).
2. ``--articles`` real articles per mode: TimeML documents of the TempEval-3 corpus (``--timeml``,
   else ``$TIMELINE_KG_TIMEML``, else ../shared/data/timeml), the first ones by name, or, without
   the corpus, the story articles of ``tests/data/story`` each with its own closing line.
3. Each mode is one ``timeline-kg add ... --no-views`` process (the views are rewritten once per
   call, not per article; on a big store they take long, see docs/stores.md): ``arguments`` gives
   the files as arguments (one transaction, extraction in one process per core), ``stdin`` lists
   them on stdin with ``-`` (one transaction per article, each line printed as it is stored).
4. The fixed cost of a process, measured in the same run: ``timeline-kg add`` of one article the
   store already holds (Python, imports, the store opened, one lookup; no model is loaded for it),
   plus the spaCy model load timed inside a process that has imported spaCy already.

Seconds per article = (the mode's wall time - the fixed cost) / articles. ``--profile`` then adds one
more set of articles with ``add -`` under cProfile (not timed) and prints where its time goes.
"""

from __future__ import annotations

import argparse
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from endpoint_load import build_store  # noqa: E402

GOAL_SECONDS = 0.5
STORY = ROOT / "tests" / "data" / "story"
MODEL_LOAD = """import time
import graph.extract.nlp as nlp
started = time.perf_counter()
nlp.load_nlp()
print(time.perf_counter() - started)
"""


def articles(folder: Path, count: int, offset: int, timeml: Path | None) -> list[Path]:
    """``count`` articles copied into ``folder``: TimeML documents ``offset`` on, else story variants."""
    folder.mkdir(parents=True)
    corpus = sorted(timeml.rglob("*.tml")) if timeml is not None and timeml.is_dir() else []
    if len(corpus) >= offset + count:
        chosen = corpus[offset:offset + count]
        for source in chosen:
            shutil.copy(source, folder / source.name)
        return [folder / source.name for source in chosen]
    paths = []
    stories = sorted(STORY.glob("*.txt"))
    for i in range(offset, offset + count):
        source = stories[i % len(stories)]
        path = folder / f"v{i:04d}_{source.stem}.txt"
        path.write_text(source.read_text(encoding="utf-8") + f"\nDesk note {i}.\n", encoding="utf-8")
        shutil.copy(source.with_suffix(".json"), path.with_suffix(".json"))
        paths.append(path)
    return paths


def timed_add(argv: list[str], work: Path, stdin: str | None = None, profile: Path | None = None
              ) -> tuple[float, subprocess.CompletedProcess]:
    """Wall seconds of one ``timeline-kg add ARGV`` process writing into ``work``."""
    runner = [sys.executable, *(["-m", "cProfile", "-o", str(profile)] if profile else []), "-m", "graph"]
    command = [*runner, "add", *argv, "--store", str(work / "store"), "--out", str(work / "out"),
               "--sources", str(work / "sources"), "--no-views"]
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - started, done


def model_load_seconds() -> float:
    done = subprocess.run([sys.executable, "-c", MODEL_LOAD], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="synthetic store size in events (default 100000)")
    parser.add_argument("--articles", type=int, default=100, help="articles added per mode (default 100)")
    parser.add_argument("--timeml", type=Path,
                        default=Path(os.environ.get("TIMELINE_KG_TIMEML") or ROOT.parent / "shared" / "data" / "timeml"),
                        help="TimeML corpus to take the articles from (default: $TIMELINE_KG_TIMEML, else "
                             "../shared/data/timeml; missing: the story articles, varied)")
    parser.add_argument("--modes", nargs="+", choices=("arguments", "stdin"), default=["arguments", "stdin"],
                        help="how the articles are given to add (default: both)")
    parser.add_argument("--profile", action="store_true", help="run the stdin mode under cProfile; print the top")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="add-speed-"))
    try:
        return _run(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(args: argparse.Namespace, work: Path) -> int:
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build_store(work, args.events)
    print(f"store: {args.events:,} synthetic events, built in {time.perf_counter() - started:.1f} s")
    modes = {mode: articles(work / mode, args.articles, i * args.articles, args.timeml)
             for i, mode in enumerate(args.modes)}
    kind = "TimeML documents" if modes[args.modes[0]][0].suffix == ".tml" else "story variants"
    print(f"articles: {args.articles} {kind} per mode")

    results: dict[str, float] = {}
    for mode, paths in modes.items():
        if mode == "arguments":
            seconds, done = timed_add([str(p) for p in paths], work)
        else:
            seconds, done = timed_add(["-"], work, stdin="\n".join(map(str, paths)) + "\n")
        added = sum(line.startswith("added:") for line in done.stdout.splitlines())
        failed = [line for line in done.stderr.splitlines() if ": error:" in line]
        print(f"{mode}: {seconds:.1f} s for {added} added, {len(failed)} failed (exit code {done.returncode})")
        for line in (failed or done.stderr.splitlines()[-5:] if done.returncode else failed)[:5]:
            print(f"  {line}")
        results[mode] = seconds

    held = next(iter(modes.values()))[0]
    start_up, done = timed_add([str(held)], work)
    assert done.stdout.startswith("already present"), done.stdout + done.stderr
    model = model_load_seconds()
    fixed = start_up + model
    print(f"fixed cost of a process: {fixed:.2f} s (start-up, store opened, one lookup: {start_up:.2f} s; "
          f"model load: {model:.2f} s)")

    met = True
    for mode, seconds in results.items():
        per_article = (seconds - fixed) / args.articles
        verdict = "met" if per_article < GOAL_SECONDS else "NOT met"
        met = met and per_article < GOAL_SECONDS
        print(f"{mode}: {per_article:.3f} s per article beyond the model load; goal < {GOAL_SECONDS} s: {verdict}")
    if args.profile:
        _profile(work, args)
    return 0 if met else 1


def _profile(work: Path, args: argparse.Namespace) -> None:
    """``add -`` of a further set of articles under cProfile (slower: not one of the timed runs)."""
    paths = articles(work / "profiled", args.articles, len(args.modes) * args.articles, args.timeml)
    profile = work / "stdin.prof"
    seconds, done = timed_add(["-"], work, stdin="\n".join(map(str, paths)) + "\n", profile=profile)
    print(f"\nadd - of {len(paths)} more articles under cProfile: {seconds:.1f} s (exit code {done.returncode}); "
          "by cumulative time:")
    pstats.Stats(str(profile), stream=sys.stdout).sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    sys.exit(main())
