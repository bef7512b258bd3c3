"""Site plumbing for the CSM Lab book (a local Sphinx extension, loaded from ``_config.yml``).

What it does:

* **Maths rendered at build time, typeset from the site itself.** The ``{math}`` role and
  directive are converted from TeX to MathML while the book is built (``latex2mathml``),
  so the HTML holds maths, never raw TeX: a reader without JavaScript, a search snippet or
  a screen reader gets MathML. Pages with maths then load MathJax 3's MathML component
  (``mathjax_path: mathjax/mml-chtml.js``), which lays the same MathML out with MathJax's
  fonts; this extension copies that component and its fonts from the
  ``django-static-mathjax`` package into ``_static/mathjax/`` at the end of the build, so
  nothing comes from a CDN.
* **An author-year bibliography.** It registers a pybtex style ``csmlab``: entries sorted
  by author, year and title and labelled "Reichheld and Sasser, 1990", matching the
  in-text ``author_year`` citations, with titles kept as written in ``references.bib``
  (BibTeX's ``plain`` style would lowercase them: "handling in america").
* It declares ``comments_config``, which Jupyter Book always passes to Sphinx even though
  the book does not load ``sphinx_comments``; otherwise the ``-W`` build stops on
  "unknown config value".
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, sentence
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: What of MathJax's ``es5`` folder the site needs, relative to that folder (besides the
#: component named by ``mathjax_path`` itself).
MATHJAX_EXTRAS = ("output/chtml/fonts/woff-v2",)


def mathjax_source() -> Path:
    """Folder holding MathJax 3's ``es5`` build, from the ``django-static-mathjax`` package."""
    try:
        import mathjax  # the django-static-mathjax distribution installs this package
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ExtensionError("MathJax files not found: pip install django-static-mathjax "
                             "(it is in requirements.in)") from exc
    es5 = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    if not es5.is_dir():  # pragma: no cover
        raise ExtensionError(f"MathJax files not found in {es5}")
    return es5


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    """Copy the MathJax component named by ``mathjax_path`` (and its fonts) into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    rel = str(app.config.mathjax_path)
    if "://" in rel or rel.startswith("/"):
        return  # an absolute URL or path: nothing of ours to copy
    parts = Path(rel).parts
    if not parts or parts[0] != "mathjax":
        raise ExtensionError(f"mathjax_path should be mathjax/<component>.js, not {rel!r}")
    es5 = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    component = es5.joinpath(*parts[1:])
    if not component.is_file():
        raise ExtensionError(f"mathjax_path names {rel!r}, but MathJax has no {component}")
    target.joinpath(*parts[1:]).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(component, target.joinpath(*parts[1:]))
    for extra in MATHJAX_EXTRAS:
        shutil.copytree(es5 / extra, target / extra, dirs_exist_ok=True)


# ---------------------------------------------------------------------------------------
# Bibliography style

def _last_names(person) -> str:
    """"de Matos", "Møller": von part and last name, LaTeX accents decoded."""
    names = person.prelast_names + person.last_names
    return " ".join(Text.from_latex(name).render_as("text") for name in names)


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels like "Singh, 1990", "Reichheld and Sasser, 1990", "Heskett et al., 1994".

    Works by the same authors in the same year get "1996a", "1996b".
    """

    def format_label(self, entry) -> str:
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [_last_names(p) for p in persons]
        if not names:
            who = entry.fields.get("organization") or entry.fields.get("key") or entry.key
            who = Text.from_latex(str(who)).render_as("text")
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        return f"{who}, {entry.fields.get('year', 'n.d.')}"

    def format_labels(self, sorted_entries):
        labels = [self.format_label(entry) for entry in sorted_entries]
        count = Counter(labels)
        seen: Counter[str] = Counter()
        for label in labels:
            if count[label] == 1:
                yield label
            else:
                yield label + chr(ord("a") + seen[label])
                seen[label] += 1


class AuthorYearStyle(PlainStyle):
    """BibTeX's ``plain`` entries, sorted by author-year-title, with author-year labels and
    titles in the capitalisation the ``.bib`` file gives them."""

    default_label_style = AuthorYearLabelStyle
    default_sorting_style = "author_year_title"

    def format_title(self, e, which_field, as_sentence=True):
        formatted_title = field(which_field)
        if as_sentence:
            return sentence[formatted_title]
        return formatted_title


register_plugin("pybtex.style.formatting", "csmlab", AuthorYearStyle)
register_plugin("pybtex.style.labels", "csmlab_author_year", AuthorYearLabelStyle)


# ---------------------------------------------------------------------------------------
# Maths: TeX to MathML at build time

def tex_to_mathml(tex: str, display: bool) -> str:
    """MathML for a TeX formula (what a page carries instead of the TeX)."""
    from latex2mathml.converter import convert

    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises several kinds of parse errors
        raise ExtensionError(f"cannot convert this maths to MathML: {tex!r} ({exc})") from exc


def visit_math(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<span class="math notranslate">{tex_to_mathml(node.astext(), False)}</span>')
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<div class="math notranslate">{tex_to_mathml(node.astext(), True)}</div>')
    raise nodes.SkipNode


def add_mathjax(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Load MathJax's MathML component on the pages that have maths."""
    if doctree is None or app.builder.format != "html":
        return
    domain = app.env.get_domain("math")
    if domain.has_equations(pagename):
        app.add_js_file(app.config.mathjax_path, loading_method="async")


def setup(app: Sphinx) -> dict:
    if "comments_config" not in app.config:
        app.add_config_value("comments_config", {}, "html")
    app.add_html_math_renderer("csmlab_mathml", (visit_math, None), (visit_math_block, None))
    app.connect("html-page-context", add_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
