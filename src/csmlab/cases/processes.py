"""Swim-lane process maps for the process-redesign workshop (seed 002, slides 58–67).

A :class:`ProcessMap` is a small data structure: lanes (who does the work),
steps in time order (each in one lane, with a kind and an optional barrier),
and the flows between steps. :func:`csmlab.plots.diagrams.swimlane` draws it.
The two maps here are the course's worked example, a delegate's complaint at a
convention centre, before (AS-IS) and after (TO-BE) redesign. They are
illustrative, built on the workshop's templates: AS-IS and TO-BE maps with
lanes for the customer and the front line (slides 63, 66) and a barrier
analysis (slide 67).

Examples
--------
>>> AS_IS.handoffs(), TO_BE.handoffs()
(5, 4)
>>> [s.key for s in AS_IS.barriers()]
['form', 'ask', 'review', 'rekey']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from csmlab.cases import Fact, register

__all__ = ["Step", "ProcessMap", "STEP_KINDS", "AS_IS", "TO_BE"]

#: Kinds of step, after the workshop legend (seed 002, slides 63 and 66): start or end,
#: an action, a decision, and computer processing.
STEP_KINDS: tuple[str, ...] = ("start", "action", "decision", "system", "end")


@dataclass(frozen=True)
class Step:
    """One step of a process map.

    Attributes
    ----------
    key : str
        Short unique name used by the flows.
    lane : str
        Who does it (one of the map's lanes).
    label : str
        What is done, a few words.
    kind : str
        One of :data:`STEP_KINDS`.
    barrier : str
        Why the step is a problem (empty if it is not): the barrier analysis.
    """

    key: str
    lane: str
    label: str
    kind: str = "action"
    barrier: str = ""


@dataclass(frozen=True)
class ProcessMap:
    """A swim-lane process map: lanes, steps in time order, and flows between steps.

    Construction checks that every step's lane exists, keys are unique, kinds
    are known and flows join existing steps; errors name the offending item.
    """

    name: str
    lanes: tuple[str, ...]
    steps: tuple[Step, ...]
    flows: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if len(set(self.lanes)) != len(self.lanes) or not self.lanes:
            raise ValueError(f"lanes must be distinct and at least one; got {self.lanes}")
        keys = [s.key for s in self.steps]
        if len(set(keys)) != len(keys):
            raise ValueError(f"steps must have unique keys; got {keys}")
        for s in self.steps:
            if s.lane not in self.lanes:
                raise ValueError(f"step {s.key!r}: lane must be one of {', '.join(self.lanes)}; "
                                 f"got {s.lane!r}")
            if s.kind not in STEP_KINDS:
                raise ValueError(f"step {s.key!r}: kind must be one of {', '.join(STEP_KINDS)}; "
                                 f"got {s.kind!r}")
        for a, b in self.flows:
            for k in (a, b):
                if k not in keys:
                    raise ValueError(f"flow {a!r} → {b!r}: {k!r} is not a step")

    def step(self, key: str) -> Step:
        """The step with this key."""
        return next(s for s in self.steps if s.key == key)

    def handoffs(self) -> int:
        """Flows that cross from one lane to another (each one a chance to drop the ball)."""
        return sum(self.step(a).lane != self.step(b).lane for a, b in self.flows)

    def barriers(self) -> list[Step]:
        """The steps marked with a barrier, in time order."""
        return [s for s in self.steps if s.barrier]

    def to_frame(self) -> pd.DataFrame:
        """One row per step: order, lane, label, kind and barrier."""
        return pd.DataFrame([{"step": s.key, "order": i + 1, "lane": s.lane, "label": s.label,
                              "kind": s.kind, "barrier": s.barrier}
                             for i, s in enumerate(self.steps)]).set_index("step")


_LANES = ("Delegate", "Front line", "Back office", "IT system")

#: Handling a delegate's complaint today: a paper form, no authority at the desk, a
#: next-day review and re-keying, and an answer two days later (illustrative).
AS_IS = ProcessMap(
    name="AS-IS: handle a delegate complaint",
    lanes=_LANES,
    steps=(
        Step("complain", "Delegate", "Complains at the desk", "start"),
        Step("form", "Front line", "Writes a paper form", barrier="Paper form: no ticket, "
                                                                "easily lost"),
        Step("ask", "Front line", "Asks the supervisor", "decision",
             barrier="No authority to fix or refund at the desk"),
        Step("review", "Back office", "Reviews forms next day", barrier="Reviewed once a day "
                                                                      "in a batch"),
        Step("decide", "Back office", "Decides the remedy", "decision"),
        Step("rekey", "IT system", "Form typed into CRM", "system",
             barrier="Typed in twice; VOC not tagged"),
        Step("call", "Front line", "Calls the delegate back"),
        Step("answer", "Delegate", "Gets an answer after 2 days", "end"),
    ),
    flows=(("complain", "form"), ("form", "ask"), ("ask", "review"), ("review", "decide"),
           ("decide", "rekey"), ("rekey", "call"), ("call", "answer")),
)

#: The same process redesigned: logged on a tablet, fixed at the desk within a limit,
#: and analysed weekly by QCDS for prevention (illustrative).
TO_BE = ProcessMap(
    name="TO-BE: handle a delegate complaint",
    lanes=_LANES,
    steps=(
        Step("complain", "Delegate", "Complains at the desk or in the app", "start"),
        Step("log", "Front line", "Logs it on a tablet", "system"),
        Step("fix", "Front line", "Fixes it on the spot (within a limit)", "decision"),
        Step("solved", "Delegate", "Problem solved in 15 minutes", "end"),
        Step("store", "IT system", "Ticket stored, tagged by QCDS", "system"),
        Step("analyse", "Back office", "Weekly VOC review: prevent repeats"),
    ),
    flows=(("complain", "log"), ("log", "fix"), ("fix", "solved"), ("log", "store"),
           ("store", "analyse")),
)

register(
    Fact("workshop.steps", ("classify and select processes", "VOC survey", "AS-IS mapping",
                            "benchmarking", "TO-BE mapping", "barrier analysis",
                            "target management", "process rebuilding"), "steps",
         "The eight steps of the MOT/VOC process-redesign workshop", "seed 002, slide 58",
         note="The VOC sheet of step 2 sorts requirements under QCDS (seed 002, slide 62)."),
    Fact("workshop.asis_targets", (0, 0.95), "errors, share",
         "AS-IS analysis example: report accuracy target of 0 errors and on-time delivery "
         "of 95%", "seed 002, slide 64"),
)
