"""The student edition of a chapter: plain Jupyter Markdown that any notebook viewer renders.

``make notebooks`` (scripts/run_notebooks.py) executes each chapter's ``.md`` and writes the
instructor's notebook (``notebooks/instructor/``, MyST, with every cell). From that executed
notebook this module writes ``notebooks/student/NN_name.ipynb``, which the site's Colab, Binder and download buttons
and ``make lab`` open:

* glued numbers are put into the prose with their format applied (``${glue:text}`net:,.0f```
  becomes ``$7,400,000``), so the text reads as on the site in Jupyter, Colab, VS Code or
  GitHub's viewer, none of which knows MyST;
* ``{term}`` becomes a link to the site's glossary, ``{cite}`` an author-year link to the
  references page, ``{doc}``, ``{ref}`` and ``{numref}`` the target's title linked on the site,
  ``{math}`` Jupyter's ``$...$``; a literal ``$`` (a price) is written as an HTML entity so that no
  viewer reads it as maths;
* admonitions and learning objectives become block quotes, figures images with a caption,
  exercises headings, and each solution is folded in ``<details>``;
* after each exercise whose solution states computed values comes a cell
  ``check("ex-…", ...)`` (:mod:`csmlab.check`), whose key, made from the chapter's glued values,
  holds salted hashes only;
* code cells the site removes (``remove-cell``) or whose input it removes stay, collapsed
  (they define what later cells use); hidden cells that only compute the solutions' numbers move
  after the exercises, so nothing above an exercise gives its answer away.

A MyST construct this module does not know stops the generation with its name, so no role or
directive reaches a student (tests/test_student_edition.py scans every cell as well).
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
STUDENT = NOTEBOOKS / "student"

GLUE_PREFIX = "application/papermill.record/"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

#: A MyST role: ``{name}`` directly followed by a run of backticks.
ROLE = re.compile(r"\{([A-Za-z][\w:+-]*)\}(`+)")
#: Opening fence of a directive (backticks or colons, MyST's colon_fence).
DIRECTIVE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<arg>.*)$")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
TARGET = re.compile(r"^\s*\(([\w:.-]+)\)=\s*$")

ADMONITIONS = {"note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important",
               "caution": "Caution", "attention": "Attention", "danger": "Danger",
               "error": "Error", "hint": "Hint", "seealso": "See also", "margin": "",
               "sidebar": "", "epigraph": "", "topic": "", "dropdown": ""}


class EditionError(RuntimeError):
    """A chapter the student edition cannot be written for; the message names the construct."""


def site_url() -> str:
    """The published site (GitHub Pages of the repository in _config.yml), ending in ``/``."""
    from set_repo_url import current, site_from_repository

    return site_from_repository(current()[0])


def make_anchor(text: str) -> str:
    """The id Sphinx gives a glossary term, a label or a section (``term-`` + this for terms)."""
    from sphinx.util.nodes import _make_id

    return _make_id(text)


# ---------------------------------------------------------------------------------------
# What the whole book knows: page titles, labels, exercise numbers, glossary terms

def _title(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("_", " ")


@dataclass
class Book:
    """Targets that roles refer to, read from the book's sources."""

    titles: dict[str, str] = field(default_factory=dict)        # docname -> title
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # label -> (docname, text)
    terms: dict[str, str] = field(default_factory=dict)         # lowercased term -> term

    @classmethod
    def read(cls) -> Book:
        book = cls()
        pages = sorted((ROOT / "book").glob("*.md")) + sorted(NOTEBOOKS.glob("[0-9][0-9]_*.md"))
        for path in pages:
            doc = path.relative_to(ROOT).with_suffix("").as_posix()
            book.titles[doc] = _title(path)
            lines = path.read_text(encoding="utf-8").splitlines()
            number = 0
            for i, line in enumerate(lines):
                target = TARGET.match(line)
                if target:
                    heading = next((ln for ln in lines[i + 1:] if ln.strip()), "")
                    book.labels[target.group(1)] = (doc, heading.lstrip("#").strip())
                opening = DIRECTIVE.match(line)
                if opening and opening.group("name") == "exercise":
                    number += 1
                    for opt in lines[i + 1:i + 6]:
                        m = re.match(r"^:label:\s*(\S+)", opt)
                        if m:
                            book.labels[m.group(1)] = (doc, f"Exercise {number}")
                if opening:
                    for opt in lines[i + 1:i + 8]:
                        m = re.match(r"^:name:\s*(\S+)", opt)
                        if m:
                            book.labels[m.group(1)] = (doc, opening.group("arg").strip())
                        if not opt.startswith(":"):
                            break
        glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
        for line in glossary.splitlines():
            if line and not line[0].isspace() and not line.startswith(("#", "`", ":")) and (
                    len(line) < 80 and not line.endswith(".")):
                book.terms[line.strip().lower()] = line.strip()
        return book

    def page(self, doc: str) -> str:
        return f"{site_url()}{doc}.html"


