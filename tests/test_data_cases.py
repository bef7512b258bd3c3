import io

import pandas as pd
import pytest

from csmlab import cases
from csmlab.data import Column, DataError, Schema, data_dir

SCHEMA = Schema("t.csv", [Column("id", "int", low=1), Column("when", "date"),
                          Column("amount", "float", low=0), Column("credit", "str",
                                                                   options=("good", "bad")),
                          Column("married", "bool")])
GOOD = "id,when,amount,credit,married\n1,2024-01-05,9.5,good,true\n2,2024-02-01,0,bad,0\n"


def test_reads_and_types():
    frame = SCHEMA.read(io.StringIO(GOOD))
    assert list(frame.columns) == ["id", "when", "amount", "credit", "married"]
    assert frame["id"].dtype == "int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["when"])
    assert frame["married"].tolist() == [True, False]


@pytest.mark.parametrize("text,message", [
    ("", "t.csv: the file is empty"),
    ("id,when,amount,credit\n", "t.csv, header: expected columns .*missing married"),
    ("id,when,amount,credit,married\n1,2024-01-05,9.5,good\n", r"t.csv, row 1: expected 5 fields"),
    (GOOD + "3,2024-13-01,1,good,true\n", r"t.csv, row 3, column 'when': must be a date"),
    (GOOD + "3,2024-01-01,-1,good,true\n", r"t.csv, row 3, column 'amount': must be a number in \[0, inf\)"),
    (GOOD + "3,2024-01-01,nan,good,true\n", r"row 3, column 'amount': must be a finite number"),
    (GOOD + "3.5,2024-01-01,1,good,true\n", r"row 3, column 'id': must be a whole number"),
    (GOOD + "3,2024-01-01,1,ok,true\n", r"row 3, column 'credit': must be one of good, bad"),
    (GOOD + "3,2024-01-01,1,good,maybe\n", r"row 3, column 'married': must be true or false"),
])
def test_errors_name_file_row_and_column(text, message):
    with pytest.raises(DataError, match=message):
        SCHEMA.read(io.StringIO(text))


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        SCHEMA.read(tmp_path / "nope.csv")


def test_data_dir_override(monkeypatch, tmp_path):
    monkeypatch.setenv("CSMLAB_DATA", str(tmp_path))
    assert data_dir() == tmp_path


def test_every_fact_has_a_source_and_status():
    table = cases.catalogue()
    assert len(table) > 0
    assert (table["source"].str.len() > 0).all()
    assert table["status"].isin(["stated", "derived", "ambiguous", "reported",
                                 "illustrative"]).all()
    derived = table[table["status"].isin(["derived", "ambiguous"])]
    assert (derived["note"].str.len() > 0).all(), "derived/ambiguous facts need a note"


def test_fact_lookup_errors():
    with pytest.raises(ValueError, match="key must name a registered fact"):
        cases.fact("value.nope")


def test_registering_a_key_twice_differently_fails():
    with pytest.raises(ValueError, match="registered twice"):
        cases.register(cases.Fact("value.formula_source", 1, "", "", "x"))


def test_citation_labels_are_generated_from_the_bibliography():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    check = subprocess.run([sys.executable, str(root / "scripts" / "make_citations.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_every_bib_key_a_scenario_names_exists():
    """A source like "heskett1994" must be a key of the bibliography, so that tables can show
    "Heskett et al. 1994" and the chapters can cite the same work."""
    import re

    from csmlab.citations import LABELS
    from csmlab.scenario import scenario_classes

    unknown = set()
    for cls in scenario_classes():
        for name, spec in cls.parameters().items():
            for key in re.findall(r"\b[a-z][a-z]+\d{4}[a-z]?\b", spec.source):
                if key not in LABELS:
                    unknown.add(f"{cls.__name__}.{name}: {key}")
    assert not unknown, f"sources naming no bib entry: {sorted(unknown)}"
