"""Tests for csmlab.transactions: the one check of a transaction log, shared by crm and customerbase."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from csmlab import crm, customerbase
from csmlab.transactions import as_date, check_transactions

SRC = Path(__file__).resolve().parents[1] / "src" / "csmlab"
GOOD = pd.DataFrame({"customer_id": [1, 1, 2], "amount": [10.0, 5.0, 3.0], "extra": "x",
                     "date": pd.to_datetime(["1997-01-01 10:00", "1997-02-01 00:00",
                                            "1997-01-05 12:30"])})


def test_check_keeps_three_columns_and_normalises_dates():
    tx = check_transactions(GOOD)
    assert list(tx.columns) == ["customer_id", "date", "amount"]
    assert (tx["date"] == tx["date"].dt.normalize()).all()
    assert tx["amount"].tolist() == [10.0, 5.0, 3.0]


@pytest.mark.parametrize("bad, message", [
    ([1, 2, 3], "must be a pandas DataFrame"),
    (GOOD.drop(columns="amount"), "missing column 'amount'"),
    (GOOD.iloc[:0], "is empty"),
    (GOOD.assign(amount=[1.0, -1.0, 2.0]), r"'amount', row 1 \(position 1\): must be at least 0"),
    (GOOD.assign(amount=[1.0, float("nan"), 2.0]), "'amount', row 1.*finite"),
    (GOOD.assign(date=["1997-01-01", "soon", "1997-01-02"]), "'date', row 1.*must be a date"),
    (GOOD.assign(customer_id=[1, None, 2]), "'customer_id', row 1.*must not be missing"),
])
def test_crm_and_customerbase_reject_bad_logs_alike(bad, message):
    for call in (check_transactions, lambda tx: crm.customer_table(tx, "1998-01-01"),
                 lambda tx: customerbase.summary(tx, "1997-03-01"),
                 crm.half_year_retention):
        with pytest.raises(ValueError, match=message):
            call(bad)


def test_as_date():
    assert as_date("d", "1997-09-30 17:45") == pd.Timestamp("1997-09-30")
    for bad in ("not a date", None, float("nan")):
        with pytest.raises(ValueError, match="^d must be a date"):
            as_date("d", bad)


def test_the_check_is_written_once():
    """No module but csmlab.transactions defines its own transaction check."""
    defining = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                      if re.search(r"^def \w*check_transactions", p.read_text("utf-8"), re.M))
    assert defining == ["transactions.py"]
