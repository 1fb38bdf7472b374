"""A studio's automations: a trigger enters people, then waits, conditions and actions run, each step once a person."""

from collections.abc import Mapping
from functools import partial
from operator import attrgetter

from main_app.services.timers import AutomationEnter, AutomationRun, AutomationSweep, Timer

from .definitions import CALENDAR_TRIGGERS, STEP_KINDS, TESTS, TRIGGERS
from .entering import run_enter
from .preview import entries, preview
from .running import fetcher, prepare, run
from .store import change, find, make, present, remove, studio_automations
from .sweeps import run_sweep
from .templates import templates


def timers_of(config: Mapping) -> list[Timer]:
    """The timers lane's kinds of automation job and what runs each (a run asks the CRM first, outside the
    transaction). They lock no seat, pass or booking: an entry moves by its own conditional update."""
    return [
        Timer(AutomationEnter, run_enter, user=attrgetter("user_id")),
        Timer(
            AutomationRun,
            partial(run, config=config),
            fetch=fetcher(config),
            prepare=partial(prepare, batch=config["AUTOMATION_BATCH"]),
        ),
        Timer(AutomationSweep, run_sweep),
    ]


__all__ = [
    "CALENDAR_TRIGGERS",
    "STEP_KINDS",
    "TESTS",
    "TRIGGERS",
    "change",
    "entries",
    "find",
    "make",
    "present",
    "preview",
    "remove",
    "studio_automations",
    "templates",
    "timers_of",
]
