"""Start a new chapter in one command: its source, its place in the book and in chapter 00's map.

Usage: make chapter NUMBER=12 NAME=service_design TITLE="Service design: blueprints"
       .venv/bin/python scripts/new_chapter.py 12 service_design "Service design: blueprints"
           [--part "Caption of the part in _toc.yml"]

It writes ``notebooks/NN_name.md`` from a template that already shows each thing a chapter uses
(the Colab set-up cell for this repository and release, learning objectives, a glossary term, a
citation, a computed number glued into a sentence, a table, an exercise with its solution folded
and its answer checkable), adds the chapter to ``_toc.yml`` (at the end of the last part before
"Reference", or of the part named by ``--part``) and adds the chapter's number to the row of each
``csmlab`` module the template imports in chapter 00's map of the package
(tests/test_repository.py checks that map). Then:

    make notebooks CHAPTER=NN     # both notebooks, executed; names a cell that fails
    make stale                    # seconds: every notebook is generated from its .md

Replace the template's prose and model with the chapter's own; when the chapter imports other
``csmlab`` modules, add its number to their rows in the map (the test names the missing ones).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import set_repo_url  # noqa: E402  (scripts/ is not a package)

ROOT = Path(__file__).resolve().parents[1]

#: The modules the template imports: the chapter's number goes into their rows of the map.
TEMPLATE_MODULES = ("csmlab.guarantee",)

TEMPLATE = '''---
jupytext:
  formats: instructor//ipynb,md:myst
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

# {title}

```{{admonition}} Learning objectives
:class: tip
After this chapter you can

1. say what this chapter's model computes and from which figures;
2. run it, read its table and change one of its inputs.
```

+++

## The idea

Replace this section with the chapter's explanation. Link a key term to the glossary, as in
{{term}}`service guarantee`, and cite a source from `book/references.bib` as {{cite}}`hart1988`
does.

```{{code-cell}}
# Set-up for Google Colab: installs csmlab there, and does nothing anywhere else.
import sys
if "google.colab" in sys.modules:
    %pip install --quiet {install}
```

```{{code-cell}}
from csmlab.display import Table, glue_all
from csmlab.guarantee import hampton_inn
```

## A case

```{{code-cell}}
result = hampton_inn().run()
Table(result.to_frame(), caption="What the guarantee earned and cost")
```

```{{code-cell}}
:tags: [remove-cell]
glue_all("case", result)
```

Every number in a sentence is glued, never typed: the guarantee returned
{{glue:text}}`case_return_ratio:.1f` dollars for each dollar it cost.

## Exercises

```{{exercise}}
:label: ex-{slug}-1

*Objectives 1 and 2.*

How many dollars did the guarantee return for each dollar it cost?
```

```{{solution}} ex-{slug}-1
:class: dropdown

{{glue:text}}`case_return_ratio:.1f` dollars for each dollar.
```
'''


def chapter_source(number: str, name: str, title: str) -> str:
    url, _ = set_repo_url.current(ROOT)
    slug = name.replace("_", "-")
    return TEMPLATE.format(title=title, install=set_repo_url.install_spec(
        url, set_repo_url.release_tag(ROOT)), slug=slug)


def add_to_toc(doc: str, part: str | None) -> None:
    toc = ROOT / "_toc.yml"
    lines = toc.read_text(encoding="utf-8").splitlines()
    captions = [i for i, ln in enumerate(lines) if re.match(r"\s*- caption:", ln)]
    if part:
        chosen = [i for i in captions if lines[i].split(":", 1)[1].strip() == part]
        if not chosen:
            names = [lines[i].split(":", 1)[1].strip() for i in captions]
            raise SystemExit(f"_toc.yml has no part {part!r}; parts: {names}")
        start = chosen[0]
    else:
        body = [i for i in captions if lines[i].split(":", 1)[1].strip() != "Reference"]
        if not body:
            raise SystemExit("_toc.yml has no part to add the chapter to; use --part")
        start = body[-1]
    end = next((i for i in captions if i > start), len(lines))
    last = max(i for i in range(start, end) if re.match(r"\s*- file:", lines[i]))
    indent = re.match(r"(\s*)- file:", lines[last]).group(1)
    lines.insert(last + 1, f"{indent}- file: {doc}")
    toc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"updated _toc.yml: {doc}")


def add_to_map(number: str, modules: tuple[str, ...]) -> bool:
    """Add chapter ``number`` to the map's rows for ``modules``; True if the map changed."""
    path = ROOT / "notebooks" / "00_getting_started.md"
    text = path.read_text(encoding="utf-8")
    before = text
    for module in modules:
        row = re.compile(rf"^(\|\s*`{re.escape(module)}`\s*\|\s*)([^|]*?)(\s*\|)", re.M)
        found = row.search(text)
        if not found:
            raise SystemExit(f"{path.name}: no row for {module} in the map of the package")
        chapters = [c.strip() for c in found.group(2).split(",") if c.strip()]
        if chapters[:1] != ["all"] and number not in chapters:
            chapters = sorted({*chapters, number})
            text = text[:found.start(2)] + ", ".join(chapters) + text[found.end(2):]
    if text == before:
        return False
    path.write_text(text, encoding="utf-8")
    print(f"updated {path.name}: chapter {number} in the map for {', '.join(modules)}")
    return True


def new_chapter(number: str, name: str, title: str, part: str | None = None) -> Path:
    if not re.fullmatch(r"\d\d", number):
        raise SystemExit(f"NUMBER must be two digits, e.g. 12; got {number!r}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise SystemExit(f"NAME must be lower_case_with_underscores; got {name!r}")
    taken = sorted((ROOT / "notebooks").glob(f"{number}_*.md"))
    if taken:
        raise SystemExit(f"chapter {number} exists already: {taken[0].name}")
    source = ROOT / "notebooks" / f"{number}_{name}.md"
    source.write_text(chapter_source(number, name, title), encoding="utf-8")
    print(f"wrote {source.relative_to(ROOT)}")
    add_to_toc(f"notebooks/{number}_{name}", part)
    if add_to_map(number, TEMPLATE_MODULES):
        # Chapter 00's source changed (its map), so its notebooks must follow, or `make stale`
        # and `make test` fail on chapter 00.
        subprocess.run([sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), "00"],
                       check=True, cwd=ROOT)
    print(f"\nNext: edit {source.relative_to(ROOT)}, then `make notebooks CHAPTER={number}` "
          f"and `make stale`; commit the .md, both notebooks, _toc.yml and chapter 00 (.md and "
          f"both notebooks, regenerated here).")
    return source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("number", help="two digits, e.g. 12")
    parser.add_argument("name", help="lower_case_with_underscores, e.g. service_design")
    parser.add_argument("title", help='the chapter\'s heading, e.g. "Service design: blueprints"')
    parser.add_argument("--part", default=None, help="caption of the _toc.yml part to join")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    new_chapter(args.number, args.name, args.title, args.part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
