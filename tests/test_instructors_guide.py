"""The instructors' guide (book/instructors.md) is tested like code: its Python examples run,
its glue examples glue every name their prose formats, every command it gives exists, and it
covers each journey an instructor takes (rebrand, new chapter, glossary term, folded solution,
changed default, publishing and releasing)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructors.md"

#: A fenced block: its fence (``` or ````), its info string and its text.
BLOCK = re.compile(r"^(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)\s*$", re.M | re.S)
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n((?::[^\n]*\n)*)(.*?)^```\s*$", re.M | re.S)
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([\w]+)(?::([^`]*))?`")


def blocks(text: str, *infos: str) -> list[str]:
    return [m.group("body") for m in BLOCK.finditer(text)
            if m.group("info").strip() in infos]


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


class Recorder:
    """Stands in for csmlab.display.glue while an example runs: records name -> value."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def __call__(self, name: str, value: object, display: bool = False) -> None:
        self.values[name] = value


def run_glue_example(md: str, monkeypatch) -> dict[str, object]:
    """Run a MyST example's code cells; return what they glued."""
    import csmlab.display

    recorder = Recorder()
    monkeypatch.setattr(csmlab.display, "glue", recorder)
    namespace: dict[str, object] = {}
    for _, code in CODE_CELL.findall(md):
        exec(compile(code, str(GUIDE), "exec"), namespace)  # noqa: S102 (the guide's own example)
    return recorder.values


def glue_problems(md: str, glued: dict[str, object]) -> list[str]:
    """Every {glue:text}`name:spec` in ``md`` whose name was not glued or whose spec fails."""
    problems = []
    for name, spec in GLUE_ROLE.findall(md):
        if name not in glued:
            problems.append(f"{name} is not glued (glued: {sorted(glued)[:12]} ...)")
            continue
        try:
            format(glued[name], spec or "")
        except (TypeError, ValueError) as err:
            problems.append(f"{name}:{spec}: {err}")
    return problems


def glue_examples(text: str) -> list[str]:
    return [b for b in blocks(text, "md") if "{code-cell}" in b and "{glue" in b]


def test_the_guide_has_glue_examples():
    assert glue_examples(guide()), "the guide should show how to glue a number into prose"


@pytest.mark.parametrize("index", range(len(glue_examples(guide()))))
def test_glue_examples_run_and_glue_what_their_prose_formats(index, monkeypatch):
    md = glue_examples(guide())[index]
    problems = glue_problems(md, run_glue_example(md, monkeypatch))
    assert not problems, f"book/instructors.md, glue example {index + 1}: {problems}"


def test_glue_check_catches_a_wrong_field(monkeypatch):
    """The guide once used hi_ratio and hi_share; the field is hi_return_ratio."""
    md = glue_examples(guide())[0]
    broken = md.replace("hi_return_ratio", "hi_ratio")
    assert glue_problems(broken, run_glue_example(broken, monkeypatch))


@pytest.mark.parametrize("index", range(len(blocks(guide(), "python"))))
def test_python_examples_run(index):
    code = blocks(guide(), "python")[index]
    exec(compile(code, str(GUIDE), "exec"), {})  # noqa: S102


def shell_commands(text: str) -> list[str]:
    """Every command line of the guide's bash blocks, and every `make ...` in its prose."""
    lines = []
    for body in blocks(text, "bash", "sh", "shell"):
        joined = body.replace("\\\n", " ")
        for line in joined.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                lines.append(line)
    lines += re.findall(r"`(make [^`]+)`", text)
    return lines


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.M))


def command_problems(command: str) -> list[str]:
    """Why a command the guide gives would not work here (empty if it would)."""
    problems = []
    for part in re.split(r"\s*(?:&&|;)\s*", command):
        words = shlex.split(part)
        if not words:
            continue
        if words[0] == "make":
            for target in (w for w in words[1:] if "=" not in w):
                if target not in makefile_targets():
                    problems.append(f"`{part}`: the Makefile has no target {target!r}")
        elif words[0].startswith(".venv/bin/"):
            tool = words[0].removeprefix(".venv/bin/")
            if tool in ("python", "python3"):
                script = next((w for w in words[1:] if w.endswith(".py")), None)
                if script and not (ROOT / script).exists():
                    problems.append(f"`{part}`: {script} does not exist")
            elif not (Path(sys.executable).parent / tool).exists():
                problems.append(f"`{part}`: {tool} is not installed in the environment")
        elif words[0] == "git":
            continue
        else:
            problems.append(f"`{part}`: the guide's commands start with make, .venv/bin/ or git")
    return problems


def test_every_command_in_the_guide_exists():
    problems = [p for c in shell_commands(guide()) for p in command_problems(c)]
    assert not problems, f"book/instructors.md gives commands that do not work: {problems}"


def test_command_check_catches_a_missing_target_and_script():
    assert command_problems("make publish")
    assert command_problems(".venv/bin/python scripts/rebrand.py URL")
    assert not command_problems("make notebooks CHAPTER=05")


def argparse_scripts(text: str) -> list[str]:
    found = set(re.findall(r"scripts/(\w+\.py)", text))
    return sorted(s for s in found if "argparse" in (ROOT / "scripts" / s).read_text())


@pytest.mark.parametrize("script", argparse_scripts(guide()))
def test_scripts_the_guide_names_start(script):
    proc = subprocess.run([sys.executable, f"scripts/{script}", "--help"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"scripts/{script} --help:\n{proc.stderr[-2000:]}"


#: Each journey, and what the guide must say for it.
JOURNEYS = {
    "rebrand": ["scripts/set_repo_url.py", "--title", "book/intro.md", "_config.yml"],
    "new chapter": ["make chapter", "_toc.yml", "make notebooks CHAPTER=", "00_getting_started"],
    "glossary term": ["scripts/add_term.py", "{term}"],
    "folded solution": [":class: dropdown", "<details>"],
    "change a default": ["src/csmlab/cases/", "pins", "make notebooks CHAPTER=07"],
    "stale notebook": ["make stale"],
    "publish": ["https://OWNER.github.io/REPO/", "GitHub Actions", "Deploy from a branch",
                "gh-pages", "/ (root)", "ghp-import"],
    "release": ["make release VERSION=", "git tag v", "git push origin", "CHANGELOG.md"],
}


@pytest.mark.parametrize("journey", JOURNEYS)
def test_the_guide_covers_each_journey(journey):
    text = guide()
    missing = [s for s in JOURNEYS[journey] if s not in text]
    assert not missing, f"book/instructors.md does not cover {journey!r}: missing {missing}"
