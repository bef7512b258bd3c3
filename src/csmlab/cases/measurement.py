"""Figures for satisfaction measurement and the CSM cases (:mod:`csmlab.measurement`, :mod:`csmlab.moments`)."""

from csmlab.cases import Fact, register

#: Maximum points per criterion of the Presidential Consumer Satisfaction Award.
AWARD_POINTS: tuple[tuple[str, int], ...] = (
    ("CS strategy and leadership", 150),
    ("CS information management", 150),
    ("VOC system and communication", 150),
    ("Distribution and MOT management", 100),
    ("Product liability and after-sales", 150),
    ("Fair trade and ethics", 100),
    ("Business results of CS", 200),
)

register(
    Fact("measurement.award_criteria", AWARD_POINTS, "points",
         "Korea's Presidential Consumer Satisfaction Award: seven criteria and their maximum "
         "points, 1,000 in all", "seed 002, slide 13",
         note="4 × 150 + 2 × 100 + 200 = 1,000. The slide's 'driver / system / goal' group "
              "labels are jumbled, so the grouping of criteria is not used."),
    Fact("measurement.award_total", 1000, "points", "Total points on the award sheet",
         "seed 002, slide 13", status="stated"),
    Fact("measurement.field_monitoring", (4, 5, 100), "times a year, areas, points",
         "Field monitoring: 4 visits a year over 5 areas (counter, store environment, work "
         "attitude, courtesy, telephone manner) for 100 points", "seed 002, slide 10",
         note="Points per area are not given."),
    Fact("measurement.mot_seconds", 15, "seconds",
         "Length of a moment of truth in Carlzon's account", "seed 002, slide 37",
         cite="carlzon1987"),
    Fact("measurement.servqual_items", 22, "items",
         "SERVQUAL's item count over five dimensions (4, 5, 4, 4, 5)",
         "Parasuraman, Zeithaml & Berry (1988)", cite="parasuraman1988", status="reported"),
    Fact("amazon.repeat_share", 0.70, "share",
         "Book buyers who keep ordering through Amazon", "seed 001, slide 10",
         status="ambiguous",
         note="The base is unclear: all book buyers, or Amazon's own customers. The course "
              "reads it as a share of Amazon's customers and says so."),
    Fact("amazon.devoted", 3_100_000, "customers",
         "Amazon's devoted customers, who buy only from Amazon (said to be one third)",
         "seed 001, slide 10"),
    Fact("amazon.devoted_share", 1 / 3, "share", "Devoted customers as a share of all",
         "seed 001, slide 10"),
    Fact("amazon.implied_total", 9_300_000, "customers",
         "Implied number of customers: 3.1 million ÷ 1/3", "seed 001, slide 10",
         status="derived",
         note="Our arithmetic: the seed says the 3.1 million devoted customers are one third "
              "of the total; 3.1M × 3 = 9.3M. The seed does not state the total itself."),
    Fact("mccormick.sales_fall", 0.20, "share", "Fall in McCormick's sales, 1980–84",
         "seed 001, slide 14", note="Approximate ('about 20%')."),
    Fact("mccormick.share_40", 0.40, "share",
         "McCormick's market share 'fell 무려 40%까지' (as much as 40%)", "seed 001, slide 14",
         status="ambiguous",
         note="Either fell *to* 40% or fell *by* 40%; the text supports both."),
    Fact("mccormick.spices", 100, "spices", "About 100 spices in McCormick's range",
         "seed 001, slide 14"),
    Fact("jcpenney.rank", 3, "rank", "J.C. Penney's rank among US department stores",
         "seed 001, slide 15"),
    Fact("jcpenney.years", 3, "years",
         "Years after which the upmarket push had failed and mid- and low-price shoppers "
         "had left", "seed 001, slide 15"),
)

register(
    Fact("organisation.mission_firms", 301, "firms",
         "Top US firms whose mission statements were counted", "seed 002, slide 70"),
    Fact("organisation.mission_service", 230, "occurrences",
         "Times the word 'service' occurs in the mission statements (probable pairing)",
         "seed 002, slide 70",
         status="ambiguous",
         note="The slide lists ten counts (230 … 102) and ten words (service … best); the "
              "extraction interleaves them, so the pairing in listed order is probable, not "
              "certain."),
    Fact("organisation.mission_customer", 211, "occurrences",
         "Times the word 'customer' occurs in the mission statements (probable pairing)",
         "seed 002, slide 70",
         status="ambiguous", note="Same caveat as organisation.mission_service."),
)

