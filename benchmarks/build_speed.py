"""Build speed, linking scale, build memory and add speed, each measured in one run (issue 19).

    python benchmarks/build_speed.py [--timeml DIR] [--limit 256] [--rounds 3] [--rss-sizes 500 1000 2000]
                                     [--link-sizes 10000 20000 40000] [--skip-add] [--write docs/build-speed.md]

1. **Build against the parse.** The first ``--limit`` TimeML documents (``--timeml``, else
   ``$TIMELINE_KG_TIMEML``, else ../shared/data/timeml) are linked into a scratch folder. Two whole
   processes run on them, timed by wall clock and CPU seconds, in turn for ``--rounds`` rounds:
   spaCy's pipeline alone (``nlp.pipe`` over the same texts, the model loaded inside) and
   ``timeline-kg build FOLDER --jobs 1``. Words are counted with ``str.split``; the ratio is build
   words/s over spaCy words/s, the median of the rounds' (goal >= 0.6). With dask installed,
   ``timeline-kg build --scheduler`` on a local cluster of two worker processes is timed too and its
   speed-up over ``--jobs 1`` printed.
2. **Linking** ``benchmarks/link_speed.py`` at ``--link-sizes`` (goal: <= 2.3x per doubling, the
   largest under 5 s).
3. **Memory.** ``timeline-kg build --jobs 1`` of ``--rss-sizes`` generated articles (a few sentences
   each, from general templates and lists of real names), peak resident memory of the process
   from ``getrusage`` (goal: under 1.5 GB at 2,000 articles, growing less than the article count).
4. **Add** ``benchmarks/add_speed.py`` (100 articles into a 100k-event store; goal < 0.5 s per
   article beyond the model load), unless ``--skip-add``.

``--write PAGE`` writes the figures, with this command, to a Markdown page.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# the installed command, as a user runs it
CLI = [str(Path(sys.executable).with_name("timeline-kg"))]
SPACY_ALONE = """
import sys
from pathlib import Path
from graph.extract.nlp import DEFAULT_MODELS, _load
from graph.sources.timeml import read_timeml
texts = [read_timeml(Path(p)).text for p in sys.argv[1:]]
nlp = next(nlp for nlp in map(_load, DEFAULT_MODELS) if nlp is not None)
for _ in nlp.pipe(texts):
    pass
"""

PEOPLE = ["Angela Merkel", "Emmanuel Macron", "Justin Trudeau", "Narendra Modi", "Jacinda Ardern", "Shinzo Abe",
          "Cyril Ramaphosa", "Pedro Sanchez", "Mark Rutte", "Recep Tayyip Erdogan", "Moon Jae-in", "Joko Widodo"]
ORGANIZATIONS = ["Siemens", "Toyota", "Nestle", "Unilever", "Samsung", "Airbus", "Boeing", "Shell", "Novartis",
                 "the United Nations", "the World Bank", "the European Commission"]
CITIES = ["Berlin", "Paris", "Ottawa", "New Delhi", "Wellington", "Tokyo", "Pretoria", "Madrid", "Amsterdam",
          "Ankara", "Seoul", "Jakarta", "Nairobi", "Lima", "Oslo"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "yesterday"]
SENTENCES = [
    "{p1} met {p2} in {city} {day} to discuss trade.",
    "{org} announced {day} that it would open a plant in {city}.",
    "{p1} visited {city} {day}, where {p1s} signed an agreement with {org}.",
    "{org} said {day} it had agreed to buy a rival for $3 billion.",
    "Protesters marched in {city} {day} against the plan backed by {p1}.",
    "{p2} told reporters in {city} that talks with {org} would resume next month.",
    "{org} cut {n} jobs in {city} {day}, the company said.",
    "{p1} and {p2} will hold a summit in {city} in {month}.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def words_of(paths: list[Path]) -> int:
    from graph.sources.timeml import read_timeml

    return sum(len(read_timeml(path).text.split()) for path in paths)


# Runs a command and prints its peak resident memory (KiB) last on stderr. A process of its own,
# because RUSAGE_CHILDREN gives the largest of all children so far, not of the last one.
PEAK = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(usage.ru_maxrss, usage.ru_utime + usage.ru_stime, file=sys.stderr)
sys.exit(code)
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    peak: int  # resident bytes
    cpu: float  # user + system seconds


def timed(argv: list[str]) -> Run:
    """Wall seconds, peak resident memory and CPU seconds of a command that must succeed."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *argv], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv[:4]))}... failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    peak, cpu = done.stderr.split()[-2:]
    return Run(seconds, int(peak) * 1024, float(cpu))


def build_against_parse(timeml: Path, limit: int, rounds: int, work: Path, report: list[str]) -> None:
    from graph.sources.timeml import iter_timeml

    paths = list(iter_timeml(timeml))[:limit]
    folder = work / "timeml"
    folder.mkdir()
    for path in paths:
        (folder / path.name).symlink_to(path.resolve())
    words = words_of(paths)
    spacy, build = [], []
    for _ in range(rounds):  # in turn, so that a slow spell of the machine touches both alike
        spacy.append(timed([sys.executable, "-c", SPACY_ALONE, *map(str, paths)]))
        shutil.rmtree(work / "out1", ignore_errors=True)
        build.append(timed([*CLI, "build", str(folder), "--jobs", "1", "--quiet", "--out", str(work / "out1")]))
    ratio = statistics.median(a.seconds / b.seconds for a, b in zip(spacy, build))
    cpu_ratio = statistics.median(a.cpu / b.cpu for a, b in zip(spacy, build))
    report += [f"{len(paths)} TimeML documents, {words:,} words; medians of {rounds} rounds, each running both in turn",
               _line("spaCy pipeline alone (one process)", spacy, words),
               _line("timeline-kg build --jobs 1", build, words),
               f"  ratio of words/s (wall clock) {ratio:.2f} (goal >= 0.6: {'met' if ratio >= 0.6 else 'NOT met'}); "
               f"of words per CPU second {cpu_ratio:.2f}"]
    print("\n".join(report[-4:]), flush=True)
    distributed_speedup(folder, work, statistics.median(run.seconds for run in build), report)


