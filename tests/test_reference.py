"""The csmlab reference in the book (book/reference/, written by book/_ext/csmlab_reference.py).

Checked on the built site against the package itself, counted independently of the extension:
every public model, preset, input field, result field, function and chart has an entry (an
element whose id is its dotted name); the names an instructor types or glues into prose
(``return_ratio``, ``hi_return_ratio``) are in the site search's index and lead to the reference;
and the chapters link to it.
"""

from __future__ import annotations

import dataclasses
import html as htmllib
import importlib
import inspect
import json
import pkgutil
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = Path("book") / "reference"


def public_entries() -> dict[str, str]:
    """Dotted name -> what it is, for everything the reference must show: each module, the
    public objects of each (``__all__``, or the functions and classes it defines), the inputs
    of every scenario, the fields and properties of every result and record, every preset."""
    import csmlab
    from csmlab.scenario import Result, Scenario, presets

    names = {}
    mods = ["csmlab", *sorted(i.name for i in pkgutil.walk_packages(csmlab.__path__, "csmlab."))]
    for mod_name in mods:
        names[mod_name] = "module"
        module = importlib.import_module(mod_name)
        public = getattr(module, "__all__", None)
        if public is None:
            public = [n for n, o in vars(module).items() if not n.startswith("_")
                      and (inspect.isfunction(o) or inspect.isclass(o))
                      and o.__module__ == mod_name]
        for name in public:
            obj = getattr(module, name)
            if inspect.ismodule(obj):
                continue
            if inspect.isclass(obj) or callable(obj):  # functions, also when wrapped (a cache)
                if not obj.__module__.startswith("csmlab"):
                    continue
                full = f"{obj.__module__}.{obj.__qualname__}"
            else:  # a constant: documented in the module that defines it
                homes = [m for m in mods if m.startswith(mod_name + ".")
                         and name in getattr(importlib.import_module(m), "__all__", ())
                         and getattr(importlib.import_module(m), name) is obj]
                full = f"{(homes or [mod_name])[0]}.{name}"
            if inspect.isclass(obj) and dataclasses.is_dataclass(obj):
                kind = "model" if issubclass(obj, Scenario) else (
                    "result" if issubclass(obj, Result) else "record")
                names[full] = kind
                for f in dataclasses.fields(obj):
                    if not f.name.startswith("_"):
                        names[f"{full}.{f.name}"] = f"{kind} field"
                for attr, value in vars(obj).items():
                    if isinstance(value, property) and not attr.startswith("_") and kind != "model":
                        names[f"{full}.{attr}"] = f"{kind} property"
            elif inspect.isclass(obj):
                names[full] = "class"
            elif callable(obj):
                names[full] = "function"
            else:
                names[full] = "constant"
    for qual in presets():
        names[qual] = "preset"
    return names


def reference_ids(site: Path) -> dict[str, str]:
    """Every id on the reference pages -> the page it is on."""
    found = {}
    for page in sorted((site / REFERENCE).glob("*.html")):
        for m in re.findall(r'\bid="([^"]+)"', page.read_text("utf-8")):
            found.setdefault(htmllib.unescape(m), page.name)
    return found


def missing_entries(site: Path) -> list[str]:
    ids = reference_ids(site)
    return [f"{name} ({kind})" for name, kind in public_entries().items() if name not in ids]


def search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def search_hits(index: dict, word: str) -> set[str]:
    """Docnames whose text holds ``word`` (the index's stemmed terms, as the search box looks
    them up) or that document an object whose name ends with it."""
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem(word.lower())
    docs = set()
    for key in ("terms", "titleterms"):
        hit = index[key].get(stem)
        if hit is not None:
            docs.update(index["docnames"][i] for i in ([hit] if isinstance(hit, int) else hit))
    for prefix, entries in index["objects"].items():
        for name, entry in entries.items() if isinstance(entries, dict) else (
                (e[4], e) for e in entries):
            if f"{prefix}.{name}".endswith("." + word):
                docs.add(index["docnames"][entry[0]])
    return docs


