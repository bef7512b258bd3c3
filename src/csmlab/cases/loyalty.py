"""Figures for satisfaction and loyalty (:mod:`csmlab.loyalty`)."""

from csmlab.cases import Fact, register

_READING = ("The course's reading of the jumbled slide: the only label assignment that keeps both "
            "stores at or below 100%; the unlabelled 10.2% fills X's missing 'satisfied' slot.")

register(
    Fact("loyalty.store_csi", 87, "points",
         "Customer satisfaction index of both department stores", "seed 002, slide 103"),
    Fact("loyalty.store_repurchase", (52.4, 19.2), "%",
         "Repurchase rates of the two stores (X, Y)", "seed 002, slide 103",
         note="That X (the store with 33.5% completely satisfied) has the 52.4% rate is "
              "implied by the slide, not stated; which store is 'A' and which 'B' is unclear."),
    Fact("loyalty.store_x_shares", (15.0, 19.5, 21.8, 10.2, 33.5), "%",
         "Store X's answers: completely dissatisfied, dissatisfied, neutral, satisfied, "
         "completely satisfied", "seed 002, slide 103", status="ambiguous", note=_READING),
    Fact("loyalty.store_y_shares", (15.0, 15.0, 31.6, 28.4, 5.5), "%",
         "Store Y's answers: completely dissatisfied, dissatisfied, neutral, satisfied, "
         "completely satisfied", "seed 002, slide 103", status="ambiguous",
         note=_READING + " Y sums to 95.5%: 4.5 points are missing from the slide."),
    Fact("loyalty.printed_total", 195.5, "%",
         "Sum of all satisfaction shares printed for the two stores (200 expected)",
         "seed 002, slide 103", status="derived",
         note="Our sum of the printed shares of both stores; two complete distributions "
              "would sum to 200, so 4.5 points are missing from one store."),
    Fact("loyalty.xerox_repurchase_ratio", 6, "times",
         "At Xerox, customers who gave the top satisfaction score (5) were about six times as "
         "likely to repurchase over the next 18 months as those who gave 4",
         "Jones & Sasser (1995)", cite="jones1995", status="reported",
         note="The default loyalty curve of csmlab.loyalty is calibrated to this ratio."),
)