register(
    Fact("measurement.xerox_top_box", 6, "times",
         "Xerox: customers giving the top score ('totally satisfied', 5 of 5) were about six "
         "times as likely to repurchase over the next 18 months as those giving 4",
         "Jones & Sasser (1995)", cite="jones1995", status="reported"),
    Fact("measurement.loyalty_nonlinear", "loyalty jumps at 'very satisfied'", "shape",
         "The satisfaction–loyalty curve is flat through 'satisfied' and jumps at 'very "
         "satisfied' (a 0–100 loyalty axis)", "seed 002, slide 72",
         note="The slide draws the curve; it prints no values on it."),
    Fact("measurement.mot_components", ("hardware", "software", "human"), "components",
         "The three components of a moment of truth: hardware (facilities, goods, location), "
         "software (rules, procedures, speed), human (courtesy, knowledge)",
         "seed 002, slide 38"),
    Fact("measurement.qcds", ("quality", "cost", "delivery", "service"), "headings",
         "The QCDS headings of the VOC analysis sheet in the process-redesign workshop",
         "seed 002, slide 62"),
    Fact("measurement.voc_types", ("inquiry", "complaint", "protest", "claim", "suggestion"),
         "kinds", "Kinds of VOC by content (plus outbound/push and inbound/pull VOC)",
         "seed 002, slide 45"),
    Fact("measurement.balanced_chain",
         ("employee skills", "service quality", "customer satisfaction", "sales"),
         "objectives",
         "The strategy map's chain across the four perspectives: learning and growth "
         "(employee skills) → process (service quality) → customer (satisfaction) → "
         "financial (sales growth)", "seed 002, slides 49–50"),
    Fact("organisation.inverted_pyramid",
         ("customers", "front line", "support departments", "top management"), "layers",
         "The inverted pyramid, top to bottom: customers, the service front line (서비스 "
         "접점), support departments, top management at the base", "seed 000, slide 3",
         note="The same slide's 'old structure' is garbled in the text (customers, top "
              "management, front line, middle managers); the course draws the traditional "
              "pyramid as top management, middle managers, front line, customers."),
)

register(
    Fact("measurement.survey_overall_model", (1.8, 1.1, 0.5), "coefficients",
         "How the course survey's generator makes overall satisfaction: latent overall = "
         "intercept + 1.8 × (1.1 × the guest's importance-weighted SERVQUAL gap + 0.5 × "
         "(mean perception − 5.3)) + noise, rounded to 1–7. The three numbers are the spread "
         "(1.8), the weight of the importance-weighted gap (1.1) and of the mean perception (0.5)",
         "course survey generator (scripts/make_survey.py)", status="illustrative",
         note="Made up for the course, not from a source. Because the generator is known, so "
              "are the true weights that derived importance tries to recover "
              "(csmlab.measurement.survey_true_weights)."),
    Fact("measurement.survey_return_5", 0.10, "share",
         "Chance that the course survey's generator makes a guest who rates the stay 5 of 7 "
         "say they intend to return", "course survey generator (scripts/make_survey.py)",
         status="illustrative", note="Made up for the course; see measurement.survey_return_7."),
    Fact("measurement.survey_return_6", 0.14, "share",
         "Chance that the course survey's generator makes a guest who rates the stay 6 of 7 "
         "say they intend to return", "course survey generator (scripts/make_survey.py)",
         status="illustrative", note="Made up for the course; see measurement.survey_return_7."),
    Fact("measurement.survey_return_7", 0.85, "share",
         "Chance that the course survey's generator makes a guest who rates the stay 7 of 7 "
         "say they intend to return", "course survey generator (scripts/make_survey.py)",
         status="illustrative",
         note="Made up for the course to show the jump into the top box after Jones and Sasser "
              "(1995); a sample's shares differ from these chances by chance."),
)
