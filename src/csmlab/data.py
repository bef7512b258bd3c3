"""Loaders for the data files in ``data/``, with their schemas checked.

Notebooks never hard-code a path: they call a loader here, which knows where
the file is, reads it, checks every column against its :class:`Schema`, and
says which file, row and column is wrong when something is.

Where the files are: the ``data/`` folder of a repository checkout (editable
install, the usual case), or the copy packaged inside ``csmlab`` by a
non-editable install (for example in Colab). The environment variable
``CSMLAB_DATA`` overrides both.

Examples
--------
>>> schema = Schema("example.csv", [Column("customer_id", "int", low=1),
...                                  Column("amount", "float", low=0)])
>>> import io
>>> schema.read(io.StringIO("customer_id,amount\\n1,9.5\\n2,-3\\n"))
Traceback (most recent call last):
...
csmlab.data.DataError: example.csv, row 2, column 'amount': must be a number in [0, inf); got '-3'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import numpy as np
import pandas as pd

__all__ = ["DataError", "Column", "Schema", "data_dir", "data_path"]


class DataError(ValueError):
    """A data file does not match its schema; the message names file, row and column."""


ColumnType = Literal["int", "float", "str", "bool", "date"]


@dataclass(frozen=True)
class Column:
    """One column of a data file.

    Parameters
    ----------
    name : str
        Column name, as in the file's header.
    type : {"int", "float", "str", "bool", "date"}
        What every value must parse as.
    low, high : float, optional
        Allowed range for numbers.
    options : tuple of str, optional
        Allowed values for strings.
    date_format : str
        ``strptime`` format for dates (default ISO ``%Y-%m-%d``).
    description : str
        What the column holds (repeated in the data README).
    """

    name: str
    type: ColumnType
    low: float | None = None
    high: float | None = None
    options: tuple[str, ...] = ()
    date_format: str = "%Y-%m-%d"
    description: str = ""

    def parse(self, raw: pd.Series, filename: str) -> pd.Series:
        """Parse a column of raw strings, or raise :class:`DataError` at the first bad row.

        ``raw`` is indexed by row number in the file (1 = first data row).
        """
        text = raw.str.strip()

        def fail(mask: pd.Series, expected: str) -> None:
            row = mask[mask].index[0]
            raise DataError(f"{filename}, row {row}, column {self.name!r}: {expected}; "
                            f"got {text[row]!r}")

        if self.type == "str":
            if self.options:
                bad = ~text.isin(self.options)
                if bad.any():
                    fail(bad, f"must be one of {', '.join(self.options)}")
            return text
        if self.type == "bool":
            lowered = text.str.lower()
            bad = ~lowered.isin(["true", "false", "1", "0"])
            if bad.any():
                fail(bad, "must be true or false")
            return lowered.isin(["true", "1"])
        if self.type == "date":
            parsed = pd.to_datetime(text, format=self.date_format, errors="coerce")
            bad = parsed.isna()
            if bad.any():
                fail(bad, f"must be a date in the format {self.date_format}")
            return parsed
        number = pd.to_numeric(text, errors="coerce")
        bad = number.isna() | ~pd.Series(np.isfinite(number.to_numpy(dtype=float)),
                                         index=number.index)
        if bad.any():
            fail(bad, "must be a finite number")
        if self.type == "int":
            bad = number != np.floor(number)
            if bad.any():
                fail(bad, "must be a whole number")
        bad = pd.Series(False, index=number.index)
        if self.low is not None:
            bad |= number < self.low
        if self.high is not None:
            bad |= number > self.high
        if bad.any():
            lo = "-inf" if self.low is None else f"{self.low:g}"
            hi = "inf" if self.high is None else f"{self.high:g}"
            interval = f"{'(' if self.low is None else '['}{lo}, {hi}{')' if self.high is None else ']'}"
            fail(bad, f"must be a number in {interval}")
        return number.astype("int64") if self.type == "int" else number.astype(float)


@dataclass(frozen=True)
class Schema:
    """The expected layout of one data file.

    Parameters
    ----------
    filename : str
        File name inside ``data/``.
    columns : list of Column
        The columns, in file order.
    sep : str or None
        Field separator; ``None`` splits on runs of white space.
    header : bool
        Whether the first line names the columns (it must match ``columns``).
    """

    filename: str
    columns: list[Column] = field(default_factory=list)
    sep: str | None = ","
    header: bool = True

    def read(self, source: str | os.PathLike[str] | IO[str]) -> pd.DataFrame:
        """Read and check a file (or open text stream); return a typed DataFrame."""
        if hasattr(source, "read"):
            return self._parse(source.read().splitlines())  # type: ignore[union-attr]
        path = Path(source)  # type: ignore[arg-type]
        if not path.exists():
            raise DataError(f"{self.filename}: file not found at {path}")
        with open(path, encoding="utf-8") as handle:
            return self._parse(handle.read().splitlines())

    def _parse(self, lines: list[str]) -> pd.DataFrame:
        names = [c.name for c in self.columns]
        split = (lambda line: line.split()) if self.sep is None else (
            lambda line: line.split(self.sep))
        start = 0
        if self.header:
            if not lines:
                raise DataError(f"{self.filename}: the file is empty; expected a header "
                                f"{','.join(names)}")
            found = [h.strip() for h in split(lines[0])]
            if found != names:
                missing = [n for n in names if n not in found]
                extra = [n for n in found if n not in names]
                detail = []
                if missing:
                    detail.append("missing " + ", ".join(missing))
                if extra:
                    detail.append("unexpected " + ", ".join(extra))
                if not detail:
                    detail.append("columns out of order")
                raise DataError(f"{self.filename}, header: expected columns {', '.join(names)}; "
                                f"{'; '.join(detail)}")
            start = 1
        rows: list[list[str]] = []
        index: list[int] = []
        for number, line in enumerate(lines[start:], start=1):
            if not line.strip():
                continue
            cells = split(line)
            if len(cells) != len(names):
                raise DataError(f"{self.filename}, row {number}: expected {len(names)} fields "
                                f"({', '.join(names)}); got {len(cells)}")
            rows.append(cells)
            index.append(number)
        if not rows:
            raise DataError(f"{self.filename}: no data rows")
        raw = pd.DataFrame(rows, columns=names, index=index, dtype=str)
        frame = pd.DataFrame({c.name: c.parse(raw[c.name], self.filename) for c in self.columns})
        return frame.reset_index(drop=True)


def data_dir() -> Path:
    """The folder holding the course's data files.

    Order: ``$CSMLAB_DATA``; the repository's ``data/`` (editable install);
    the copy packaged as ``csmlab/_data`` (non-editable install).
    """
    env = os.environ.get("CSMLAB_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    repo = here.parents[1] / "data"
    if repo.is_dir():
        return repo
    return here / "_data"


def data_path(filename: str) -> Path:
    """Full path of a file in :func:`data_dir`."""
    return data_dir() / filename


# Dataset loaders follow, one section each. Every loader reads through a Schema.


# --- survey (measurement) ---

SERVQUAL_ITEMS: dict[str, int] = {"tangibles": 4, "reliability": 5, "responsiveness": 4,
                                  "assurance": 4, "empathy": 5}
"""SERVQUAL's 22 items per dimension (Parasuraman, Zeithaml & Berry, 1988)."""