def _line(what: str, runs: list[Run], words: int) -> str:
    seconds = statistics.median(run.seconds for run in runs)
    cpu = statistics.median(run.cpu for run in runs)
    return (f"  {what + ':':37s} {seconds:.1f} s ({', '.join(f'{run.seconds:.1f}' for run in runs)}), "
            f"{words / seconds:,.0f} words/s, {cpu:.1f} CPU s, peak {max(run.peak for run in runs) / 2**30:.2f} GB")


def distributed_speedup(folder: Path, work: Path, local_seconds: float, report: list[str]) -> None:
    try:
        from distributed import LocalCluster
    except ImportError:
        report.append("  (dask.distributed not installed: no distributed build timed)")
        return
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        try:
            seconds = timed([*CLI, "build", str(folder), "--scheduler", cluster.scheduler_address, "--quiet",
                             "--out", str(work / "out-cluster")]).seconds
        except SystemExit as failure:
            report.append(f"  distributed build: {failure}")
            return
    report.append(f"  timeline-kg build --scheduler (local cluster, 2 worker processes): {seconds:.1f} s, "
                  f"{local_seconds / seconds:.2f}x the speed of --jobs 1")
    print(report[-1], flush=True)


def write_articles(folder: Path, count: int, seed: int = 19) -> None:
    """``count`` short articles, each its own mix of templates, names and days, with a date."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for index in range(count):
        sentences = []
        for template in rng.sample(SENTENCES, 5):
            p1, p2 = rng.sample(PEOPLE, 2)
            sentences.append(template.format(p1=p1, p2=p2, p1s="he" if index % 2 else "she", org=rng.choice(ORGANIZATIONS),
                                             city=rng.choice(CITIES), day=rng.choice(DAYS), n=rng.randint(2, 900) * 10,
                                             month=rng.choice(MONTHS)))
        day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        name = f"article-{index:05d}"
        (folder / f"{name}.txt").write_text(f"Report {index}\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
        (folder / f"{name}.json").write_text(f'{{"published": "{day}", "title": "Report {index}"}}', encoding="utf-8")


def memory(sizes: list[int], work: Path, report: list[str]) -> None:
    report.append("peak resident memory of `timeline-kg build --jobs 1` on generated articles")
    peaks = []
    for size in sorted(sizes):
        folder = work / f"generated-{size}"
        write_articles(folder, size)
        run = timed([*CLI, "build", str(folder), "--jobs", "1", "--quiet", "--out", str(work / f"out-{size}")])
        peaks.append((size, run.peak))
        report.append(f"  {size:>6} articles: {run.peak / 2**30:.2f} GB, {run.seconds:.0f} s")
        print(report[-1], flush=True)
    (small, low), (large, high) = peaks[0], peaks[-1]
    report.append(f"  {small} -> {large} articles ({large / small:.0f}x): memory {high / low:.2f}x; largest "
                  f"{'under' if high < 1.5 * 2**30 else 'OVER'} the 1.5 GB goal")


def script(name: str, argv: list[str], report: list[str]) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *argv], capture_output=True, text=True,
                          cwd=ROOT)
    report += [f"python benchmarks/{name} {' '.join(argv)}".rstrip(), *("  " + line for line in done.stdout.splitlines())]
    print("\n".join(report[-len(done.stdout.splitlines()) - 1:]), flush=True)
    if done.returncode != 0:
        report.append(f"  (exit code {done.returncode}: {done.stderr.strip()[-300:]})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeml", type=Path,
                        default=Path(os.environ.get("TIMELINE_KG_TIMEML", ROOT.parent / "shared" / "data" / "timeml")))
    parser.add_argument("--limit", type=int, default=256, help="TimeML documents to build (default 256)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of spaCy alone and the build (default 3)")
    parser.add_argument("--rss-sizes", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--link-sizes", type=int, nargs="+", default=[10000, 20000, 40000])
    parser.add_argument("--skip-add", action="store_true", help="do not run benchmarks/add_speed.py")
    parser.add_argument("--write", type=Path, metavar="PAGE", help="write the figures to this Markdown page")
    args = parser.parse_args(argv)
    report: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="build-speed-"))
    try:
        build_against_parse(args.timeml, args.limit, args.rounds, work, report)
        script("link_speed.py", ["--sizes", *map(str, args.link_sizes)], report)
        memory(args.rss_sizes, work, report)
        if not args.skip_add:
            script("add_speed.py", ["--timeml", str(args.timeml)], report)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.write:
        command = " ".join(["python benchmarks/build_speed.py", *(sys.argv[1:] if argv is None else argv)])
        args.write.write_text(PAGE.format(command=command.rstrip(), figures="\n".join(report)), encoding="utf-8")
    return 0


PAGE = """# Build speed, linking, memory and add

Measured on a 2-core machine, each figure in one run of:

```bash
{command}
```

```text
{figures}
```

The build is timed as whole processes (Python start-up and the model load included on both sides).
Its store loads each article's file on a thread of its own while the next articles are made, so
its CPU seconds exceed its wall-clock seconds; both ratios are given.
Linking is timed in three fresh processes of five rounds each, a round linking every size in turn;
its times are medians and its ratios the median of the rounds' ratios.
The memory runs build generated articles of a few sentences each, from general templates.
"""


if __name__ == "__main__":
    sys.exit(main())
