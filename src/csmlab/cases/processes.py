"""Swim-lane process maps for the process-redesign workshop (seed 002, slides 58–67).

A :class:`ProcessMap` is a small data structure: lanes (who does the work),
steps in time order (each in one lane, with a kind and an optional barrier),
and the flows between steps. :func:`csmlab.plots.diagrams.swimlane` draws it.
The two maps here are the course's worked example, preparing a hall for a
session at a convention centre, before (AS-IS) and after (TO-BE) redesign. They
are illustrative, built on the workshop's templates: AS-IS and TO-BE maps with
lanes for the customer and the front line (slides 63, 66) and a barrier
analysis (slide 67). The case also holds the session room's service QFD: its
requirements (drawn from the VOC records), technical responses and their costs.

Examples
--------
>>> AS_IS.handoffs(), TO_BE.handoffs()
(7, 5)
>>> [s.key for s in AS_IS.barriers()]
['sheet', 'stick', 'climate', 'fail']
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from csmlab.cases import Fact, register

__all__ = ["Step", "ProcessMap", "STEP_KINDS", "AS_IS", "TO_BE", "SESSION_ROOM_REQUIREMENTS",
           "SESSION_ROOM_RELATIONS", "SESSION_ROOM_COSTS"]

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


_LANES = ("Client and speaker", "Event coordinator", "AV team", "IT system")

#: Preparing a hall for a session today: the order re-typed onto paper, the speaker's media
#: first tried when the session starts, one climate setting for the building, and no check
#: before the session, so failures are found by the audience (illustrative).
AS_IS = ProcessMap(
    name="AS-IS: prepare a hall for a session",
    lanes=_LANES,
    steps=(
        Step("order", "Client and speaker", "Orders hall and kit by e-mail", "start"),
        Step("sheet", "Event coordinator", "Copies the order to a paper sheet",
             barrier="Order re-typed; extra kit not priced"),
        Step("setup", "AV team", "Sets up the hall the evening before"),
        Step("stick", "Client and speaker", "Speaker brings media on a stick",
             barrier="Media first tried as the session starts"),
        Step("climate", "IT system", "Climate on the building timetable", "system",
             barrier="One setting for every hall"),
        Step("fail", "Event coordinator", "Calls AV when something fails", "decision",
             barrier="No check before the session; technician 20 minutes away"),
        Step("fix", "AV team", "Comes to fix it"),
        Step("late", "Client and speaker", "Session starts late", "end"),
    ),
    flows=(("order", "sheet"), ("sheet", "setup"), ("setup", "stick"), ("stick", "fail"),
           ("climate", "fail"), ("fail", "fix"), ("fix", "late")),
)

#: The same process redesigned from the QFD's three top responses: one priced order record,
#: media tested a day ahead, and a check of sound, picture and temperature 30 minutes before
#: each session (illustrative).
TO_BE = ProcessMap(
    name="TO-BE: prepare a hall for a session",
    lanes=_LANES,
    steps=(
        Step("order", "Client and speaker", "Orders online: layout, kit, price", "start"),
        Step("record", "IT system", "One order record, priced", "system"),
        Step("confirm", "Event coordinator", "Confirms; asks for the media"),
        Step("upload", "Client and speaker", "Speaker uploads media a day ahead"),
        Step("test", "AV team", "Tests media on the venue laptop"),
        Step("setup", "AV team", "Sets up the hall"),
        Step("check", "AV team", "Checks the hall 30 min before", "decision"),
        Step("start", "Client and speaker", "Session starts on time", "end"),
    ),
    flows=(("order", "record"), ("record", "confirm"), ("confirm", "upload"), ("upload", "test"),
           ("test", "setup"), ("setup", "check"), ("check", "start")),
)

#: Service QFD for the session room: each customer requirement and the VOC records
#: (``voc_id`` in :func:`csmlab.data.load_voc`) it is drawn from. The importance of a
#: requirement is the total severity of its records (see :func:`csmlab.moments.session_room_qfd`).
SESSION_ROOM_REQUIREMENTS: dict[str, tuple[int, ...]] = {
    "sound that works all session": (3, 18),
    "media that plays first time": (29, 18),
    "a comfortable hall": (19,),
    "the layout that was ordered": (11,),
    "kit priced up front": (23,),
}

#: The technical responses (HOWs) and the strength of each one's relationship to each
#: requirement, on the usual 0-1-3-9 scale (illustrative judgements of the course).
SESSION_ROOM_RELATIONS: dict[str, dict[str, int]] = {
    "sound that works all session": {"media tested a day ahead": 0, "check before each session": 9,
                                     "spare microphones in each hall": 9,
                                     "climate zoned per hall": 0, "one priced order record": 1,
                                     "technician on the floor": 3},
    "media that plays first time": {"media tested a day ahead": 9, "check before each session": 9,
                                    "spare microphones in each hall": 0,
                                    "climate zoned per hall": 0, "one priced order record": 3,
                                    "technician on the floor": 3},
    "a comfortable hall": {"media tested a day ahead": 0, "check before each session": 3,
                           "spare microphones in each hall": 0, "climate zoned per hall": 9,
                           "one priced order record": 0, "technician on the floor": 1},
    "the layout that was ordered": {"media tested a day ahead": 0, "check before each session": 3,
                                    "spare microphones in each hall": 0,
                                    "climate zoned per hall": 0, "one priced order record": 9,
                                    "technician on the floor": 1},
    "kit priced up front": {"media tested a day ahead": 0, "check before each session": 0,
                            "spare microphones in each hall": 0, "climate zoned per hall": 0,
                            "one priced order record": 9, "technician on the floor": 0},
}

#: Yearly cost of each response in dollars (illustrative, for the funding exercise).
SESSION_ROOM_COSTS: dict[str, float] = {
    "media tested a day ahead": 6_000, "check before each session": 8_000,
    "spare microphones in each hall": 4_000, "climate zoned per hall": 40_000,
    "one priced order record": 25_000, "technician on the floor": 30_000,
}

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
