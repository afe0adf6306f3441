"""The README and the docs pages: the README stays a short page for users that starts with the two
commands CI copies; every command, option, script and link the pages name exists; and every page that
states a measured figure names the command that reproduces it."""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.cli.main import _parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [README, ROOT / "SECURITY.md", *DOCS]

README_MAX_CHARS = 12_500
INSTALL_COMMAND = "pip install . && timeline-kg build"
TEST_COMMAND = ("pip install '.[test]' && python -m pytest --timeml=../shared/data/timeml "
                "--meantime=../shared/data/meantime")

# Shell words that end one command in a code line: what follows is another program or a file.
SEPARATORS = {"|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1"}

# A measured figure in prose: a score (0.842), or a number with a unit of time, speed or ratio
# (4.4 s, 12 ms, 1,082 documents/s, 11.9x, 85%). Version numbers (SPARQL 1.1) and sizes (a limit of
# 1 MB) are none.
FIGURE = re.compile(r"(?<![\w.])0\.\d+(?![\d.])"
                    r"|(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s?%|x\b| s\b|\s?ms\b|\s?[a-z]+/s\b)")


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- reading Markdown -----------------------------------------------------------------------------

def fenced_blocks(text: str) -> list[str]:
    """The contents of the page's fenced code blocks, in order."""
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def prose(text: str) -> str:
    """The page without its fenced code blocks."""
    kept, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def code_spans(text: str) -> list[str]:
    """Inline code spans of a piece of prose; `\\|` (a bar escaped in a table cell) read as `|`."""
    return [span.replace("\\|", "|") for span in re.findall(r"`([^`]+)`", text)]


def code_lines(text: str) -> Iterator[str]:
    """Everything a page writes as code: each line of its fenced blocks, and each inline span."""
    for block in fenced_blocks(text):
        yield from block.splitlines()
    yield from code_spans(prose(text))


def words(code: str) -> list[str]:
    try:
        return shlex.split(code, comments=True)
    except ValueError:  # an unbalanced quote in a fragment: plain words are enough here
        return code.split()


# --- the command line -----------------------------------------------------------------------------

def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def options(parser: argparse.ArgumentParser) -> set[str]:
    """The options of a command and of every command under it (`eval` holds `eval timex`...)."""
    found = {option for action in parser._actions for option in action.option_strings}
    for child in subcommands(parser).values():
        found |= options(child)
    return found


COMMANDS = subcommands(_parser())


def check_command(args: list[str]) -> list[str]:
    """Problems with `timeline-kg ARGS`: an unknown command or target, or an option it does not take.
    A word with bars names alternatives (`eval timex|events`)."""
    if not args or args[0].startswith("-"):
        return []
    if args[0] not in COMMANDS:
        return [f"no command {args[0]!r}"]
    parsers, rest = [COMMANDS[args[0]]], args[1:]
    targets = subcommands(parsers[0])
    if targets and rest and not rest[0].startswith("-"):
        wanted = rest[0].split("|")
        unknown = [target for target in wanted if target not in targets]
        if unknown:
            return [f"no target {args[0]} {' '.join(unknown)}"]
        parsers, rest = [targets[target] for target in wanted], rest[1:]
    known = set().union(*(options(parser) for parser in parsers))
    return [f"{args[0]} takes no {word.split('=')[0]}" for word in rest
            if word.startswith("--") and word.split("=")[0] not in known]


