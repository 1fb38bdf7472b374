"""One person's walk through an automation's steps from where they stand, decided before anything is written: the
steps they go through now (each with its outcome), and where they stop (a wait, quiet hours, a condition they fail,
or the end). Pure: what it knows comes in as arguments."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ...models import ENTRY_FINISHED, ENTRY_LEFT, ENTRY_WAITING
from .definitions import MESSAGES, wait_of


@dataclass(frozen=True)
class Person:
    """What the walk knows of the person: the CRM's facts (None when the steps ask none) and whether they booked
    since entering."""

    facts: object | None
    booked_since: bool = False


@dataclass
class Walked:
    """The steps gone through now ([(index, outcome)]) and where the entry stands after them."""

    done: list[tuple[int, str]] = field(default_factory=list)
    step: int = 0
    state: str = ENTRY_WAITING
    due_at: datetime | None = None
    left_because: str | None = None


@dataclass(frozen=True)
class Quiet:
    """The hours on the studio's clock when no message goes: from start to end (start == end: none)."""

    zone: str
    start: int
    end: int

    def until(self, now: datetime) -> datetime | None:
        """When the quiet hours now is in end (None: not in them)."""
        local = now.astimezone(ZoneInfo(self.zone))
        hour = local.hour
        inside = (self.start <= hour or hour < self.end) if self.start > self.end else self.start <= hour < self.end
        if self.start == self.end or not inside:
            return None
        ends = local.replace(hour=self.end, minute=0, second=0, microsecond=0)
        return (ends if ends > local else ends + timedelta(days=1)).astimezone(now.tzinfo)


def walk(steps: list[dict], start: int, person: Person, now: datetime, quiet: Quiet) -> Walked:
    """The person's walk from step start: actions and passed conditions go on at once, a wait stops it until its
    end, a message in quiet hours until they end, a failed condition ends it (left)."""
    walked = Walked(step=start)
    while walked.step < len(steps):
        index, step = walked.step, steps[walked.step]
        if step["kind"] == "wait":
            walked.done.append((index, "waited"))
            walked.step, walked.due_at = index + 1, now + wait_of(step)
            return walked
        if step["kind"] == "condition" and not passes(step, person):
            walked.done.append((index, "not_met"))
            walked.state, walked.due_at, walked.left_because = ENTRY_LEFT, None, step["test"]
            return walked
        if step["kind"] in MESSAGES and (ends := quiet.until(now)) is not None:
            walked.due_at = ends
            return walked
        walked.done.append((index, outcome(step, person)))
        walked.step = index + 1
    walked.state, walked.due_at = ENTRY_FINISHED, None
    return walked


def passes(step: dict, person: Person) -> bool:
    """Whether the person meets a condition step."""
    facts, test = person.facts, step["test"]
    if test == "not_booked_since":
        return not person.booked_since
    if facts is None:
        return False
    if test == "has_tag":
        return step["tag"].casefold() in {tag.casefold() for tag in facts.tags}
    if test == "lacks_tag":
        return step["tag"].casefold() not in {tag.casefold() for tag in facts.tags}
    if test == "in_segment":
        return step["segment_id"] in facts.segment_ids
    return bool(facts.marketing_consent)


def outcome(step: dict, person: Person) -> str:
    """What an action step comes to: a message without consent is skipped (noted), the rest are done."""
    if step["kind"] in MESSAGES and not (person.facts is not None and person.facts.marketing_consent):
        return "no_consent"
    return "done"
