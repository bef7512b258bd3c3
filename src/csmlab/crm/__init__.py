"""CRM analytics on real customer data: RFM, tiers, the whale curve, churn trees, value.

The seeds (002, slides 78–91) teach customer relationship management (CRM,
고객관계관리) through a handful of analyses that a firm runs on its customer
database. These modules run each of them, either on the CDNOW transactions
(:func:`csmlab.data.load_cdnow`: 23,570 real customers of an online music
store, January 1997 to June 1998) or on the seeds' own tables; they are the
models of chapter 10 (the charts are in :mod:`csmlab.plots.crm`):

==========================  ============================================================
module                      what it holds
==========================  ============================================================
:mod:`csmlab.crm.rfm`       **RFM**: recency, frequency and monetary value per customer
                            as of a date (:func:`customer_table`), scores 1–5
                            (:func:`rfm_scores`), and six named segments mapped to the
                            seeds' six database-marketing strategies (:class:`RFMScenario`;
                            seed 000, slide 24)
:mod:`csmlab.crm.tiers`     **Tiers** by yearly purchases and spend, like the seed's H
                            department store (:func:`assign_tiers`, :class:`TierScenario`;
                            slide 90)
:mod:`csmlab.crm.whale`     **The whale curve**: cumulative profit against customers ranked
                            by profit, and the top 20%'s share (:func:`whale_curve`,
                            :class:`WhaleScenario`)
:mod:`csmlab.crm.tables`    **The seed's tables**: the supermarket and phone customers
                            (slide 89), profit by customer group (slide 78), the
                            loyalty–profitability grid and the faces of customisation
:mod:`csmlab.crm.churn`     **Churn analysis**: a data set that reproduces the seed's churn
                            tree exactly (slide 83) and a greedy learner's view of it
                            (:func:`churn_example`, :func:`split_gains`, :func:`fit_tree`)
:mod:`csmlab.crm.ltv`       **Customer value**: historical value to date, a simple
                            projected lifetime value (:class:`LTVScenario`), and the
                            four levers that grow it (:class:`ValueGrowthScenario`;
                            slide 91)
==========================  ============================================================

Every name is also importable from :mod:`csmlab.crm` itself, as before the package was
split (``from csmlab import crm; crm.rfm_scores(...)``). The CDNOW table is loaded once
and its per-customer aggregates are cached, so an explorer that moves a threshold only
recomputes masks over 23,570 rows. A transaction log passed in is checked by
:func:`csmlab.transactions.check_transactions`, shared with :mod:`csmlab.customerbase`.

Examples
--------
>>> r = RFMScenario().run()
>>> int(r.customers)
23570
"""

from csmlab.crm.churn import (churn_example, entropy, fit_tree, gini, leaf_rules, refit_trees,
                              seed_tree, split_gains, tree_nodes)
from csmlab.crm.ltv import (LEVERS, LTVResult, LTVScenario, ValueGrowthResult, ValueGrowthScenario,
                           cdnow_ltv, growing_value, half_year_retention, value_growth)
from csmlab.crm.rfm import (AS_OF_DATES, CDNOW_END, SEGMENTS, STRATEGIES, RFMResult, RFMScenario,
                            cdnow, cdnow_rfm, customer_table, rfm_scores, rfm_segments)
from csmlab.crm.tables import (CUSTOMISATION_FACES, STRATEGY_GRID, h_store_table, phone_table,
                               profit_groups, supermarket_table)
from csmlab.crm.tiers import TIER_NAMES, TierResult, TierScenario, assign_tiers, cdnow_tiers
from csmlab.crm.whale import WhaleResult, WhaleScenario, cdnow_whale, top_share, whale_curve

__all__ = [
    "SEGMENTS", "STRATEGIES", "cdnow", "customer_table", "rfm_scores", "rfm_segments",
    "RFMScenario", "RFMResult", "assign_tiers", "TierScenario", "TierResult",
    "whale_curve", "top_share", "WhaleScenario", "WhaleResult", "supermarket_table",
    "churn_example", "seed_tree", "split_gains", "gini", "entropy", "fit_tree", "tree_nodes",
    "leaf_rules", "refit_trees", "LTVScenario", "LTVResult", "half_year_retention",
    "LEVERS", "ValueGrowthScenario", "ValueGrowthResult", "value_growth", "growing_value",
    "STRATEGY_GRID", "CUSTOMISATION_FACES", "profit_groups", "phone_table", "h_store_table",
    "cdnow_rfm", "cdnow_tiers", "cdnow_whale", "cdnow_ltv",
    "CDNOW_END", "AS_OF_DATES", "TIER_NAMES",
]
