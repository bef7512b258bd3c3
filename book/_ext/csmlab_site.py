"""Site plumbing for the CSM Lab book (a local Sphinx extension, loaded from ``_config.yml``).

What it does:

* **Maths rendered at build time, laid out by the browser.** The ``{math}`` role and
  directive are converted from TeX to MathML while the book is built (``latex2mathml``),
  so the HTML holds maths, never raw TeX, and current Chromium, Firefox and Safari lay MathML
  out themselves: no maths script is loaded (MathJax's MathML component weighed 1 MB a page,
  and drew the same formulas). ``csmlab.css`` gives the maths a maths font where the reader
  has one and sets large operators (∑, ∏, ∫) at display size, which a browser without a maths
  font would not.
* **An author-year bibliography.** It registers a pybtex style ``csmlab``: entries sorted
  by author, year and title and labelled "Reichheld and Sasser, 1990", matching the
  in-text ``author_year`` citations, with titles kept as written in ``references.bib``
  (BibTeX's ``plain`` style would lowercase them: "handling in america"). Two works that
  would share a label ("Fader et al., 2005") get "2005a" and "2005b", in key order as in
  ``csmlab.citations`` (scripts/make_citations.py), in the text and in the list alike: the
  suffix is written into the parsed entries' year when the build starts
  (:func:`suffix_shared_years`), so every citation style reads it.
* **Icons only as used.** The theme styles its icons with Font Awesome's web fonts (in its CSS)
  and also loads ``fontawesome.js`` (1.5 MB, every icon as SVG) on every page. At the end of the
  build this extension removes that script from every page (the fonts already draw the icons)
  and writes subsets of the two fonts holding only the icons the pages use
  (``_static/icons/``); ``csmlab.css`` declares them after the theme's, so a page downloads a
  few kB of icons instead of 270 kB of fonts.
* **No search index on every page.** The theme loads Sphinx's search index (150 kB) on every
  page for an inline search the book does not use; it is dropped everywhere but search.html.
* **Charts readable whole**: it loads ``csmlab.js`` (the "Enlarge chart" button; see
  ``csmlab.css``).
* **Exercises numbered within their chapter.** Sphinx numbers enumerable nodes across the
  whole book, so chapter 11's first exercise was "Exercise 86" on the site while the student
  edition, where the same student works it, calls it "Exercise 1". After Sphinx assigns
  numbers, :func:`number_exercises_per_chapter` renumbers each page's exercises 1, 2, … in
  their order, and every reference to one ("see Exercise 4") follows.
* It declares ``comments_config``, which Jupyter Book always passes to Sphinx even though
  the book does not load ``sphinx_comments``; otherwise the ``-W`` build stops on
  "unknown config value".
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, sentence
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# ---------------------------------------------------------------------------------------
# Icons: no fontawesome.js, and the icon fonts cut down to the icons the pages use

FONTAWESOME_SCRIPT = re.compile(r'[ \t]*<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>'
                                r'</script>\n?|[ \t]*<link[^>]*href="[^"]*fontawesome\.js[^"]*"[^>]*>\n?')
#: Sphinx's search index and tools, which the theme loads on every page for an inline search
#: that this book does not turn on (``search_as_you_type``): the search button opens a form
#: that goes to search.html, which loads them itself.
SEARCH_SCRIPTS = re.compile(r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
                            r'|searchindex\.js)"></script>\n?')
#: (theme font, subset written to _static/icons/) for the two icon styles the site uses.
ICON_FONTS = (("fa-solid-900.ttf", "fa-solid.woff"), ("fa-brands-400.ttf", "fa-brands.woff"))


def icon_codepoints(theme_css: str, html_texts: list[str]) -> set[int]:
    """Code points of the Font Awesome icons that the pages name (``fa-bars`` -> U+F0C9)."""
    used = set()
    for text in html_texts:
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', text):
            used.update(c for c in classes.split() if c.startswith("fa-"))
    points = set()
    for selectors, code in re.findall(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}',
                                      theme_css):
        names = {n[1:].split(":")[0] for n in selectors.split(",") if n}
        if names & used:
            points.add(int(code, 16))
    return points


def lighten_icons(app: Sphinx, exception: Exception | None) -> None:
    """Drop ``fontawesome.js`` from every page; write the icon-font subsets they need."""
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset

    out = Path(app.outdir)
    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    texts = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lighter = FONTAWESOME_SCRIPT.sub("", text)
        if page.relative_to(out).as_posix() != "search.html":
            lighter = SEARCH_SCRIPTS.sub("", lighter)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")
        texts.append(lighter)
    for name in ("fontawesome.js", "fontawesome.js.map", "fontawesome.js.LICENSE.txt"):
        (out / "_static" / "scripts" / name).unlink(missing_ok=True)
    theme_css = (out / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    points = icon_codepoints(theme_css, texts)
    # Icons the theme draws through variables (admonition titles: --pst-icon-admonition-note).
    for value in re.findall(r'--pst-icon-[a-z0-9-]+:\s*"([^"]{1,6})"', theme_css):
        if value.startswith("\\"):
            points.add(int(value[1:], 16))
        elif len(value) == 1:
            points.add(ord(value))
    # Icons that other stylesheets draw themselves (content: "\f107" in sphinx-book-theme.css).
    for css in (out / "_static").rglob("*.css"):
        if css.name != "pydata-sphinx-theme.css":
            points.update(int(c, 16) for c in re.findall(r'content:\s*"\\(f[0-9a-f]{3})"',
                                                          css.read_text(encoding="utf-8")))
    webfonts = out / "_static" / "vendor" / "fontawesome" / "webfonts"
    target = out / "_static" / "icons"
    target.mkdir(exist_ok=True)
    for source, name in ICON_FONTS:
        if not (webfonts / source).is_file():
            raise ExtensionError(f"theme icon font {webfonts / source} not found")
        options = subset.Options()
        options.flavor = "woff"
        options.layout_features = ["*"]
        font = subset.load_font(str(webfonts / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        subset.save_font(font, str(target / name), options)


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


def suffix_shared_years(entries) -> dict[str, str]:
    """Give works that share an author-year label the years "2005a", "2005b", … in key order.

    ``entries`` maps bib keys to pybtex entries (``BibliographyData.entries``); their ``year``
    fields are changed in place and the changed keys returned with their new years. Running
    it again changes nothing (a year already suffixed is grouped by its digits).

    >>> from pybtex.database import Entry, Person
    >>> def paper(year):
    ...     e = Entry("article", fields={"year": year, "title": "T"})
    ...     for name in ("Fader, Peter", "Hardie, Bruce", "Lee, Ka Lok"):
    ...         e.add_person(Person(name), "author")
    ...     return e
    >>> entries = {"fader2005rfm": paper("2005"), "fader2005": paper("2005"), "x": paper("2004")}
    >>> suffix_shared_years(entries)
    {'fader2005': '2005a', 'fader2005rfm': '2005b'}
    >>> suffix_shared_years(entries)
    {'fader2005': '2005a', 'fader2005rfm': '2005b'}
    >>> entries["x"].fields["year"]
    '2004'
    """
    style = AuthorYearLabelStyle()
    groups: dict[str, list[str]] = {}
    for key in sorted(entries):
        entry = entries[key]
        year = str(entry.fields.get("year", ""))
        base = re.sub(r"(?<=\d)[a-z]$", "", year)
        if base != year:
            entry.fields["year"] = base
        groups.setdefault(style.format_label(entry), []).append(key)
    changed: dict[str, str] = {}
    for keys in groups.values():
        if len(keys) > 1:
            for letter, key in zip("abcdefghijklmnopqrstuvwxyz", keys):
                entries[key].fields["year"] = changed[key] = (
                    str(entries[key].fields["year"]) + letter)
    return changed


def _suffix_bibdata_years(app: Sphinx) -> None:
    """After sphinxcontrib-bibtex has parsed ``references.bib`` (its ``builder-inited``)."""
    domain = app.env.get_domain("cite")
    suffix_shared_years(domain.bibdata.data.entries)


register_plugin("pybtex.style.formatting", "csmlab", AuthorYearStyle)
register_plugin("pybtex.style.labels", "csmlab_author_year", AuthorYearLabelStyle)


# ---------------------------------------------------------------------------------------
# Maths: TeX to MathML at build time

#: Large operators, marked so that csmlab.css can set them at display size.
LARGE_OPERATORS = ("&#x02211;", "&#x0220F;", "&#x0222B;")


def tex_to_mathml(tex: str, display: bool) -> str:
    """MathML for a TeX formula (what a page carries instead of the TeX)."""
    from latex2mathml.converter import convert

    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises several kinds of parse errors
        raise ExtensionError(f"cannot convert this maths to MathML: {tex!r} ({exc})") from exc
    for op in LARGE_OPERATORS:
        mathml = mathml.replace(f"<mo>{op}</mo>", f'<mo largeop="true" class="largeop">{op}</mo>')
    return mathml


def visit_math(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<span class="math notranslate">{tex_to_mathml(node.astext(), False)}</span>')
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    from docutils import nodes

    self.body.append(f'<div class="math notranslate">{tex_to_mathml(node.astext(), True)}</div>')
    raise nodes.SkipNode


def number_exercises_per_chapter(app: Sphinx, env) -> list[str]:
    """Renumber each page's exercises 1, 2, … in page order (Sphinx numbers them book-wide).

    Runs on ``env-get-updated`` after Sphinx's own numbering (priority 900), so cross
    references, resolved later, show the chapter's numbers. Idempotent: numbers already
    renumbered keep their order.
    """
    for numbers in env.toc_fignumbers.values():
        exercises = numbers.get("exercise")
        if exercises:
            for i, key in enumerate(sorted(exercises, key=exercises.get), start=1):
                exercises[key] = (i,)
    return []


def setup(app: Sphinx) -> dict:
    if "comments_config" not in app.config:
        app.add_config_value("comments_config", {}, "html")
    app.add_html_math_renderer("csmlab_mathml", (visit_math, None), (visit_math_block, None))
    app.connect("build-finished", lighten_icons)
    app.connect("builder-inited", _suffix_bibdata_years, priority=900)
    app.connect("env-get-updated", number_exercises_per_chapter, priority=900)
    app.add_js_file("csmlab.js", loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
