"""The reference for ``csmlab`` in the book, written at build time from the package itself.

A local Sphinx extension (loaded from ``_config.yml``). Nothing on the reference pages is typed
by hand: each page under ``book/reference/`` holds one directive naming a topic, and the
directive reads the package (``__all__``, docstrings, the :func:`csmlab.scenario.param`
metadata of every input, the result dataclasses, the registered presets) when the page is
read. A renamed field, a new preset or a changed default shows up on the next build.

``.. csmlab-reference:: guarantee``
    The page for a topic: every public module whose dotted name's topic is ``guarantee``
    (``csmlab.guarantee``, its submodules when it is a package, and its charts,
    ``csmlab.plots.guarantee``). Two more topics: ``cases`` (every figure with its source,
    :mod:`csmlab.cases`) and ``shared`` (the parts every chapter shares, :data:`SHARED`).
    For each model (a :class:`csmlab.scenario.Scenario`): its inputs (the name you type, label,
    meaning, unit, allowed range, default, source), the presets and what each changes from
    the defaults, and its result's fields. For each function and chart: the signature, the
    docstring's summary and its first example.

``.. csmlab-reference-index::``
    The table of topics: the page, its modules, what they model and the chapters that use
    them (found from the chapters' ``from csmlab... import`` lines, as chapter 00's map is
    checked by ``tests/test_repository.py``).

Every model, preset, input, result field, function and chart is registered as a Python
object (``csmlab.guarantee.GuaranteeScenario.price``), so the site search finds it by name
and ranks it first. The extension also links the chapters to the reference: in any page
outside the reference, inline code that names a documented object (```csmlab.guarantee```,
```hampton_inn()```, ```GuaranteeScenario```, ```hi_return_ratio```) becomes a link to it,
when the name is unambiguous among the modules the page imports (``doctree-resolved``). No
chapter text changes. A module that no reference page covers is a build warning (and so
fails the build), naming the module.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.nodes import make_id

logger = logging.getLogger(__name__)

#: The folder of the reference pages (docnames ``book/reference/<topic>``).
FOLDER = "book/reference"
#: Modules of the parts every chapter shares (topic ``shared``).
SHARED = ("csmlab", "csmlab.scenario", "csmlab.validation", "csmlab.display", "csmlab.widgets",
          "csmlab.plots", "csmlab.plots.diagrams", "csmlab.data", "csmlab.transactions",
          "csmlab.citations", "csmlab.check", "csmlab.live")
SECTION = re.compile(r"^(\S[^\n]*)\n(-{3,})\s*$", re.M)


# --------------------------------------------------------------------------- the package

def modules() -> list[str]:
    """Every module and subpackage of csmlab, by dotted name (as chapter 00's map test)."""
    import csmlab

    return ["csmlab", *sorted(i.name for i in pkgutil.walk_packages(csmlab.__path__, "csmlab."))]


def topic(module: str) -> str:
    """The reference page a module belongs on."""
    if module in SHARED:
        return "shared"
    parts = module.split(".")[1:]
    if parts[0] == "plots":
        parts = parts[1:]
    return parts[0]


def topics() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in modules():
        found.setdefault(topic(m), []).append(m)
    for name, mods in found.items():  # the model first, its submodules, then its charts
        mods.sort(key=lambda m: SHARED.index(m) if name == "shared"
                  else (m.startswith("csmlab.plots."), m))
    return found


def public_names(module: Any) -> list[str]:
    """``__all__``, or else the functions and classes the module defines (no leading _)."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n, o in vars(module).items() if not n.startswith("_")
                 and (inspect.isfunction(o) or inspect.isclass(o))
                 and getattr(o, "__module__", None) == module.__name__]
    return list(names)


def documented_objects(module_name: str) -> list[tuple[str, Any]]:
    """The public objects a module's section documents: those it defines, or (for a package's
    ``__init__`` that re-exports) constants it names whose home is not another module."""
    module = importlib.import_module(module_name)
    out = []
    for name in public_names(module):
        obj = getattr(module, name)
        home = getattr(obj, "__module__", None) if (inspect.isclass(obj)
                                                     or callable(obj)) else None
        if home is not None and home != module_name and home.startswith("csmlab"):
            continue  # documented where it is defined
        if home is None and inspect.ismodule(obj):
            continue
        if home is None and _reexported_constant(module_name, name):
            continue
        out.append((name, obj))
    return out


def _reexported_constant(module_name: str, name: str) -> bool:
    """A constant a package's __init__ imports from a submodule that exports it."""
    module = importlib.import_module(module_name)
    if not hasattr(module, "__path__"):
        return False
    for info in pkgutil.iter_modules(module.__path__, module_name + "."):
        sub = importlib.import_module(info.name)
        if name in getattr(sub, "__all__", ()) and getattr(sub, name) is getattr(module, name):
            return True
    return False


