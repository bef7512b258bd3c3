"""Figures for retention economics (:mod:`csmlab.retention`)."""

from csmlab.cases import Fact, register

_RS = "Reichheld & Sasser (1990), Zero Defections"

register(
    Fact("retention.new_cost_multiple", 6, "times",
         "Cost of selling to a new customer relative to an existing one",
         "seed 002, slide 23"),
    Fact("retention.new_cost_multiple_alt", 5, "times (at least)",
         "Cost of attracting a new customer relative to keeping one",
         "seed 004, post 6", note="The other seed says 6×; each figure keeps its own source."),
    Fact("retention.odds_new", 0.15, "share",
         "Odds of selling to a new customer", "seed 002, slide 23"),
    Fact("retention.odds_existing", 0.50, "share",
         "Odds of selling to an existing customer", "seed 002, slide 23"),
    Fact("retention.uplift_points", 5, "percentage points",
         "Rise in yearly retention in the seed's headline claim", "seed 002, slide 23"),
    Fact("retention.uplift_profit", 0.85, "share",
         "Profit rise 'up to' which 5 more points of retention can bring",
         "seed 002, slide 23", cite="reichheld1990",
         note="The 85% is Reichheld & Sasser's largest industry figure (branch bank deposits)."),
    Fact("retention.reported_range", (0.25, 0.85), "share",
         "Range of the rise in profit (customer NPV) from 5 points less defection across the "
         "industries studied", _RS, cite="reichheld1990", status="reported",
         note="The article's summary figure; the industry at the bottom of the range is not "
              "named in its abstract."),
    Fact("retention.industry.branch_bank_deposits", 0.85, "share",
         "Rise in customer NPV from 5 points less defection: branch bank deposits",
         _RS, cite="reichheld1990", status="reported", note="named in the article's abstract"),
    Fact("retention.industry.insurance_brokerage", 0.50, "share",
         "Rise in customer NPV from 5 points less defection: insurance brokerage",
         _RS, cite="reichheld1990", status="reported", note="named in the article's abstract"),
    Fact("retention.industry.auto_service_chain", 0.30, "share",
         "Rise in customer NPV from 5 points less defection: auto-service chain",
         _RS, cite="reichheld1990", status="reported", note="named in the article's abstract"),
    Fact("retention.exhibit_secondary.advertising_agency", 0.95, "share",
         "Rise in customer NPV from 5 points less defection: advertising agency, as shown in "
         "secondary reproductions of the article's exhibit", _RS, cite="reichheld1990",
         status="reported",
         note="Secondary copies only, not verified against the article; above the 25%-85% "
              "range the article's summary gives. The seed's chart (seed 002, slide 84) also "
              "names advertising agencies and runs its axis to 100%."),
    Fact("retention.industries_listed", 12, "industries",
         "Industries named on the seed's chart of the effect of 5% more retention on customer "
         "NPV (advertising agency, auto insurance, auto service, branch bank deposits, credit "
         "card, industrial brokerage, industrial distribution, laundry, life insurance, office "
         "building management, publishing, software)",
         "seed 002, slide 84", status="ambiguous", note="No bar values survive in the text."),
)