def guide_glue_names() -> list[str]:
    """The names the instructors' guide glues with ``glue_all("prefix", preset().run())``."""
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import csmlab_reference

    names = []
    glued = csmlab_reference.glued_results(ROOT)
    for result, uses in glued.items():
        mod, cls = result.rsplit(".", 1)
        fields = [f.name for f in dataclasses.fields(getattr(importlib.import_module(mod), cls))]
        for prefix, where, _ in uses:
            if where == "book/instructors.md":
                names += [f"{prefix}_{f}" for f in fields]
    return names


# ----------------------------------------------------------------------------- the tests

def test_every_public_name_is_in_the_built_reference(built_book):
    missing = missing_entries(built_book)
    assert not missing, ("the csmlab reference (book/reference/) has no entry for "
                         f"{len(missing)} public names; book/_ext/csmlab_reference.py writes it "
                         f"from the package: {missing[:20]}")


def test_reference_check_fails_on_a_copy_missing_a_field(built_book, tmp_path):
    site = tmp_path / "html"
    shutil.copytree(built_book / REFERENCE, site / REFERENCE)
    page = site / REFERENCE / "guarantee.html"
    target = "csmlab.guarantee.GuaranteeScenario.stay_return_rate"
    text = page.read_text("utf-8")
    assert f'id="{target}"' in text
    page.write_text(text.replace(f'id="{target}"', 'id="gone"'), "utf-8")
    assert missing_entries(site) == [f"{target} (model field)"]


def test_inputs_show_name_label_unit_range_default_and_source(built_book):
    page = (built_book / REFERENCE / "guarantee.html").read_text("utf-8")
    row = re.search(r'<tr[^>]*id="csmlab\.guarantee\.GuaranteeScenario\.price".*?</tr>', page,
                    re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row,
                                                                    re.S)]
    assert cells[0] == "price"
    assert cells[1].startswith("Room price")
    assert cells[2:] == ["$ per night", "(0, inf)", "46.0", "seed 000, slide 19"]


def test_field_names_an_instructor_types_are_found_by_the_site_search(built_book):
    index = search_index(built_book)
    reference = {f"{REFERENCE.as_posix()}/guarantee"}
    assert search_hits(index, "return_ratio") & reference
    assert search_hits(index, "hampton_inn") & reference
    names = guide_glue_names()
    assert "hi_return_ratio" in names, ("the instructors' guide no longer glues hampton_inn() "
                                        "as 'hi': update this example")
    lost = [n for n in names if not search_hits(index, n) & reference]
    assert not lost, f"the site search does not find these glued names in the reference: {lost}"


def test_search_check_can_fail(built_book):
    index = search_index(built_book)
    assert not search_hits(index, "hi_no_such_field")


def test_reference_says_which_chapters_use_each_model(built_book):
    page = (built_book / REFERENCE / "guarantee.html").read_text("utf-8")
    used = page.split("Used in:", 1)[1].split("</p>", 1)[0]
    assert 'href="../../notebooks/07_service_guarantees.html"' in used


def test_chapters_link_their_code_names_to_the_reference(built_book):
    """Inline code naming a documented object (the package map in chapter 00, a preset in a
    chapter's prose) links to its entry."""
    page = (built_book / "notebooks" / "00_getting_started.html").read_text("utf-8")
    links = re.findall(r'href="(\.\./book/reference/[^"#]+#[^"]+)"', page)
    assert "../book/reference/guarantee.html#csmlab.guarantee" in links
    assert "../book/reference/crm.html#csmlab.crm.rfm" in links
    ids = reference_ids(built_book)
    for link in links:
        page_name, anchor = link.rsplit("/", 1)[1].split("#")
        assert ids.get(anchor) == page_name, f"chapter 00 links to a missing entry: {link}"


@pytest.mark.parametrize("doc", ["notebooks/07_service_guarantees"])
def test_chapter_links_to_its_models(built_book, doc):
    page = (built_book / f"{doc}.html").read_text("utf-8")
    assert "../book/reference/guarantee.html#" in page