def chapter_usage(srcdir: Path) -> dict[str, list[str]]:
    """Module -> docnames of the chapters that import it (``from csmlab.x import y`` counts
    ``csmlab.x.y`` when that is a module)."""
    known = set(modules())
    used: dict[str, list[str]] = {}
    for md in sorted((srcdir / "notebooks").glob("[0-9][0-9]_*.md")):
        text = md.read_text("utf-8")
        found = set(re.findall(r"^import (csmlab[\w.]*)", text, re.M))
        for mod, names in re.findall(r"^from (csmlab[\w.]*) import \(?([^)\n]*(?:\n\s+[^)\n]*)*)",
                                     text, re.M):
            for name in re.split(r"[,\s()]+", names):
                if name and name != "as":
                    found.add(f"{mod}.{name}" if f"{mod}.{name}" in known else mod)
        for m in found & known:
            used.setdefault(m, []).append(f"notebooks/{md.stem}")
    return used


def result_class(cls: type) -> type | None:
    """The result class a scenario's ``run()`` is annotated to return, or None."""
    run = getattr(cls, "run", None)
    ann = getattr(run, "__annotations__", {}).get("return")
    if isinstance(ann, str):
        ann = vars(importlib.import_module(cls.__module__)).get(ann.strip("'\""))
    return ann if inspect.isclass(ann) else None


GLUE_ALL = re.compile(r"""glue_all\(\s*["'](\w+)["']\s*,\s*(\w+(?:\(\))?(?:\.run\(\))?)""")


