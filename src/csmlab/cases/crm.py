"""Figures for CRM and database marketing (:mod:`csmlab.crm`).

Seed 002 (the consulting deck) is numbered by slide block; seed 004 by post.
"""

from csmlab.cases import Fact, register

register(
    Fact("crm.churn_tree",
         (("all customers", 10_000, 2_000), ("age 40 or over", 6_000, 1_000),
          ("age under 40", 4_000, 1_000), ("under 40, bad credit", 800, 400),
          ("under 40, good credit", 3_200, 600), ("under 40, bad credit, single", 200, 180),
          ("under 40, bad credit, married", 600, 220)),
         "(node, customers, churned)",
         "The seed's churn tree: customers and churners at each node",
         "seed 002, slide 83", status="stated",
         note="Stated rates 20, 17, 25, 50, 19, 90 and 37% are these counts' ratios rounded; "
              "the counts add up at every split."),
    Fact("crm.h_store_tiers",
         (("top", 34, 6_700_000, 0.054), ("good", 14, 2_500_000, 0.156),
          ("regular", 6, 1_200_000, 0.190), ("general", 1, 0, 0.600)),
         "(tier, purchases per year from, ₩ per year from, share of customers)",
         "H department store's four customer tiers",
         "seed 002, slide 90", status="stated",
         note="The general tier is 'under ₩1.2M'; the slide does not say whether a customer "
              "must meet both thresholds or either one."),
    Fact("crm.supermarket",
         (("bottom 20%", 20, 9, 47, 0.1), ("middle 60%", 60, 17, 354, 0.4),
          ("top 20%", 20, 35, 2_730, 1.5)),
         "(tier, customers per 100, $ per visit, $ per year, visits per week)",
         "Supermarket customers by spending tier",
         "seed 002, slide 89", status="stated",
         note="$ per year = $ per visit × visits per week × 52 (46.8, 353.6, 2,730)."),
    Fact("crm.profit_groups",
         (("top", 0.05, 0.80), ("good", 0.11, 0.25), ("general 1", 0.26, 0.16),
          ("general 2", 0.28, 0.02), ("loss-making", 0.28, -0.22)),
         "(group, share of customers, share of profit)",
         "Profit contribution by customer group",
         "seed 002, slide 78", status="ambiguous",
         note="Customer shares sum to 98%, not 100%, so one is probably mistyped and which one "
              "cannot be told; profit shares sum to 101% (rounding)."),
    Fact("crm.phone_groups",
         (("group 4", "$100 or more", 0.04, 0.53, 0.47),
          ("group 3", "$50–100", 0.32, 0.36, 0.36),
          ("group 2", "$25–50", 0.24, 0.14, 0.14),
          ("group 1", "$25 or less", 0.40, 0.03, 0.03)),
         "(group, usage band, share of customers, revenue share reading a, reading b)",
         "Long-distance phone customers by usage band and two readings of their revenue shares",
         "seed 002, slide 89", status="ambiguous",
         note="The slide prints 53, 36, 89, 14 and 3% beside the bands. Reading a takes 53% "
              "for group 4 and 36% for group 3 (so the top 36% of customers bring 89%), but "
              "then the shares sum to 106%. Reading b takes 53% as groups 1–3 together "
              "(36 + 14 + 3), leaving 47% for group 4; then 89% fits nowhere."),
    Fact("crm.churn_causes",
         (("poor customer value", ("price too high", "costs too high",
                                   "loyalty-eroding pricing")),
          ("poor quality", ("features", "availability (time)", "service", "reliability")),
          ("wrong customers", ("unrealistic targets", "channel incentives",
                               "adverse selection")),
          ("inefficient processes", ("line complexity", "productivity", "decision bodies",
                                     "information", "organisation structure", "purchasing",
                                     "technology")),
          ("marketing strategy", ("channel", "brand image", "service",
                                  "product specification", "segmentation")),
          ("measurement and targets", ("employee retention", "hiring criteria", "training",
                                       "career paths", "incentives"))),
         "(branch, causes)",
         "Fishbone of the causes of customer churn",
         "seed 002, slide 85", status="ambiguous",
         note="The slide names the three upper branches and lists the other labels without "
              "their layout; the assignment of the internal causes to the three lower "
              "branches is a course reading."),
    Fact("crm.phone_top_share", 0.04, "share of customers",
         "Long-distance phone customers spending $100 or more a month; they bring about "
         "half of revenue", "seed 002, slide 89", status="ambiguous",
         note="The revenue shares 53, 36, 89, 14 and 3% fit no single reading; the safe reading "
              "is that the top 4% of customers bring about half of revenue."),
    Fact("crm.study_andersen",
         (("sales", 0.42), ("selling cost", -0.35), ("customer satisfaction index", 0.20),
          ("sales cycle, shorter by", 0.35)),
         "share", "Reported CRM results across 8 industries",
         "seed 002, slide 104", status="ambiguous",
         note="Attributed on the slide either to an 8-industry survey by Andersen Consulting "
              "(printed 'Anderson Consulting') or to Insight Technology Group, whose name is "
              "printed between them."),
    Fact("crm.study_idc", (62, 4.0, 3), "(firms, ROI as a multiple, years)",
         "IDC: 62 firms reported a 400% return on CRM after three years",
         "seed 002, slide 104", status="reported"),
    Fact("crm.study_capgemini", (28, 0.08, 0.16), "(months, profit after 1 year, after 2)",
         "Cap Gemini: a 28-month period (probably payback) and profit +8% after one year, "
         "+16% after two", "seed 002, slide 104", status="ambiguous",
         note="The period's Korean label is garbled (퇴임기간, probably 회임기간, a payback "
              "period)."),
    Fact("crm.cdnow_customers", 23_570, "customers",
         "CDNOW customers who first bought in January–March 1997",
         "fader2005", cite="fader2005", status="stated"),
    Fact("crm.cdnow_transactions", 69_659, "transactions",
         "CDNOW purchases by those customers to the end of June 1998",
         "fader2005", cite="fader2005", status="stated"),
    Fact("crm.bgnbd_cdnow_sample",
         (("r", 0.243), ("alpha", 4.414), ("a", 0.793), ("b", 2.426),
          ("log-likelihood", -9582.4)),
         "(parameter, estimate); time in weeks",
         "BG/NBD estimates on the 2,357-customer CDNOW sample, weeks 1–39 (1997-01-01 to "
         "1997-09-30)", "fader2005", cite="fader2005", status="stated",
         note="csmlab.customerbase.fit_bgnbd reproduces all five to the printed precision."),
    Fact("crm.gamma_gamma_cdnow_sample", (("p", 6.25), ("q", 3.74), ("gamma", 15.44)),
         "(parameter, estimate); US$",
         "Gamma-Gamma spend estimates on the 946 sample customers with a repeat purchase in "
         "weeks 1–39 (the model is that of Fader, Hardie and Lee 2005; the estimates are "
         "printed in Fader and Hardie's 2013 note on it)", "fader2013gg", cite="fader2013gg",
         status="stated",
         note="Reproduced by csmlab.customerbase.fit_gamma_gamma with mean spend per repeat "
              "day computed from the transactions; the shipped summary rounds it to cents, "
              "which gives gamma = 15.45."),
)