def starts_command(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is where a command starts: first, after a shell separator, or after
    variable assignments (``FUZZ_EXAMPLES=2000 python ...``)."""
    before = []
    for word in reversed(tokens[:i]):
        if word in SEPARATORS:
            break
        before.append(word)
    return all(re.fullmatch(r"[A-Z_][A-Z0-9_]*=\S*", word) for word in before)


def commands_in(code: str) -> Iterator[tuple[str, list[str]]]:
    """Each program a code line runs, as (program, its words up to the next shell separator), for the
    programs checked here: `timeline-kg` (or `python -m graph`) and `python SCRIPT.py`."""
    tokens = words(code)
    for i, token in enumerate(tokens):
        if not starts_command(tokens, i):
            continue  # a word in a message or a sentence ("in use by another timeline-kg process")
        if token == "timeline-kg":
            program, start = "timeline-kg", i + 1
        elif token in ("python", "python3") and tokens[i + 1:i + 3] == ["-m", "graph"]:
            program, start = "timeline-kg", i + 3
        elif token in ("python", "python3") and i + 1 < len(tokens) and tokens[i + 1].endswith(".py"):
            program, start = "python", i + 1
        else:
            continue
        args = []
        for word in tokens[start:]:
            if word in SEPARATORS or word.startswith(">"):
                break
            args.append(word)
        yield program, args


def check_script(args: list[str]) -> list[str]:
    """Problems with `python SCRIPT.py ARGS`: a script not in the repository, or (for the project's
    own scripts) an option its text never mentions."""
    script = args[0]
    path = ROOT / script
    if not path.is_file():
        return [f"no script {script}"]
    if not script.startswith(("benchmarks/", "docs/")):
        return []
    text = path.read_text(encoding="utf-8")
    return [f"{script} takes no {word.split('=')[0]}" for word in args[1:]
            if word.startswith("--") and f'"{word.split("=")[0]}"' not in text]


def table_row_problems(text: str) -> list[str]:
    """A table row that opens with `timeline-kg COMMAND` may list that command's options in its
    other cells (the README's command table): each must be an option of the command."""
    problems = []
    for line in prose(text).splitlines():
        spans = code_spans(line) if line.startswith("|") else []
        if not spans or not spans[0].startswith("timeline-kg "):
            continue
        head = words(spans[0])[1:]
        problems += check_command(head)
        if head and head[0] in COMMANDS:
            known = options(COMMANDS[head[0]])
            problems += [f"{head[0]} takes no {word}" for span in spans[1:] for word in words(span)
                         if word.startswith("--") and word.split("=")[0] not in known]
    return problems


# --- the README -----------------------------------------------------------------------------------

def test_readme_is_short():
    size = len(README.read_text(encoding="utf-8"))
    assert size <= README_MAX_CHARS, (f"README.md has {size:,} characters (at most {README_MAX_CHARS:,}); "
                                      "move details to a page under docs/ and link it")


def test_readme_starts_with_the_install_and_test_commands():
    blocks = fenced_blocks(README.read_text(encoding="utf-8"))
    assert blocks[:2] == [INSTALL_COMMAND, TEST_COMMAND], (
        "the README's first two code blocks must be the install and test commands, unchanged "
        "(.ci/run copies the second one)")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci.splitlines(), ".ci/run must run the README's test command verbatim"


def test_readme_python_example_runs():
    """The README's Python example works as written, from the checkout (it writes nothing)."""
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)
    assert blocks, "README.md has no Python example"
    done = subprocess.run([sys.executable, "-c", "\n".join(blocks)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]


# --- every page -----------------------------------------------------------------------------------

def test_pages_are_found():
    """A check over a file pattern must fail when the pattern matches nothing."""
    assert README.is_file() and len(DOCS) >= 5, f"docs pages found: {DOCS}"


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_commands_and_options_named_exist(page: Path):
    text = page.read_text(encoding="utf-8")
    problems = table_row_problems(text)
    for code in code_lines(text):
        for program, args in commands_in(code):
            found = check_command(args) if program == "timeline-kg" else check_script(args)
            problems += [f"`{code.strip()}`: {problem}" for problem in found]
    assert not problems, f"{relative(page)}:\n" + "\n".join(problems)


def test_pages_name_commands_at_all():
    """The command check must have something to check: a parser change that finds no command in the
    pages would otherwise pass."""
    named = [(program, args) for page in PAGES for code in code_lines(page.read_text(encoding="utf-8"))
             for program, args in commands_in(code)]
    assert sum(program == "timeline-kg" for program, _ in named) >= 20
    assert sum(program == "python" for program, _ in named) >= 5
    assert {args[0] for program, args in named if program == "timeline-kg" and args} >= set(COMMANDS)


def links(text: str) -> list[str]:
    """Targets of Markdown links and images, outside code."""
    outside_code = re.sub(r"`[^`]+`", "", prose(text))
    return re.findall(r"!?\[[^\]]*\]\(([^)\s]+)\)", outside_code)


@pytest.mark.parametrize("page", PAGES, ids=relative)
def test_relative_links_point_to_files(page: Path):
    found = links(page.read_text(encoding="utf-8"))
    missing = []
    for target in found:
        if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # a web address, or a place on this page
        path = (page.parent / target.split("#")[0]).resolve()
        if not path.exists():
            missing.append(target)
    assert not missing, f"{relative(page)} links to missing files: {missing}"


def test_readme_links_every_docs_page_and_the_screenshots():
    targets = set(links(README.read_text(encoding="utf-8")))
    unlinked = [relative(page) for page in DOCS if relative(page) not in targets]
    assert not unlinked, f"README.md links to no {unlinked}"
    screenshots = {"docs/graph-view.png", "docs/graph-view-time-axis.png", "docs/timeline-view.png",
                   "docs/query-page.png"}
    assert screenshots <= targets, f"README.md shows no {sorted(screenshots - targets)}"


def names_a_command(text: str) -> bool:
    """A code line or span that runs a script (`python benchmarks/x.py ...`) or a `timeline-kg`
    command with what it runs on (`timeline-kg eval timex GOLD`; a bare `timeline-kg serve` in a
    sentence names the command, not a run of it)."""
    for code in code_lines(text):
        for program, args in commands_in(code):
            targets = subcommands(COMMANDS[args[0]]) if args and args[0] in COMMANDS else {}
            if program == "python" or len(args) > (2 if targets else 1):
                return True
    return False


def sections(text: str) -> list[str]:
    """The page cut at its headings, each piece with its heading (a `# comment` in a code block is
    no heading)."""
    parts, inside = [[]], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = not inside
        elif not inside and re.match(r"#{1,6} ", line):
            parts.append([])
        parts[-1].append(line)
    return ["\n".join(part) for part in parts if part]


def unbacked_figure(section: str) -> str | None:
    """A measured figure the section states in prose without naming a command, or None."""
    figure = FIGURE.search(re.sub(r"`[^`]+`", "", prose(section)))
    return figure.group() if figure and not names_a_command(section) else None


@pytest.mark.parametrize("page", [ROOT / "SECURITY.md", *DOCS], ids=relative)
def test_measured_figures_stand_beside_the_command_behind_them(page: Path):
    """Each section that states a measured figure names a command that reproduces it."""
    unbacked = [(part.splitlines()[0], figure) for part in sections(page.read_text(encoding="utf-8"))
                if (figure := unbacked_figure(part))]
    assert not unbacked, (f"{relative(page)} states measured figures without a command beside them: "
                          f"{unbacked}; put the `timeline-kg ...` or `python benchmarks/...` command that "
                          "reproduces them in the same section, or drop them")


@pytest.mark.parametrize(("code", "problems"), [
    ("timeline-kg build --out out/", []),
    ("timeline-kg buidl", ["no command 'buidl'"]),
    ("timeline-kg build --no-such-option", ["build takes no --no-such-option"]),
    ("timeline-kg eval timex GOLD --pred p.jsonl", []),
    ("timeline-kg eval timex GOLD --sample 3", ["eval takes no --sample"]),
    ("timeline-kg eval timex|events GOLD --sample 3", []),
    ("timeline-kg eval nothing GOLD", ["no target eval nothing"]),
    ("timeline-kg query --param name=X --format=csv > out.csv --bogus", []),
    ("python -m graph serve --port 0 --bogus", ["serve takes no --bogus"]),
    ("X=1 timeline-kg serve --bogus", ["serve takes no --bogus"]),
    ("out/store: in use by another timeline-kg process", []),
])
def test_command_check_catches_unknown_commands_and_options(code, problems):
    found = [problem for program, args in commands_in(code) for problem in check_command(args)]
    assert found == problems


@pytest.mark.parametrize(("code", "problems"), [
    ("python benchmarks/store_speed.py --events 10000 100000", []),
    ("python benchmarks/store_speed.py --no-such-option", ["benchmarks/store_speed.py takes no --no-such-option"]),
    ("python benchmarks/no_such_script.py", ["no script benchmarks/no_such_script.py"]),
])
def test_script_check_catches_missing_scripts_and_options(code, problems):
    found = [problem for program, args in commands_in(code) for problem in check_script(args)]
    assert found == problems


@pytest.mark.parametrize(("section", "unbacked"), [
    ("## Speed\n\nThe timeline query takes 4.4 s.\n", "4.4 s"),
    ("## Scores\n\n| value F1 | 0.833 |\n", "0.833"),
    ("## Scores\n\n```bash\ntimeline-kg eval timex GOLD\n```\n\n| value F1 | 0.833 |\n", None),
    ("## Speed\n\n`python benchmarks/store_speed.py` gives 1.18x.\n", None),
    ("## Load\n\n`timeline-kg serve` answers in 519 ms.\n", "519 ms"),
    ("## Scores: `timeline-kg eval timex`\n\n| value F1 | 0.833 |\n", "0.833"),
    ("## Remote stores\n\nAny SPARQL 1.1 server on 127.0.0.1, CC BY 4.0.\n", None),
    ("## Speed\n\n```bash\n# the whole run\npython benchmarks/store_speed.py\n```\n\nIt takes 4.4 s.\n", None),
])
def test_figure_check_wants_a_command_in_the_same_section(section, unbacked):
    assert unbacked_figure(section) == unbacked