def glued_results(srcdir: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Result class -> [(prefix, where, argument)] for each ``glue_all("prefix", x)`` in the
    chapters and the book's pages whose ``x`` is ``preset().run()`` or a variable assigned
    from one, so the reference can list the names prose uses (``hi_return_ratio``)."""
    from csmlab.scenario import presets

    by_name = {}
    for qual, func in presets().items():
        cls = type(func())
        result = result_class(cls)
        if result is not None:
            by_name[qual.rsplit(".", 1)[1]] = f"{result.__module__}.{result.__qualname__}"
    found: dict[str, list[tuple[str, str, str]]] = {}
    sources = [*sorted((srcdir / "notebooks").glob("[0-9][0-9]_*.md")),
               *sorted((srcdir / "book").glob("*.md"))]
    for path in sources:
        text = path.read_text("utf-8")
        where = (f"chapter {path.stem[:2]}" if path.parent.name == "notebooks"
                 else f"{path.parent.name}/{path.name}")
        for m in GLUE_ALL.finditer(text):
            prefix, arg = m.groups()
            expr = arg
            if re.fullmatch(r"\w+", arg):  # a variable: its last assignment before the call
                assigned = re.findall(rf"^\s*{arg}\s*=\s*(.+)$", text[:m.start()], re.M)
                expr = assigned[-1] if assigned else ""
            call = re.search(r"(\w+)\(\)\.run\(\)", expr)
            if call and call.group(1) in by_name:
                entry = (prefix, where, arg)
                found.setdefault(by_name[call.group(1)], [])
                if entry not in found[by_name[call.group(1)]]:
                    found[by_name[call.group(1)]].append(entry)
    return found


# --------------------------------------------------------------------------- docstrings

def split_doc(doc: str | None) -> tuple[str, dict[str, str]]:
    """A numpydoc docstring as (text before the first section, {section title: body})."""
    doc = inspect.cleandoc(doc or "")
    matches = list(SECTION.finditer(doc))
    intro = doc[:matches[0].start()] if matches else doc
    sections = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(doc)
        sections[m.group(1).strip()] = doc[m.end():end].strip("\n")
    return intro.strip(), sections


def entries(body: str) -> dict[str, str]:
    """``name : type`` entries of a Parameters/Attributes section -> their descriptions."""
    out: dict[str, str] = {}
    names: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        for n in names:
            out[n] = " ".join(line.strip() for line in lines).strip()

    for line in body.splitlines():
        if line and not line[0].isspace():
            flush()
            names = [n.strip() for n in line.split(" : ")[0].split(",") if n.strip()]
            lines = []
        else:
            lines.append(line)
    flush()
    return out


def summary(doc: str | None) -> str:
    """The docstring's first paragraph."""
    intro, _ = split_doc(doc)
    return intro.split("\n\n")[0].strip()


def first_example(doc: str | None, limit: int = 12) -> str:
    """The first example of the Examples section (up to the first blank line), or ''."""
    _, sections = split_doc(doc)
    body = sections.get("Examples", "").strip("\n")
    if not body:
        return ""
    lines = []
    for line in body.splitlines():
        if not line.strip():
            if any(x.startswith(">>>") for x in lines):
                break
            continue
        lines.append(line)
    return "\n".join(lines[:limit])


def allowed(spec: Any) -> str:
    """The allowed values as inline RST; choices as code (a long list as its ends and count)."""
    if spec.kind == "choice":
        opts = [f"``{o!r}``" for o in spec.options]
        if len(opts) > 4:
            return f"one of {len(opts)}: {', '.join(opts[:2])}, …, {opts[-1]}"
        return ", ".join(opts)
    return _rst_text(spec.allowed)


def signature(name: str, obj: Any) -> str:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return f"{name}(...)"
    parts = []
    for p in sig.parameters.values():
        if p.name in ("self", "cls"):
            continue
        text = p.name
        if p.kind is p.VAR_POSITIONAL:
            text = "*" + text
        elif p.kind is p.VAR_KEYWORD:
            text = "**" + text
        if p.default is not p.empty:
            default = repr(p.default)
            text += "=" + (default if len(default) <= 40 else "...")
        parts.append(text)
    return f"{name}({', '.join(parts)})"


def short(value: Any) -> str:
    """A value as an instructor would type it; a long float rounded to at most three
    decimals (or whole, with thousands separators, from 1,000) and marked ≈."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return repr(value)
    if isinstance(value, float):
        text = repr(value)
        if not math.isfinite(value) or ("e" not in text and len(text.split(".")[1]) <= 3
                                        and abs(value) < 1e6):
            return text
        if value == round(value):
            return f"{int(value):_}.0"
        if abs(value) >= 1000:
            return f"≈\u00a0{value:,.0f}"
        rounded = f"{value:.3f}".rstrip("0").rstrip(".")
        return f"≈\u00a0{rounded}" if rounded not in ("0", "-0") else f"≈\u00a0{value:.2e}"
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 100_000 else repr(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# --------------------------------------------------------------------------- directives

class _Base(Directive):
    """Helpers to build the page from docutils nodes and short RST fragments."""

    def rst(self, text: str) -> list[nodes.Node]:
        """Parse an RST fragment (a docstring's prose) into nodes."""
        from docutils.statemachine import StringList

        box = nodes.container()
        self.state.nested_parse(StringList(text.splitlines(), "csmlab docstring"), 0, box)
        return list(box.children)

    def inline(self, text: str) -> list[nodes.Node]:
        found, messages = self.state.inline_text(text, self.lineno)
        return [*found, *messages]

    def target(self, fullname: str, objtype: str, node: nodes.Element) -> None:
        """Give ``node`` an id and register it as a Python object (search, cross-references)."""
        env = self.state.document.settings.env
        node_id = make_id(env, self.state.document, "", fullname)
        node["ids"].append(node_id)
        domain = env.get_domain("py")
        if objtype == "module":
            domain.note_module(fullname, node_id, "", "", False)
        domain.note_object(fullname, objtype, node_id, location=node)

    def section(self, title: str, fullname: str | None = None, objtype: str = "",
                literal: bool = True) -> nodes.section:
        sec = nodes.section()
        head = nodes.title()
        head += nodes.literal(title, title) if literal else nodes.Text(title)
        sec += head
        if fullname:
            self.target(fullname, objtype, sec)
        else:
            sec["ids"].append(make_id(self.state.document.settings.env, self.state.document,
                                      "", title))
        sec["names"].append(nodes.fully_normalize_name(fullname or title))
        return sec

    def table(self, header: list[str], rows: list[tuple[list[Any], str | None, str]],
              widths: list[int], whole_names: bool = True) -> nodes.table:
        """A table; each row is (cells, fullname to register or None, objtype). A cell is a
        string of inline RST or a list of nodes. ``whole_names``: the first column's code
        stays on one line (reference.css)."""
        table = nodes.table(classes=["csmlab-table", "csmlab-reference-table", "colwidths-auto"])
        group = nodes.tgroup(cols=len(header))
        table += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for h in header:
            row += nodes.entry("", nodes.paragraph(h, h))
        head += row
        body = nodes.tbody()
        group += body
        for cells, fullname, objtype in rows:
            row = nodes.row()
            for i, cell in enumerate(cells):
                entry = nodes.entry(classes=["name"] if i == 0 and whole_names else [])
                para = nodes.paragraph()
                para += self.inline(cell) if isinstance(cell, str) else cell
                entry += para
                row += entry
            if fullname:
                self.target(fullname, objtype, row)
            body += row
        return table

    def code(self, text: str, language: str = "pycon") -> nodes.literal_block:
        block = nodes.literal_block(text, text)
        block["language"] = language
        return block

    def chapters(self, docnames: list[str]) -> nodes.paragraph:
        para = nodes.paragraph()
        para += nodes.strong("Used in: ", "Used in: ")
        if not docnames:
            para += nodes.Text("no chapter imports it directly.")
        for i, doc in enumerate(sorted(docnames)):
            if i:
                para += nodes.Text(", ")
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                        reftarget="/" + doc, refexplicit=False,
                                        refwarn=True, refdoc=self.env_docname)
            ref += nodes.inline(doc, doc)
            para += ref
        return para

    @property
    def env_docname(self) -> str:
        return self.state.document.settings.env.docname

    def glued(self) -> dict[str, list[tuple[str, str, str]]]:
        env = self.state.document.settings.env
        if not hasattr(env, "_csmlab_glued"):
            env._csmlab_glued = glued_results(Path(env.srcdir))
        return env._csmlab_glued

    def usage(self) -> dict[str, list[str]]:
        env = self.state.document.settings.env
        if not hasattr(env, "_csmlab_usage"):
            env._csmlab_usage = chapter_usage(Path(env.srcdir))
        return env._csmlab_usage


class ReferenceIndex(_Base):
    """The table of topics (``.. csmlab-reference-index::``)."""

    def run(self) -> list[nodes.Node]:
        usage = self.usage()
        rows = []
        for name, mods in ordered_topics(usage):
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc",
                                        reftarget=f"/{FOLDER}/{name}", refexplicit=True,
                                        refwarn=True, refdoc=self.env_docname)
            text = "shared parts" if name == "shared" else mods[0]
            ref += nodes.inline(text, text) if name == "shared" else nodes.literal(text, text)
            docs = sorted({d for m in mods for d in usage.get(m, [])})
            chapters = ", ".join(d.split("/")[-1][:2] for d in docs) or "all"
            what = summary(importlib.import_module(mods[0]).__doc__)
            if name == "shared":
                what = "The scenario pattern, input checks, tables, the explorer, plotting style."
            rows.append(([[ref], chapters, what], None, ""))
        return [self.table(["page", "chapters", "what it models"], rows, [25, 15, 60])]