# ---------------------------------------------------------------------------------------
# Inline text: roles, escapes

#: A literal dollar sign (a price). Neither ``$`` nor ``\$`` survives JupyterLab, which pairs any
#: two dollars of a paragraph into a formula (MathJax runs on the rendered page), nor does GitHub's
#: ``<span>$</span>``. The entity is no dollar to the viewers that find maths in the Markdown
#: (Colab, VS Code, GitHub); the class keeps MathJax off it in JupyterLab and Notebook
#: (tests/test_student_lab.py shows "$7,200,000" in JupyterLab).
DOLLAR = '<span class="tex2jax_ignore">&#36;</span>'


def escape(text: str) -> str:
    """Literal text for Jupyter Markdown: a ``$`` is a price, not maths."""
    return re.sub(r"\\?\$", DOLLAR, text)


def escape_value(text: str) -> str:
    """A glued value inside a sentence: no character of it may start markup."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text).replace("$", DOLLAR)


@dataclass
class Chapter:
    """One chapter being converted: its glued values and what its prose used."""

    stem: str
    book: Book
    glue: dict[str, str]
    used: dict[str, set[str]] = field(default_factory=lambda: {"solution": set(), "prose": set()})
    # exercise label -> [(value, spec, text before)] as the solution shows them
    answers: dict[str, list[tuple[Any, str, str]]] = field(default_factory=dict)
    exercises: list[str] = field(default_factory=list)
    in_solution: str | None = None

    @property
    def doc(self) -> str:
        return f"notebooks/{self.stem}"

    def value(self, name: str) -> Any:
        if name not in self.glue:
            raise EditionError(f"{self.stem}: the prose uses glue {name!r}, which no cell glues")
        text = self.glue[name]
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else text

    # -- roles -------------------------------------------------------------------------
    def role(self, name: str, content: str, before: str) -> str:
        explicit = re.fullmatch(r"(.+?)\s*<([^<>]+)>", content.strip(), re.S)
        text, target = (explicit.group(1), explicit.group(2)) if explicit else (None, content.strip())
        if name in ("glue", "glue:text", "glue:any", "glue:md"):
            key, _, spec = target.partition(":")
            key = key.strip()
            self.used["solution" if self.in_solution else "prose"].add(key)
            value = self.value(key)
            shown = format(value, spec) if spec else str(value)
            if self.in_solution:
                slots = self.answers.setdefault(self.in_solution, [])
                entry = (value, spec, "$" if before.endswith(DOLLAR) else before[-1:])
                if entry not in slots:
                    slots.append(entry)
            return shown if name == "glue:md" else escape_value(shown)
        if name == "term":
            term = self.book.terms.get(target.lower())
            if term is None:
                raise EditionError(f"{self.stem}: {{term}}`{content}` is not in the glossary")
            link = f"{self.book.page('book/glossary')}#{make_anchor('term-' + term)}"
            return f"[{escape(text or target)}]({link})"
        if name in ("cite", "cite:p", "cite:t", "cite:ps", "cite:ts", "cite:author", "cite:year"):
            from csmlab.citations import LABELS

            keys = [k.strip() for k in target.split(",") if k.strip()]
            missing = [k for k in keys if k not in LABELS]
            if missing:
                raise EditionError(f"{self.stem}: citation keys not in references.bib: {missing}")
            link = self.book.page("book/references")
            parts = [LABELS[k].rsplit(" ", 1) for k in keys]
            if name.startswith("cite:t"):
                return "; ".join(f"[{who} ({year})]({link})" for who, year in parts)
            if name == "cite:author":
                return "; ".join(f"[{who}]({link})" for who, _ in parts)
            if name == "cite:year":
                return "; ".join(f"[{year}]({link})" for _, year in parts)
            return "(" + "; ".join(f"[{who}, {year}]({link})" for who, year in parts) + ")"
        if name == "doc":
            here = Path(self.doc).parent
            doc = (here / target).as_posix() if not target.startswith("/") else target[1:]
            doc = re.sub(r"[^/]+/\.\./", "", doc).removesuffix(".md").removesuffix(".ipynb")
            if doc not in self.book.titles:
                raise EditionError(f"{self.stem}: {{doc}}`{content}` names no page")
            return f"[{escape(text or self.book.titles[doc])}]({self.book.page(doc)})"
        if name in ("ref", "numref"):
            if target not in self.book.labels:
                raise EditionError(f"{self.stem}: {{{name}}}`{content}` names no label")
            doc, title = self.book.labels[target]
            shown = text or title
            if name == "numref" and text and "%s" in text:
                shown = text.replace("%s", re.sub(r"^\D*", "", title))
            return f"[{escape(shown)}]({self.book.page(doc)}#{make_anchor(target)})"
        if name in ("math", "eq"):
            return f"${target}$" if name == "math" else f"({escape(target)})"
        if name in ("sub", "sup", "kbd"):
            return f"<{name}>{escape(target)}</{name}>"
        if name == "abbr":
            return escape(text or target)
        if name == "download":
            return f"[{escape(text or target)}]({target})"
        raise EditionError(f"{self.stem}: the role {{{name}}} has no plain-Markdown form; "
                           "add one in scripts/student_edition.py")

    def inline(self, text: str) -> str:
        """Roles replaced and prices escaped in a run of Markdown text (code spans kept)."""
        out: list[str] = []
        i = 0
        while i < len(text):
            role = ROLE.match(text, i)
            if role:
                ticks = role.group(2)
                end = text.find(ticks, role.end())
                if end < 0:
                    raise EditionError(f"{self.stem}: unclosed role {role.group(0)!r}")
                out.append(self.role(role.group(1), text[role.end():end], "".join(out)))
                i = end + len(ticks)
                continue
            if text[i] == "`":
                run = re.match(r"`+", text[i:]).group(0)
                end = text.find(run, i + len(run))
                if end >= 0:
                    out.append(text[i:end + len(run)])
                    i = end + len(run)
                    continue
            if text[i] == "\\" and i + 1 < len(text):
                out.append(DOLLAR if text[i + 1] == "$" else text[i:i + 2])
                i += 2
                continue
            out.append(DOLLAR if text[i] == "$" else text[i])
            i += 1
        return "".join(out)

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, text: str) -> list[tuple[str, str]]:
        """Convert a Markdown cell; return segments ``("md", text)`` and ``("check", label)``."""
        segments: list[tuple[str, str]] = []
        para: list[str] = []

        def flush() -> None:
            if para:
                segments.append(("md", self.inline("\n".join(para))))
                para.clear()

        lines = text.split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            opening = DIRECTIVE.match(line)
            plain = FENCE.match(line) if not opening else None
            if TARGET.match(line):
                i += 1
                continue
            if re.match(r"^%", line) or line.strip() == "+++":
                i += 1
                continue
            if opening or plain:
                fence = (opening or plain).group("fence")
                body: list[str] = []
                j = i + 1
                closer = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
                while j < len(lines) and not closer.match(lines[j]):
                    body.append(lines[j])
                    j += 1
                if j == len(lines):
                    raise EditionError(f"{self.stem}: unclosed fence {line!r}")
                flush()
                if plain:
                    segments.append(("md", "\n".join([line, *body, lines[j]])))
                else:
                    segments.extend(self.directive(opening.group("name"),
                                                   opening.group("arg").strip(), body))
                i = j + 1
                continue
            para.append(line)
            i += 1
        flush()
        return segments

    def directive(self, name: str, arg: str, body: list[str]) -> list[tuple[str, str]]:
        options: dict[str, str] = {}
        while body and re.match(r"^:[\w-]+:", body[0]):
            key, _, value = body.pop(0)[1:].partition(":")
            options[key] = value.strip()
        if body and body[0].strip() == "---":
            end = body.index("---", 1) if "---" in body[1:] else 0
            body = body[end + 1:]
        content = "\n".join(body).strip("\n")

        def markdown(text: str) -> str:
            parts = self.blocks(text)
            if any(kind != "md" for kind, _ in parts):
                raise EditionError(f"{self.stem}: an exercise inside a {{{name}}} directive")
            return "\n\n".join(t for _, t in parts)

        if name == "exercise":
            label = options.get("label", f"exercise-{len(self.exercises) + 1}")
            self.exercises.append(label)
            title = f"Exercise {len(self.exercises)}" + (f": {self.inline(arg)}" if arg else "")
            return [("exercise", f"### {title}\n\n{markdown(content)}"), ("check", label)]
        if name == "solution":
            label = arg.split()[0] if arg else ""
            number = self.exercises.index(label) + 1 if label in self.exercises else None
            self.in_solution = label
            try:
                inner = markdown(content)
            finally:
                self.in_solution = None
            summary = f"Solution to exercise {number}" if number else "Solution"
            return [("solution", f"<details>\n<summary><b>{summary}</b> (click to open)</summary>"
                                  f"\n\n{inner}\n\n</details>")]
        if name == "math":
            return [("md", f"$$\n{content}\n$$")]
        if name in ("figure", "image"):
            alt = options.get("alt", "")
            image = f"![{escape(alt)}]({arg})"
            return [("md", image + (f"\n\n*{markdown(content)}*" if content.strip() else ""))]
        if name == "admonition" or name in ADMONITIONS:
            title = self.inline(arg) if name == "admonition" else (
                self.inline(arg) or ADMONITIONS[name])
            inner = markdown(content)
            if "dropdown" in options.get("class", "") or name == "dropdown":
                return [("md", f"<details>\n<summary><b>{title}</b></summary>\n\n{inner}\n\n"
                               "</details>")]
            quoted = "\n".join(f"> {ln}" if ln else ">" for ln in inner.split("\n"))
            return [("md", (f"> **{title}**\n>\n" if title else "") + quoted)]
        raise EditionError(f"{self.stem}: the directive {{{name}}} has no plain-Markdown form; "
                           "add one in scripts/student_edition.py")


# ---------------------------------------------------------------------------------------
# The notebook

def glued(nb: nbformat.NotebookNode) -> tuple[dict[str, str], dict[int, set[str]]]:
    """Every glued value (its text/plain form) and the names each code cell glues."""
    values: dict[str, str] = {}
    by_cell: dict[int, set[str]] = {}
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            scrap = out.get("metadata", {}).get("scrapbook")
            if scrap:
                data = out.get("data", {})
                text = data.get(scrap.get("mime_prefix", "") + "text/plain",
                                data.get("text/plain", ""))
                values[scrap["name"]] = text
                by_cell.setdefault(index, set()).add(scrap["name"])
    return values, by_cell


#: What a rebrand or a release rewrites in a cell (scripts/set_repo_url.py, scripts/release.py):
#: the repository and tag the Colab cell installs, and the site the student edition links to.
#: Cell ids are hashed with these masked, so neither changes an id.
_REPOSITORY = re.compile(r"git\+https://github\.com/[\w.-]+/[\w.-]+@[\w.+-]+")
_SITE = re.compile(r"https://[\w-]+\.github\.io/[\w.-]+/")


def cell_id(cell_type: str, source: str, seen: dict[str, int]) -> str:
    """A cell's id: a hash of its type and text (jupytext would draw random ones), so that an
    unchanged chapter regenerates to identical bytes and an edit changes one id.

    The repository, release tag and site URL are masked first, so that rebranding
    (set_repo_url.py) or releasing (release.py) rewrites cells without changing their ids.
    A repeated text gets ``-2``, ``-3`` ... (``seen`` counts them within one notebook).
    """
    text = _SITE.sub("https://SITE/", _REPOSITORY.sub("git+REPOSITORY@TAG", source))
    digest = hashlib.sha1(f"{cell_type}\n{text}".encode()).hexdigest()[:10]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


_id = cell_id


def _hidden(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    tags = set(cell.metadata.get("tags", []))
    jupyter: dict[str, bool] = {}
    if tags & {"remove-cell", "remove-input", "hide-input", "hide-cell"}:
        jupyter["source_hidden"] = True
    if tags & {"remove-cell", "remove-output", "hide-output", "hide-cell"}:
        jupyter["outputs_hidden"] = True
    new = nbformat.v4.new_code_cell(cell.source, outputs=cell.outputs)
    new.metadata = {k: v for k, v in cell.metadata.items() if k not in ("execution",)}
    if jupyter:
        new.metadata["jupyter"] = jupyter
        if jupyter.get("source_hidden"):
            new.metadata["cellView"] = "form"     # Colab's name for a collapsed cell
    return new


def key_cell(stem: str, key: str) -> nbformat.NotebookNode:
    source = ("# Answer checks for this chapter's exercises: run this cell, then use check() below.\n"
              "# The key holds salted hashes of the solutions' values, not the values.\n"
              "from csmlab.check import Checker\n"
              f'check = Checker("{stem}", "{key}")')
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata = {"jupyter": {"source_hidden": True}, "cellView": "form", "tags": ["answer-key"]}
    return cell


def check_cell(label: str, checker: Any) -> nbformat.NotebookNode:
    source = ("# Check your answer: replace ... with it (a number, \"12%\", \"$7.2M\" or a word)\n"
              f'check("{label}", ...)')
    verdict = checker(label, ...)
    out = nbformat.v4.new_output("execute_result", data={"text/plain": repr(verdict),
                                                         "text/html": verdict._repr_html_()},
                                 execution_count=None)
    return nbformat.v4.new_code_cell(source, outputs=[out])


def student_notebook(nb: nbformat.NotebookNode, stem: str,
                     book: Book | None = None) -> nbformat.NotebookNode:
    """The student edition of an executed instructor's notebook ``nb`` of chapter ``stem``."""
    from csmlab.check import Checker, make_key

    values, by_cell = glued(nb)
    chapter = Chapter(stem, book or Book.read(), values)
    converted: list[tuple[int, list[tuple[str, str]]]] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            converted.append((index, chapter.blocks(cell.source)))
        else:
            converted.append((index, []))
    only_solutions = chapter.used["solution"] - chapter.used["prose"]
    answer_cells = {i for i, names in by_cell.items()
                    if names & only_solutions
                    and "remove-cell" in nb.cells[i].metadata.get("tags", [])}
    answers = {label: slots for label, slots in chapter.answers.items() if slots}
    key = make_key(stem, answers)
    checker = Checker(stem, key)

    cells: list[nbformat.NotebookNode] = []
    keyed = False
    for index, segments in converted:
        cell = nb.cells[index]
        if cell.cell_type == "code":
            if index not in answer_cells:
                cells.append(_hidden(cell))
            continue
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        text: list[str] = []

        def emit() -> None:
            if text:
                cells.append(nbformat.v4.new_markdown_cell("\n\n".join(text).strip("\n")))
                text.clear()

        for kind, body in segments:
            if kind == "md":
                if body.strip():
                    text.append(body)
            elif kind in ("solution", "exercise"):
                emit()
                cells.append(nbformat.v4.new_markdown_cell(body))
            elif kind == "check" and body in answers:
                emit()
                if not keyed:
                    cells.append(key_cell(stem, key))
                    keyed = True
                cells.append(check_cell(body, checker))
        emit()
    if answer_cells:
        cells.append(nbformat.v4.new_markdown_cell(
            "## The code behind the solutions\n\nThese cells computed the numbers the solutions "
            "above quote (and some the text uses; those are already in the text). They run last "
            "so that nothing above an exercise gives its answer away."))
        cells.extend(_hidden(nb.cells[i]) for i in sorted(answer_cells))
    title = cells[0] if cells and cells[0].cell_type == "markdown" else None
    site = f"{site_url()}{chapter.doc}.html"
    note = nbformat.v4.new_markdown_cell(
        f"*Student edition of [this chapter on the course site]({site}). The numbers in the "
        "text were computed by the chapter's code; solutions are folded (click to open them); "
        "`check(\"ex-…\", your_answer)` after an exercise tells you whether your answer is right "
        "without showing it.*")
    if title is not None and re.match(r"^# \S", title.source):
        head, _, rest = title.source.partition("\n")
        title.source = head
        cells.insert(1, note)
        if rest.strip():
            cells.insert(2, nbformat.v4.new_markdown_cell(rest.strip("\n")))
    else:
        cells.insert(0, note)

    out = nbformat.v4.new_notebook()
    out.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    seen: dict[str, int] = {}
    count = 0
    for cell in cells:
        cell["id"] = _id(cell.cell_type, cell.source, seen)
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count
    out.cells = cells
    return out


def path_for(stem: str) -> Path:
    return STUDENT / f"{stem}.ipynb"


def write(nb: nbformat.NotebookNode, stem: str) -> Path:
    nbformat.validate(nb)
    target = path_for(stem)
    target.parent.mkdir(exist_ok=True)
    nbformat.write(nb, target)
    return target


def markdown_text(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """Every Markdown cell's text, with its index (for the scan)."""
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]