_SERVQUAL_SHORT = {"tangibles": "tan", "reliability": "rel", "responsiveness": "res",
                   "assurance": "ass", "empathy": "emp"}


def _survey_schema() -> Schema:
    cols = [Column("respondent_id", "int", low=1, description="Respondent number"),
            Column("segment", "str", options=("first-time", "regular"),
                   description="First-time guest or regular")]
    for prefix, what in (("e", "Expectation"), ("p", "Perception")):
        for dim, k in SERVQUAL_ITEMS.items():
            cols += [Column(f"{prefix}_{_SERVQUAL_SHORT[dim]}{i}", "int", low=1, high=7,
                            description=f"{what}, {dim} item {i} (1–7)")
                     for i in range(1, k + 1)]
    cols += [Column(f"w_{dim}", "int", low=0, high=100,
                    description=f"Importance points given to {dim} (rows sum to 100)")
             for dim in SERVQUAL_ITEMS]
    cols += [Column("overall", "int", low=1, high=7, description="Overall satisfaction (1–7)"),
             Column("return_intent", "bool", description="Intends to return")]
    return Schema("survey.csv", cols)


SURVEY_SCHEMA = _survey_schema()


def load_survey(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load ``survey.csv``: a synthetic SERVQUAL survey of 300 hotel guests.

    The file is made by ``scripts/make_survey.py`` (seeded; see ``data/README.md``).
    Every column is checked against :data:`SURVEY_SCHEMA`, and each row's
    importance points must sum to 100.

    Parameters
    ----------
    path : path-like, optional
        Another file with the same layout (default ``data/survey.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per respondent: ``respondent_id``, ``segment``, 22 expectation
        items ``e_*``, 22 perception items ``p_*`` (1–7), five importance
        columns ``w_*`` (points out of 100), ``overall`` (1–7) and
        ``return_intent`` (bool).

    Examples
    --------
    >>> survey = load_survey()
    >>> survey.shape
    (300, 53)
    >>> int(survey.filter(like="w_").sum(axis=1).eq(100).sum())
    300
    """
    frame = SURVEY_SCHEMA.read(data_path("survey.csv") if path is None else path)
    weights = frame[[f"w_{dim}" for dim in SERVQUAL_ITEMS]].sum(axis=1)
    bad = weights != 100
    if bad.any():
        row = int(bad.to_numpy().argmax()) + 1
        raise DataError(f"survey.csv, row {row}, columns w_*: importance points must sum "
                        f"to 100; got {int(weights.iloc[row - 1])}")
    return frame


# --- CDNOW (crm) ---

CDNOW_SCHEMA = Schema(
    "CDNOW_master.txt",
    [
        Column("customer_id", "int", low=1, high=23_570,
               description="Customer number, 1 to 23,570 (zero-padded in the file)"),
        Column("date", "date", date_format="%Y%m%d",
               description="Day of the purchase, 1 January 1997 to 30 June 1998"),
        Column("number_of_cds", "int", low=1, description="CDs bought in the transaction"),
        Column("dollar_value", "float", low=0, description="Value of the transaction in US$"),
    ],
    sep=None,
)


def load_cdnow() -> pd.DataFrame:
    """The CDNOW transactions: 69,659 purchases by 23,570 customers, 1997-01 to 1998-06.

    Reads ``data/CDNOW_master.txt`` (Fader & Hardie's CDNOW master file; see
    ``data/README.md`` for its provenance) through :data:`CDNOW_SCHEMA`, which
    checks the header, the field count of every row, and each value's type and
    range, and renames the columns.

    Returns
    -------
    pandas.DataFrame
        One row per transaction, in file order, with columns ``customer_id``
        (int), ``date`` (datetime64), ``quantity`` (CDs, int) and ``amount``
        (US$, float).

    Raises
    ------
    DataError
        If the file is missing or any row breaks the schema (the message
        names the row and column).

    Examples
    --------
    >>> cdnow = load_cdnow()
    >>> len(cdnow), cdnow["customer_id"].nunique()
    (69659, 23570)
    >>> list(cdnow.columns)
    ['customer_id', 'date', 'quantity', 'amount']
    """
    frame = CDNOW_SCHEMA.read(data_path(CDNOW_SCHEMA.filename))
    return frame.rename(columns={"number_of_cds": "quantity", "dollar_value": "amount"})


__all__ += ["CDNOW_SCHEMA", "load_cdnow"]


# --- CDNOW sample (customerbase) ---

CDNOW_SAMPLE_SCHEMA = Schema(
    "CDNOW_sample.txt",
    [
        Column("master_id", "int", low=1, high=23_570,
               description="The customer's number in the master file"),
        Column("customer_id", "int", low=1, high=2_357,
               description="The customer's number in the sample, 1 to 2,357"),
        Column("date", "date", date_format="%Y%m%d",
               description="Day of the purchase, 1 January 1997 to 30 June 1998"),
        Column("number_of_cds", "int", low=1, description="CDs bought in the transaction"),
        Column("dollar_value", "float", low=0, description="Value of the transaction in US$"),
    ],
    sep=None,
    header=False,
)

CDNOW_SAMPLE_SUMMARY_SCHEMA = Schema(
    "CDNOW_sample_summary.csv",
    [
        Column("ID", "int", low=1, high=2_357, description="Sample customer number"),
        Column("x", "int", low=0, description="Repeat purchases in weeks 1–39"),
        Column("t_x", "float", low=0, high=39, description="Week of the last purchase, "
               "counted from the first (2 decimals)"),
        Column("T", "float", low=0, high=39, description="Weeks from the first purchase to "
               "the end of week 39 (2 decimals)"),
        Column("zbar", "float", low=0, description="Mean spend per repeat purchase, US$ "
               "(0 when x is 0)"),
    ],
)


def load_cdnow_sample() -> pd.DataFrame:
    """The transactions of the 2,357-customer CDNOW sample (6,919 rows, 1997-01 to 1998-06).

    The 1-in-10 sample of :func:`load_cdnow`'s customers on which Fader,
    Hardie & Lee (2005) fitted the BG/NBD model. Reads ``data/CDNOW_sample.txt``
    (no header, fields separated by spaces; provenance in ``data/README.md``)
    through :data:`CDNOW_SAMPLE_SCHEMA`.

    Returns
    -------
    pandas.DataFrame
        One row per transaction: ``customer_id`` (sample number 1–2,357, the
        ``ID`` of :func:`load_cdnow_sample_summary`), ``master_id`` (number in
        the master file), ``date`` (datetime64), ``quantity`` (CDs) and
        ``amount`` (US$).

    Examples
    --------
    >>> s = load_cdnow_sample()
    >>> len(s), s["customer_id"].nunique()
    (6919, 2357)
    >>> list(s.columns)
    ['customer_id', 'master_id', 'date', 'quantity', 'amount']
    """
    frame = CDNOW_SAMPLE_SCHEMA.read(data_path(CDNOW_SAMPLE_SCHEMA.filename))
    frame = frame.rename(columns={"number_of_cds": "quantity", "dollar_value": "amount"})
    return frame[["customer_id", "master_id", "date", "quantity", "amount"]]


def load_cdnow_sample_summary() -> pd.DataFrame:
    """The published 39-week summary of the CDNOW sample: frequency, recency, T, monetary.

    Reads ``data/CDNOW_sample_summary.csv`` (provenance in ``data/README.md``)
    through :data:`CDNOW_SAMPLE_SUMMARY_SCHEMA`. These are the inputs of the
    published BG/NBD and Gamma-Gamma estimates, with times in weeks rounded to
    two decimals; ``csmlab.customerbase.summary(load_cdnow_sample(),
    "1997-09-30")`` recomputes them from the transactions.

    Returns
    -------
    pandas.DataFrame
        2,357 rows indexed by ``customer_id``: ``frequency`` (repeat purchases,
        file column ``x``), ``recency`` (``t_x``, weeks), ``T`` (weeks) and
        ``monetary`` (``zbar``, mean spend per repeat purchase in US$).

    Raises
    ------
    DataError
        If a row breaks the schema, or a row has recency above T.

    Examples
    --------
    >>> s = load_cdnow_sample_summary()
    >>> s.shape, int(s["frequency"].sum())
    ((2357, 4), 2457)
    """
    frame = CDNOW_SAMPLE_SUMMARY_SCHEMA.read(data_path(CDNOW_SAMPLE_SUMMARY_SCHEMA.filename))
    bad = frame["t_x"] > frame["T"]
    if bad.any():
        row = int(bad.to_numpy().argmax()) + 1
        raise DataError(f"CDNOW_sample_summary.csv, row {row}, column 't_x': must not exceed T; "
                        f"got {frame['t_x'].iloc[row - 1]!r} > {frame['T'].iloc[row - 1]!r}")
    frame = frame.rename(columns={"ID": "customer_id", "x": "frequency", "t_x": "recency",
                                  "zbar": "monetary"})
    return frame.set_index("customer_id")


__all__ += ["CDNOW_SAMPLE_SCHEMA", "CDNOW_SAMPLE_SUMMARY_SCHEMA", "load_cdnow_sample",
            "load_cdnow_sample_summary"]


# --- VOC records (measurement) ---

VOC_CHANNELS: tuple[str, ...] = ("call centre", "web form", "email", "social media",
                                 "survey comment", "front-line report")
"""Channels a VOC record can arrive through (seed 002, slides 44–45 list the kinds)."""

VOC_TYPES: tuple[str, ...] = ("complaint", "claim", "suggestion", "inquiry", "compliment")
"""Kinds of VOC record (seed 002, slide 45: inquiry, complaint, claim, suggestion; plus
compliments, which the course also logs)."""

QCDS: tuple[str, ...] = ("quality", "cost", "delivery", "service")
"""The QCDS headings of the VOC analysis sheet (seed 002, slide 62)."""

VOC_MOMENTS: tuple[str, ...] = ("booking", "arrival", "registration", "wayfinding",
                                "session room", "coffee break", "toilets", "wi-fi",
                                "networking", "lunch", "departure", "follow-up")
"""The moments of truth of the course's convention-centre cycle, in order."""

VOC_SCHEMA = Schema(
    "voc.csv",
    [
        Column("voc_id", "int", low=1, description="Record number"),
        Column("date", "date", description="Day the record arrived (YYYY-MM-DD)"),
        Column("channel", "str", options=VOC_CHANNELS, description="Channel it arrived through"),
        Column("type", "str", options=VOC_TYPES, description="Kind of record"),
        Column("qcds", "str", options=QCDS,
               description="QCDS heading: quality, cost, delivery or service"),
        Column("moment", "str", options=VOC_MOMENTS,
               description="Moment of truth the record is about"),
        Column("severity", "int", low=1, high=5,
               description="How serious, 1 (minor or positive) to 5 (legal or money claim)"),
        Column("text", "str", description="What the customer or employee said (no commas)"),
    ],
)


def load_voc(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load ``voc.csv``: 36 voice-of-the-customer records of a convention centre.

    The records are constructed for the course (see ``data/README.md``): realistic
    but invented, one event fortnight of a fictional convention centre. Every
    column is checked against :data:`VOC_SCHEMA`; errors name file, row and column.

    Parameters
    ----------
    path : path-like, optional
        Another file with the same layout (default ``data/voc.csv``).

    Returns
    -------
    pandas.DataFrame
        One row per record: ``voc_id``, ``date``, ``channel``, ``type``,
        ``qcds``, ``moment``, ``severity`` (1–5) and ``text``.

    Examples
    --------
    >>> voc = load_voc()
    >>> voc.shape
    (36, 8)
    >>> sorted(voc["qcds"].unique())
    ['cost', 'delivery', 'quality', 'service']
    """
    frame = VOC_SCHEMA.read(data_path(VOC_SCHEMA.filename) if path is None else path)
    if not frame["voc_id"].is_unique:
        row = int(frame["voc_id"].duplicated().to_numpy().argmax()) + 1
        raise DataError(f"voc.csv, row {row}, column 'voc_id': must be unique; got "
                        f"{int(frame['voc_id'].iloc[row - 1])} twice")
    return frame


__all__ += ["VOC_CHANNELS", "VOC_TYPES", "QCDS", "VOC_MOMENTS", "VOC_SCHEMA", "load_voc"]