def ordered_topics(usage: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Topics in the order the chapters first use them; cases and shared parts last."""
    def first(item: tuple[str, list[str]]) -> tuple[int, str]:
        name, mods = item
        if name in ("cases", "shared"):
            return (100 + (name == "shared"), name)
        docs = [d for m in mods for d in usage.get(m, [])]
        return (min((int(d.split("/")[-1][:2]) for d in docs), default=99), name)

    return sorted(topics().items(), key=first)


class Reference(_Base):
    """One topic's page (``.. csmlab-reference:: guarantee``)."""

    required_arguments = 1
    option_spec = {"title": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        env = self.state.document.settings.env
        env.note_dependency(__file__)
        mods = topics().get(name)
        if not mods:
            return [self.state.document.reporter.warning(
                f"csmlab-reference: no csmlab module belongs to topic {name!r}; topics: "
                f"{sorted(topics())}", line=self.lineno)]
        if not hasattr(env, "csmlab_reference_modules"):
            env.csmlab_reference_modules = {}
        env.csmlab_reference_modules[env.docname] = list(mods)
        for m in mods:
            env.note_dependency(inspect.getfile(importlib.import_module(m)))
        # "Used in" and the glued names come from the chapters and the book's pages
        for source in [*Path(env.srcdir, "notebooks").glob("[0-9][0-9]_*.md"),
                       *Path(env.srcdir, "book").glob("*.md")]:
            env.note_dependency(str(source))
        if name == "shared":
            page = self.section("Shared parts", literal=False)
            page += self.rst("The parts every chapter shares: the scenario pattern every model "
                             "follows, input checks, tables and figures, the explorer, the "
                             "plotting style, data loaders and bibliography labels.")
            rest = mods
        else:
            page, rest = self.module_section(mods[0]), mods[1:]
        for m in rest:
            page += self.module_section(m)
        if name == "cases":
            page += self.facts()
        env.ref_context.pop("py:module", None)
        return [page]

    # one module -----------------------------------------------------------------
    def module_section(self, module_name: str) -> nodes.section:
        from csmlab.scenario import Result, Scenario, presets

        module = importlib.import_module(module_name)
        # docstrings name their module's objects by their short names (:func:`clv`)
        self.state.document.settings.env.ref_context["py:module"] = module_name
        sec = self.section(module_name, module_name, "module")
        intro, _ = split_doc(module.__doc__)
        sec += self.rst(intro.split("\n\n")[0])
        sec += self.chapters(self.usage().get(module_name, []))
        objs = documented_objects(module_name)
        registered = presets()
        preset_of: dict[type, list[tuple[str, Any]]] = {}
        models, results, classes, functions, constants = [], [], [], [], []
        for name, obj in objs:
            qual = f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"
            if inspect.isclass(obj) and issubclass(obj, Scenario) and dataclasses.is_dataclass(obj):
                models.append((name, obj))
            elif inspect.isclass(obj) and issubclass(obj, Result):
                results.append((name, obj))
            elif inspect.isclass(obj):
                classes.append((name, obj))
            elif qual in registered:
                made = obj()
                preset_of.setdefault(type(made), []).append((name, obj, made))
            elif callable(obj):
                functions.append((name, obj))
            else:
                constants.append((name, obj))
        for name, cls in models:
            sec += self.model(module_name, name, cls, preset_of.pop(cls, []))
        for cls, items in preset_of.items():  # presets of a model defined elsewhere
            sec += self.model(module_name, cls.__name__, cls, items, presets_only=True)
        for name, cls in results + classes:
            sec += self.record(module_name, name, cls)
        if functions:
            group = self.section("Charts" if ".plots" in module_name else "Functions",
                                 literal=False)
            group["ids"] = [make_id(self.state.document.settings.env, self.state.document, "",
                                    module_name + "-functions")]
            for name, func in functions:
                group += self.function(module_name, name, func)
            sec += group
        if constants:
            sec += self.constants(module_name, constants)
        return sec

    def model(self, module_name: str, name: str, cls: type, presets: list,
              presets_only: bool = False) -> nodes.section:
        full = f"{module_name}.{name}"
        sec = self.section(name, None if presets_only else full, "class")
        if presets_only:
            sec["ids"] = [make_id(self.state.document.settings.env, self.state.document, "",
                                  full + "-presets")]
            sec += self.rst(f"Presets of ``{cls.__module__}.{cls.__qualname__}``.")
        else:
            sec += self.rst(summary(cls.__doc__))
            sec += self.inputs(full, cls)
            run = getattr(cls, "run", None)
            if run is not None and run.__doc__:
                para = nodes.paragraph()
                para += self.inline(f"``{name}(...).run()``: " + summary(run.__doc__))
                result = result_class(cls)
                if result is not None:
                    para += self.inline(f" Returns :py:class:`{result.__name__} "
                                        f"<{result.__module__}.{result.__qualname__}>`.")
                sec += para
            check = cls.__dict__.get("check")
            if check is not None and check.__doc__:
                para = nodes.paragraph()
                para += self.inline("**Checked together**: " + summary(check.__doc__))
                sec += para
        if presets:
            sec += self.presets(module_name, cls, presets)
        return sec

    def inputs(self, full: str, cls: type) -> nodes.Node:
        from csmlab.citations import cite

        _, sections = split_doc(cls.__doc__)
        described = entries(sections.get("Parameters", ""))
        default = _instance(cls)
        rows = []
        for field_name, spec in cls.parameters().items():
            meaning = spec.doc or described.get(field_name, "")
            label = f"**{spec.label}**" + (f". {_rst_text(meaning)}" if meaning else "")
            unit = "share (0–1)" if spec.kind == "probability" else spec.unit
            value = getattr(default, field_name) if default is not None else "(required)"
            rows.append(([f"``{field_name}``", label, _rst_text(unit or "—"),
                          allowed(spec), f"``{short(value)}``",
                          _rst_text(cite(spec.source) or "—")], f"{full}.{field_name}",
                         "attribute"))
        box = nodes.container(classes=["csmlab-reference-inputs"])
        para = nodes.paragraph()
        para += self.inline(f"**Inputs** (``{cls.__name__}(name=value, ...)``; "
                            "out-of-range values raise ``ValueError``):")
        box += para
        box += self.table(["name", "meaning", "unit", "allowed", "default", "source"], rows,
                          [14, 36, 10, 12, 14, 14])
        return box

    def presets(self, module_name: str, cls: type, items: list) -> nodes.Node:
        box = nodes.container(classes=["csmlab-reference-presets"])
        para = nodes.paragraph()
        para += nodes.strong("Presets", "Presets")
        para += nodes.Text(" (each returns a ready scenario; only the inputs it changes from "
                           "the defaults are listed):")
        box += para
        default = _instance(cls)
        items_list = nodes.bullet_list()
        for name, func, made in items:
            item = nodes.list_item()
            p = nodes.paragraph()
            p += nodes.literal(f"{name}()", f"{name}()")
            self.target(f"{module_name}.{name}", "function", item)
            p += nodes.Text(": ")
            p += self.inline(summary(func.__doc__))
            item += p
            changed = [f"``{f.name}={short(getattr(made, f.name))}``"
                       for f in dataclasses.fields(made)
                       if default is None or not _same(getattr(made, f.name),
                                                       getattr(default, f.name))]
            if changed:
                q = nodes.paragraph()
                q += self.inline("Changes: " + ", ".join(changed))
                item += q
            items_list += item
        box += items_list
        return box

    def record(self, module_name: str, name: str, cls: type) -> nodes.section:
        full = f"{module_name}.{name}"
        sec = self.section(name, full, "class")
        intro, sections = split_doc(cls.__doc__)
        sec += self.rst(intro.split("\n\n")[0])
        described = entries(sections.get("Attributes", "") or sections.get("Parameters", ""))
        rows = []
        if dataclasses.is_dataclass(cls):
            for f in dataclasses.fields(cls):
                if f.name.startswith("_"):
                    continue
                rows.append(([f"``{f.name}``", _rst_text(described.get(f.name, "")) or "—"],
                             f"{full}.{f.name}", "attribute"))
        for attr, value in vars(cls).items():
            if isinstance(value, property) and not attr.startswith("_"):
                rows.append(([f"``{attr}``", _rst_text(summary(value.__doc__)) or "—"],
                             f"{full}.{attr}", "property"))
        methods = [([f"``{signature(attr, value)}``", _rst_text(summary(value.__doc__)) or "—"],
                    f"{full}.{attr}", "method")
                   for attr, value in vars(cls).items()
                   if not attr.startswith("_") and inspect.isfunction(value)
                   and not dataclasses.is_dataclass(cls)]
        if rows:
            para = nodes.paragraph()
            para += self.inline("**Fields** (read them as ``result.name``):" if issubclass(
                cls, _result_base()) else "**Fields**:")
            sec += para
            sec += self.table(["name", "meaning"], rows, [25, 75])
            full_cls = f"{cls.__module__}.{cls.__qualname__}"
            for prefix, where, call in self.glued().get(full_cls, []):
                names = [f"``{prefix}_{r[1].rsplit('.', 1)[1]}``" for r in rows if r[1]]
                para = nodes.paragraph(classes=["csmlab-reference-glue"])
                para += self.inline(f"**In prose** ({where}: ``glue_all(\"{prefix}\", "
                                    f"{call})``): " + ", ".join(names))
                sec += para
        if methods:
            para = nodes.paragraph()
            para += self.inline("**Methods**:")
            sec += para
            sec += self.table(["call", "what it does"], methods, [35, 65])
        if hasattr(cls, "to_frame") and cls.__dict__.get("to_frame") and cls.to_frame.__doc__:
            para = nodes.paragraph()
            para += self.inline("``to_frame()``: " + summary(cls.to_frame.__doc__))
            sec += para
        example = first_example(cls.__doc__)
        if example:
            sec += self.code(example)
        return sec

    def function(self, module_name: str, name: str, func: Any) -> nodes.section:
        sec = self.section(name, f"{module_name}.{name}", "function")
        sec += self.code(signature(name, func), "python")
        text = summary(func.__doc__)
        if text:
            sec += self.rst(text)
        example = first_example(func.__doc__)
        if example:
            sec += self.code(example)
        return sec

    def constants(self, module_name: str, items: list) -> nodes.Node:
        from sphinx.pycode import ModuleAnalyzer

        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except Exception:  # noqa: BLE001 - a module without source gives no comments
            docs = {}
        rows = []
        for name, value in items:
            doc = " ".join(docs.get(("", name), [])).strip()
            rows.append(([f"``{name}``", _rst_text(doc) or f"a {type(value).__name__}"],
                         f"{module_name}.{name}", "data"))
        sec = self.section("Constants", literal=False)
        sec["ids"] = [make_id(self.state.document.settings.env, self.state.document, "",
                              module_name + "-constants")]
        sec += self.table(["name", "what it holds"], rows, [30, 70])
        return sec


    def facts(self) -> nodes.section:
        """Every figure in :mod:`csmlab.cases` with its source."""
        from csmlab.cases import catalogue

        rows = []
        for key, f in catalogue().iterrows():
            value = f["value"]
            text = short(value) if isinstance(value, (int, float)) else short(value)
            rows.append(([f"``{key}``", f"``{text}``", _rst_text(str(f["unit"]) or "—"),
                          _rst_text(str(f["meaning"])), _rst_text(str(f["source"])),
                          str(f["status"])], None, ""))
        sec = self.section("Every figure and its source", literal=False)
        sec += self.rst("Each figure a preset or a chapter uses, from ``csmlab.cases.fact(key)``: "
                        "its value, unit, meaning, source and status (stated, derived, "
                        "ambiguous, reported or illustrative; the derivation or reading is in the "
                        "fact's ``note``).")
        sec += self.table(["key", "value", "unit", "meaning", "source", "status"], rows,
                          [20, 12, 12, 32, 14, 10], whole_names=False)
        return sec


def _instance(cls: type) -> Any:
    try:
        return cls()
    except TypeError:
        return None


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - arrays and frames compare elementwise
        return repr(a) == repr(b)


def _result_base() -> type:
    from csmlab.scenario import Result

    return Result


def _rst_text(text: str) -> str:
    """Text for inline RST: backslashes and stray markup characters kept as written."""
    text = str(text).replace("\\", "\\\\")
    # a lone * or ` (as in "a × b*") would open emphasis or a reference: escape when unpaired
    for ch in ("*", "`", "|"):
        if text.count(ch) % 2:
            text = text.replace(ch, "\\" + ch)
    return text


# --------------------------------------------------------------------------- checks and links

def check_coverage(app: Sphinx, env: Any) -> None:
    """Warn (and so fail the build) for a csmlab module no reference page documents."""
    covered = {m for mods in getattr(env, "csmlab_reference_modules", {}).values() for m in mods}
    if not covered:
        return
    for m in modules():
        if m not in covered:
            logger.warning(f"csmlab module {m} is on no reference page: add "
                           f"{FOLDER}/{topic(m)}.rst (one line, '.. csmlab-reference:: "
                           f"{topic(m)}') and list it in _toc.yml")


def purge(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "csmlab_reference_modules", {}).pop(docname, None)
    env.__dict__.pop("_csmlab_usage", None)
    env.__dict__.pop("_csmlab_glued", None)


def merge(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    if not hasattr(env, "csmlab_reference_modules"):
        env.csmlab_reference_modules = {}
    env.csmlab_reference_modules.update(getattr(other, "csmlab_reference_modules", {}))


def link_code(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Inline code outside the reference that names a documented object links to it."""
    if docname.startswith(FOLDER + "/") or app.builder.format != "html":
        return
    objects = {k: v for k, v in app.env.get_domain("py").objects.items()
               if k.startswith("csmlab")}
    if not objects:
        return
    imported = set()
    source = Path(app.env.srcdir, docname + ".md")
    if source.exists():
        imported = {m for m, docs in chapter_usage(Path(app.env.srcdir)).items()
                    if docname in docs}
    by_tail: dict[str, list[str]] = {}
    for full in objects:
        parts = full.split(".")
        for i in range(1, len(parts)):
            by_tail.setdefault(".".join(parts[i:]), []).append(full)
    for lit in list(doctree.findall(nodes.literal)):
        if any(isinstance(a, (nodes.reference, nodes.title, addnodes.pending_xref,
                              nodes.literal_block)) for a in _ancestors(lit)):
            continue
        text = lit.astext().strip()
        name = text[:-2] if text.endswith("()") else text
        if not re.fullmatch(r"[A-Za-z_][\w.]*", name):
            continue
        if name in objects:
            target = name
        else:
            found = by_tail.get(name, [])
            entry_types = {f: objects[f].objtype for f in found}
            # a bare field name links only when it cannot be an everyday word
            found = [f for f in found if entry_types[f] not in ("attribute", "property")
                     or "_" in name or "." in name]
            if len(found) > 1 and any(objects[f].objtype == "method" for f in found):
                continue  # ``describe()`` may be any scenario's method: no guess
            if len(found) > 1 and imported:
                mine = [f for f in found if any(f.startswith(m + ".") for m in imported)]
                found = mine or found
            if len(found) != 1:
                continue
            target = found[0]
        entry = objects[target]
        uri = app.builder.get_relative_uri(docname, entry.docname) + "#" + entry.node_id
        ref = nodes.reference("", "", internal=True, refuri=uri,
                              reftitle=f"{target} in the csmlab reference",
                              classes=["csmlab-reference-link"])
        lit.replace_self(ref)
        ref += lit


def resolve_short_names(app: Sphinx, env: Any, node: nodes.Element,
                        contnode: nodes.Node) -> nodes.Node | None:
    """A docstring on a reference page that names an object by a short or partial name
    (``:func:`summary``` in a package that re-exports it) links to the one csmlab object of
    that name; a name the reference does not document (a private helper) stays plain code."""
    if node.get("refdomain") != "py" or not node.get("refdoc", "").startswith(FOLDER + "/"):
        return None
    target = node["reftarget"].lstrip("~.")
    objects = env.get_domain("py").objects
    found = [k for k in objects if k.startswith("csmlab") and k.endswith("." + target)]
    module = node.get("py:module") or ""
    if len(found) > 1:
        found = [k for k in found if k.startswith(module + ".")] or found
    if len(found) == 1:
        entry = objects[found[0]]
        ref = nodes.reference("", "", internal=True,
                              refuri=app.builder.get_relative_uri(node["refdoc"], entry.docname)
                              + "#" + entry.node_id, reftitle=found[0])
        ref += contnode
        return ref
    logger.verbose(f"csmlab reference: {target!r} (in {module}) is not documented; "
                   "shown as code")
    return contnode


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def add_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
               doctree: Any) -> None:
    if pagename.startswith(FOLDER + "/"):
        app.add_css_file("reference.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", add_assets)
    app.add_directive("csmlab-reference", Reference)
    app.add_directive("csmlab-reference-index", ReferenceIndex)
    app.connect("env-check-consistency", check_coverage)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-resolved", link_code)
    app.connect("missing-reference", resolve_short_names)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
