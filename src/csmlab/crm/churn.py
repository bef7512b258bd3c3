"""Churn analysis with a decision tree: the seed's churn tree (slide 83) and a learner's view.

:func:`churn_example` builds 10,000 customers that reproduce the seed's churn
tree exactly, :func:`seed_tree` reads the tree's nodes off them,
:func:`split_gains` scores every candidate split by :func:`gini` or
:func:`entropy`, and :func:`fit_tree` with :func:`tree_nodes` shows what a
greedy learner (scikit-learn) makes of the same data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v

__all__ = [
    "churn_example", "seed_tree", "split_gains", "gini", "entropy", "fit_tree", "tree_nodes",
]


def churn_example(seed: int = 0, older_bad_credit: int = 900) -> pd.DataFrame:
    """10,000 customers that reproduce the seed's churn tree exactly (slide 83).

    Every node of the seed's tree has its stated customers and churners:
    all 10,000 / 2,000; age ≥ 40: 6,000 / 1,000; age < 40: 4,000 / 1,000;
    under 40 with bad credit 800 / 400, with good credit 3,200 / 600; under 40,
    bad credit and single 200 / 180, married 600 / 220.

    What the seed does not say is filled in without adding any pattern: ages
    are drawn uniformly (18–39 and 40–79 years), marriage is a coin flip
    outside the bad-credit-under-40 node, and among the over-40s
    ``older_bad_credit`` customers have bad credit, with that group's churn rate
    equal to the over-40s' (1 in 6). That last choice matters: it decides
    whether a greedy learner splits on credit before age.

    Parameters
    ----------
    seed : int
        Seed of the random generator that shuffles who is who.
    older_bad_credit : int
        Customers aged 40 or more with bad credit, a multiple of 6 from 0 to
        6,000 (so that one in six of them churns exactly).

    Returns
    -------
    DataFrame
        Columns ``age`` (years, int), ``credit`` ("good"/"bad"), ``married``
        (bool), ``churned`` (bool); 10,000 rows.

    Examples
    --------
    >>> d = churn_example()
    >>> len(d), int(d["churned"].sum())
    (10000, 2000)
    >>> young_bad = d[(d.age < 40) & (d.credit == "bad")]
    >>> len(young_bad), int(young_bad.churned.sum())
    (800, 400)
    """
    seed = v.integer("seed", seed, 0)
    older_bad_credit = v.count("older_bad_credit", older_bad_credit, 6000)
    if older_bad_credit % 6:
        raise ValueError(f"older_bad_credit must be a multiple of 6 (so one in six churns "
                         f"exactly); got {older_bad_credit}")
    rng = np.random.default_rng(seed)
    # (age group, credit, married or None for a coin flip, customers, churners)
    cells = [
        ("40+", "bad", None, older_bad_credit, older_bad_credit // 6),
        ("40+", "good", None, 6000 - older_bad_credit, 1000 - older_bad_credit // 6),
        ("<40", "good", None, 3200, 600),
        ("<40", "bad", False, 200, 180),
        ("<40", "bad", True, 600, 220),
    ]
    parts = []
    for group, credit, married, n, churners in cells:
        if n == 0:
            continue
        age = rng.integers(40, 80, n) if group == "40+" else rng.integers(18, 40, n)
        churned = np.zeros(n, dtype=bool)
        churned[rng.permutation(n)[:churners]] = True
        wed = rng.random(n) < 0.5 if married is None else np.full(n, married)
        parts.append(pd.DataFrame({"age": age.astype("int64"), "credit": credit,
                                   "married": wed.astype(bool), "churned": churned}))
    frame = pd.concat(parts, ignore_index=True)
    return frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)


def seed_tree(data: pd.DataFrame) -> pd.DataFrame:
    """Customers, churners and churn rate at each node of the seed's tree.

    Examples
    --------
    >>> seed_tree(churn_example())["churned"].tolist()
    [2000, 1000, 1000, 400, 600, 180, 220]
    """
    young = data["age"] < 40
    bad = data["credit"] == "bad"
    married = data["married"].astype(bool)
    nodes = {
        "all customers": np.ones(len(data), dtype=bool),
        "age 40 or over": ~young,
        "age under 40": young,
        "under 40, bad credit": young & bad,
        "under 40, good credit": young & ~bad,
        "under 40, bad credit, single": young & bad & ~married,
        "under 40, bad credit, married": young & bad & married,
    }
    churned = data["churned"].to_numpy(dtype=bool)
    rows = [{"node": k, "customers": int(m.sum()), "churned": int(churned[np.asarray(m)].sum())}
            for k, m in nodes.items()]
    frame = pd.DataFrame(rows).set_index("node")
    frame["churn rate"] = frame["churned"] / frame["customers"]
    return frame


def gini(p: Any) -> Any:
    """Gini impurity of a two-class node with churn share ``p``: 2p(1 − p).

    >>> round(float(gini(0.2)), 4)
    0.32
    """
    p = np.asarray(p, dtype=float)
    return 2 * p * (1 - p)


def entropy(p: Any) -> Any:
    """Entropy in bits of a two-class node with churn share ``p``.

    >>> float(entropy(0.5))
    1.0
    """
    p = np.clip(np.asarray(p, dtype=float), 1e-300, 1)
    q = np.clip(1 - np.asarray(p, dtype=float), 1e-300, 1)
    return -(p * np.log2(p) + q * np.log2(q))


def _impurity(criterion: str) -> Any:
    return {"gini": gini, "entropy": entropy}[v.one_of("criterion", criterion,
                                                        ("gini", "entropy"))]


def split_gains(data: pd.DataFrame, mask: Any = None, *, criterion: str = "gini") -> pd.DataFrame:
    """Impurity decrease of each candidate split of a node, best first.

    Candidates: age at its best threshold (any whole year), credit (bad vs
    good) and marital status. The decrease is the node's impurity minus the
    customer-weighted impurity of its two children, the quantity a greedy
    tree learner (CART, scikit-learn's ``DecisionTreeClassifier``) maximises.

    Parameters
    ----------
    data : DataFrame
        As from :func:`churn_example`.
    mask : array of bool, optional
        The node's customers (default all).
    criterion : {"gini", "entropy"}

    Examples
    --------
    >>> g = split_gains(churn_example())
    >>> g.index[0]
    'credit'
    """
    imp = _impurity(criterion)
    d = data if mask is None else data.loc[np.asarray(mask, dtype=bool)]
    y = d["churned"].to_numpy(dtype=bool)
    n = len(y)
    if n == 0:
        raise ValueError("mask selects no customers")
    parent = float(imp(y.mean()))

    def gain(left: np.ndarray) -> float:
        nl = left.sum()
        if nl == 0 or nl == n:
            return 0.0
        pl, pr = y[left].mean(), y[~left].mean()
        return parent - (nl / n * float(imp(pl)) + (n - nl) / n * float(imp(pr)))

    rows = []
    ages = d["age"].to_numpy()
    best, best_t = -1.0, None
    for t in np.unique(ages)[1:]:
        g = gain(ages < t)
        if g > best + 1e-15:
            best, best_t = g, t
    if best_t is not None:
        rows.append({"split": "age", "rule": f"age < {best_t}", "gain": best})
    rows.append({"split": "credit", "rule": "credit bad",
                 "gain": gain((d["credit"] == "bad").to_numpy())})
    rows.append({"split": "married", "rule": "married",
                 "gain": gain(d["married"].to_numpy(dtype=bool))})
    frame = pd.DataFrame(rows).set_index("split").sort_values("gain", ascending=False)
    frame["node impurity"] = parent
    frame["customers"] = n
    return frame


def _features(data: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"age": data["age"].to_numpy(dtype=float),
                         "bad credit": (data["credit"] == "bad").to_numpy(dtype=float),
                         "married": data["married"].to_numpy(dtype=float)})


def fit_tree(data: pd.DataFrame, *, max_depth: int = 3, criterion: str = "gini",
             min_samples_leaf: int = 1, random_state: int = 0) -> Any:
    """Fit scikit-learn's decision tree to the churn data (features age, bad credit, married).

    Examples
    --------
    >>> tree = fit_tree(churn_example(), max_depth=1)
    >>> tree_nodes(tree)["rule"].tolist()
    ['all customers', 'bad credit', 'not bad credit']
    """
    from sklearn.tree import DecisionTreeClassifier

    max_depth = v.integer("max_depth", max_depth, 1, 20)
    min_samples_leaf = v.integer("min_samples_leaf", min_samples_leaf, 1)
    criterion = v.one_of("criterion", criterion, ("gini", "entropy"))
    model = DecisionTreeClassifier(max_depth=max_depth, criterion=criterion,
                                   min_samples_leaf=min_samples_leaf, random_state=random_state)
    return model.fit(_features(data), data["churned"].to_numpy(dtype=bool))


def tree_nodes(model: Any) -> pd.DataFrame:
    """The nodes of a fitted tree, depth first: rule, depth, customers, churners, rate.

    Binary features print as ``bad credit`` / ``not bad credit``; age as
    ``age < t`` / ``age ≥ t`` with ``t`` rounded up to the next whole year.
    """
    t = model.tree_
    names = list(model.feature_names_in_)
    rows: list[dict[str, Any]] = []

    def label(feature: int, threshold: float, left: bool) -> str:
        name = names[feature]
        if name == "age":
            cut = int(np.ceil(threshold))
            return f"age < {cut}" if left else f"age ≥ {cut}"
        return f"not {name}" if left else name

    def walk(node: int, rule: str, depth: int) -> None:
        n = int(t.n_node_samples[node])
        value = t.value[node][0]
        rate = float(value[1] / value.sum())
        rows.append({"rule": rule, "depth": depth, "customers": n,
                     "churned": int(round(rate * n)), "churn rate": rate})
        if t.children_left[node] != -1:
            f, thr = int(t.feature[node]), float(t.threshold[node])
            # scikit-learn sends x <= threshold left; list the "true" branch first.
            kids = [(t.children_right[node], label(f, thr, False)),
                    (t.children_left[node], label(f, thr, True))]
            if names[f] == "age":
                kids = kids[::-1]
            for child, text in kids:
                walk(int(child), text, depth + 1)

    walk(0, "all customers", 0)
    return pd.DataFrame(rows)
