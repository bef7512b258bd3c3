"""Churn analysis with a decision tree: the seed's churn tree (slide 83) and a learner's view.

:func:`churn_example` builds 10,000 customers that reproduce the seed's churn
tree exactly, :func:`seed_tree` reads the tree's nodes off them,
:func:`split_gains` scores every candidate split by :func:`gini` or
:func:`entropy`, and :func:`fit_tree` with :func:`tree_nodes` shows what a
greedy learner (scikit-learn) makes of the same data; :func:`refit_trees` grows
the learner's tree again on new samples and checks each one on customers it
was not grown on, which is what shows overfitting.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from csmlab import validation as v

__all__ = [
    "churn_example", "seed_tree", "split_gains", "gini", "entropy", "fit_tree", "tree_nodes",
    "leaf_rules", "refit_trees",
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


def leaf_rules(model: Any) -> dict[int, str]:
    """The path of rules to each leaf of a fitted tree, keyed by scikit-learn's node id.

    Examples
    --------
    >>> rules = leaf_rules(fit_tree(churn_example(), max_depth=1))
    >>> sorted(rules.values())
    ['bad credit', 'not bad credit']
    """
    t = model.tree_
    names = list(model.feature_names_in_)
    out: dict[int, str] = {}

    def label(feature: int, threshold: float, left: bool) -> str:
        if names[feature] == "age":
            cut = int(np.ceil(threshold))
            return f"age < {cut}" if left else f"age ≥ {cut}"
        return f"not {names[feature]}" if left else names[feature]

    def walk(node: int, path: tuple[str, ...]) -> None:
        if t.children_left[node] == -1:
            out[node] = ", ".join(path)
            return
        f, thr = int(t.feature[node]), float(t.threshold[node])
        walk(int(t.children_left[node]), path + (label(f, thr, True),))
        walk(int(t.children_right[node]), path + (label(f, thr, False),))

    walk(0, ())
    return out


def refit_trees(samples: int = 20, *, max_depth: int = 3, seed: int = 0,
                older_bad_credit: int = 900) -> pd.DataFrame:
    """Grow the learner's tree on ``samples`` new samples; check each on other new customers.

    Every sample is drawn from the same population (:func:`churn_example` with
    seeds ``seed``, ``seed + 1``, …): each reproduces the seed's tree exactly,
    so the seed's pockets are real and anything else a tree finds is chance.
    Each tree is then applied, unchanged, to a second fresh sample of 10,000
    customers (seed ``10_000 + seed + k``) that it was not grown on: its
    holdout. A real pattern keeps its churn rate there; a pattern fitted to
    chance falls back toward the rate of the node it was cut from.

    Parameters
    ----------
    samples : int
        Number of samples to grow a tree on, 1 to 200.
    max_depth : int
        Depth of each tree, 1 to 20.
    seed : int
        Seed of the first sample (≥ 0); sample k uses ``seed + k``.
    older_bad_credit : int
        As in :func:`churn_example` (a multiple of 6 from 0 to 6,000).

    Returns
    -------
    DataFrame
        One row per sample (index ``sample``): ``age cuts`` (the age
        thresholds the tree chose, other than the seed's 40, as text),
        ``lowest-churn leaf`` (its rules), ``customers`` in it, its churn rate
        ``in sample`` and ``on new customers``, ``pocket on new customers``
        (the churn rate, on the new customers, of the leaf that holds exactly
        the seed's under-40, bad-credit, single customers, 90% in every
        sample; NaN if the tree does not isolate them), and ``leaf gap``: the customer-weighted mean absolute
        difference between each leaf's churn rate in sample and on new
        customers.

    Examples
    --------
    >>> r = refit_trees(3)
    >>> len(r), bool((r["on new customers"] > r["in sample"]).all())
    (3, True)
    >>> r["pocket on new customers"].round(2).tolist()
    [0.9, 0.9, 0.9]
    """
    samples = v.integer("samples", samples, 1, 200)
    max_depth = v.integer("max_depth", max_depth, 1, 20)
    seed = v.integer("seed", seed, 0)
    rows = []
    for k in range(samples):
        grown = churn_example(seed + k, older_bad_credit)
        fresh = churn_example(10_000 + seed + k, older_bad_credit)
        model = fit_tree(grown, max_depth=max_depth)
        rules = leaf_rules(model)
        leaf_in = model.apply(_features(grown))
        leaf_out = model.apply(_features(fresh))
        y_in = grown["churned"].to_numpy(dtype=bool)
        y_out = fresh["churned"].to_numpy(dtype=bool)
        ids = np.array(sorted(rules))
        n_in = np.array([(leaf_in == i).sum() for i in ids])
        n_out = np.array([(leaf_out == i).sum() for i in ids])
        rate_in = np.array([y_in[leaf_in == i].mean() for i in ids])
        rate_out = np.array([y_out[leaf_out == i].mean() if m else np.nan
                             for i, m in zip(ids, n_out)])
        low = int(np.argmin(rate_in))
        gap = np.nansum(n_in * np.abs(rate_in - rate_out)) / n_in.sum()
        young, bad = grown["age"] < 40, grown["credit"] == "bad"
        pocket_members = (young & bad & ~grown["married"].astype(bool)).to_numpy()
        pocket = np.nan
        for j, i in enumerate(ids):
            if n_in[j] == pocket_members.sum() and pocket_members[leaf_in == i].all():
                pocket = rate_out[j]
        cuts = sorted({int(c) for c in _age_cuts(model)} - {40})
        rows.append({"age cuts": ", ".join(str(c) for c in cuts) or "none",
                     "lowest-churn leaf": rules[int(ids[low])], "customers": int(n_in[low]),
                     "in sample": float(rate_in[low]), "on new customers": float(rate_out[low]),
                     "pocket on new customers": float(pocket), "leaf gap": float(gap)})
    frame = pd.DataFrame(rows, index=pd.RangeIndex(1, samples + 1, name="sample"))
    frame.attrs["formats"] = {"customers": "count", **dict.fromkeys(
        ["in sample", "on new customers", "pocket on new customers", "leaf gap"], "share")}
    return frame


def _age_cuts(model: Any) -> list[int]:
    t = model.tree_
    age = list(model.feature_names_in_).index("age")
    return [int(np.ceil(t.threshold[i])) for i in range(t.node_count)
            if t.children_left[i] != -1 and t.feature[i] == age]
