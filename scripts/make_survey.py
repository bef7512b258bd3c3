"""Generate ``data/survey.csv``: a synthetic SERVQUAL survey of 300 respondents.

The file is made up, on purpose and reproducibly: the course needs survey data
with a known structure to practise SERVQUAL gap scores, a customer satisfaction
index (CSI) and importance–performance analysis, and no public SERVQUAL data
set of the right shape and licence exists. Run it again and you get the same
file byte for byte::

    python scripts/make_survey.py            # writes data/survey.csv
    python scripts/make_survey.py --check    # exits 1 if the file differs

How the data are made (every choice is illustrative, not from a source)
-----------------------------------------------------------------------
* 300 respondents of a fictional hotel, each a first-time guest or a regular
  (30% regulars).
* The 22 SERVQUAL items of Parasuraman, Zeithaml and Berry (1988), grouped as
  tangibles 4, reliability 5, responsiveness 4, assurance 4, empathy 5. Each
  item has an expectation score ``e_*`` and a perception score ``p_*`` on the
  usual 1–7 scale (1 = strongly disagree, 7 = strongly agree).
* Expectations are high (about 6) everywhere. True perceptions per dimension
  are set so that reliability and responsiveness fall short most (the pattern
  SERVQUAL studies usually find) and tangibles slightly exceed expectations.
  Each respondent has a personal level shift (some people rate everything
  higher) and each item an independent noise term; scores are rounded and
  clipped to 1–7.
* Each respondent splits 100 importance points over the five dimensions
  (``w_*``), drawn from a Dirichlet distribution centred on reliability first.
* Overall satisfaction (1–7) depends on the importance-weighted perception
  gaps and the mean perception, plus noise. Its centre (``INTERCEPT``) and
  spread (``SPREAD``) are set so that about a fifth of the guests give the top
  score, 7 ("completely satisfied"): enough of them to measure.
* Intention to return (true/false) is drawn with a probability that creeps up
  from 2% to 14% over scores 1–6 and then jumps to 85% at 7 (``RETURN_PROB``).
  The jump into the top box is the course's teaching point, after Jones and
  Sasser (1995), who report that Xerox customers giving the top score were
  about six times as likely to repurchase as those giving the next one:
  0.85 / 0.14 ≈ 6 here. The size of the jump is illustrative.

Seed: 2026 (``numpy.random.default_rng``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2026
N = 300
ITEMS = {"tangibles": 4, "reliability": 5, "responsiveness": 4, "assurance": 4, "empathy": 5}
SHORT = {"tangibles": "tan", "reliability": "rel", "responsiveness": "res",
         "assurance": "ass", "empathy": "emp"}
# Mean expectation and mean perception per dimension (1–7 scale), illustrative.
EXPECT = {"tangibles": 5.4, "reliability": 6.4, "responsiveness": 6.1, "assurance": 6.0,
          "empathy": 5.6}
PERCEIVE = {"tangibles": 5.7, "reliability": 5.0, "responsiveness": 4.9, "assurance": 5.6,
            "empathy": 5.3}
# Intercept of latent overall satisfaction: sets how many guests give the top box.
INTERCEPT = 6.8
# How strongly the gaps and the perceived level move overall satisfaction.
SPREAD = 1.8
# Chance of intending to return at each overall score (1–7), illustrative. Loyalty
# jumps into the top box ("completely satisfied"): 0.85 / 0.14 ≈ 6, echoing the
# Xerox finding reported by Jones & Sasser (1995) on a 5-point scale.
RETURN_PROB = {1: 0.02, 2: 0.03, 3: 0.05, 4: 0.07, 5: 0.10, 6: 0.14, 7: 0.85}
# Mean importance shares (Dirichlet centre), illustrative.
IMPORTANCE = {"tangibles": 0.11, "reliability": 0.32, "responsiveness": 0.22,
              "assurance": 0.19, "empathy": 0.16}


def columns() -> list[str]:
    """The file's columns, in order."""
    cols = ["respondent_id", "segment"]
    for prefix in ("e", "p"):
        for dim, k in ITEMS.items():
            cols += [f"{prefix}_{SHORT[dim]}{i}" for i in range(1, k + 1)]
    cols += [f"w_{dim}" for dim in ITEMS]
    cols += ["overall", "return_intent"]
    return cols


def make(seed: int = SEED, n: int = N) -> pd.DataFrame:
    """Build the survey as a DataFrame (the same for the same seed)."""
    rng = np.random.default_rng(seed)
    regular = rng.random(n) < 0.30
    level = rng.normal(0.0, 0.5, n)               # personal rating style
    data: dict[str, object] = {"respondent_id": np.arange(1, n + 1),
                               "segment": np.where(regular, "regular", "first-time")}
    gaps = {}
    e_cols, p_cols = {}, {}
    for dim, k in ITEMS.items():
        # regulars expect a little more and perceive a little better
        e_true = EXPECT[dim] + 0.2 * regular + 0.5 * level
        p_true = PERCEIVE[dim] + 0.3 * regular + 0.6 * level + rng.normal(0, 0.6, n)
        e = np.clip(np.rint(e_true[:, None] + rng.normal(0, 0.6, (n, k))), 1, 7).astype(int)
        p = np.clip(np.rint(p_true[:, None] + rng.normal(0, 0.7, (n, k))), 1, 7).astype(int)
        for i in range(k):
            e_cols[f"e_{SHORT[dim]}{i + 1}"] = e[:, i]
            p_cols[f"p_{SHORT[dim]}{i + 1}"] = p[:, i]
        gaps[dim] = p.mean(axis=1) - e.mean(axis=1)
    data.update(e_cols)
    data.update(p_cols)
    alpha = 20 * np.array(list(IMPORTANCE.values()))
    shares = rng.dirichlet(alpha, n)
    points = np.floor(shares * 100).astype(int)
    # hand the rounding remainder to the largest share so each row sums to 100
    rows = np.arange(n)
    points[rows, shares.argmax(axis=1)] += 100 - points.sum(axis=1)
    for j, dim in enumerate(ITEMS):
        data[f"w_{dim}"] = points[:, j]
    weighted_gap = sum(points[:, j] / 100 * gaps[dim] for j, dim in enumerate(ITEMS))
    perceived = np.mean([p_cols[c] for c in p_cols], axis=0)
    drivers = 1.1 * weighted_gap + 0.5 * (perceived - 5.3)
    latent = INTERCEPT + SPREAD * drivers + rng.normal(0, 0.6, n)
    overall = np.clip(np.rint(latent), 1, 7).astype(int)
    p_return = np.array([RETURN_PROB[int(k)] for k in overall])
    data["overall"] = overall
    data["return_intent"] = np.where(rng.random(n) < p_return, "true", "false")
    frame = pd.DataFrame(data)
    return frame[columns()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[1] / "data" / "survey.csv")
    parser.add_argument("--check", action="store_true",
                        help="compare with the existing file instead of writing it")
    args = parser.parse_args(argv)
    text = make().to_csv(index=False, lineterminator="\n")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("survey.csv is up to date" if same else "survey.csv differs from the generator")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines()) - 1} respondents to {args.out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
