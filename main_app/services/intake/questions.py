"""An event's intake questions (diet, health, experience) as the booking form asks them, and each answer checked
here before the booking's transaction."""

from datetime import date

from sqlalchemy import select

from service_kit.errors import ValidationFailed

from ...error_codes import api_error
from ...extensions import db
from ...models import Event, EventQuestion

TEXT_LIMITS = {"text": 500, "long_text": 5000}
# A birth date or an arrival date: anything outside these years is a typing mistake.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
FIELDS = ("kind", "label", "help_text", "required", "sensitive", "choices")


def asked(event_id: int) -> list[EventQuestion]:
    """The event's questions in their order, retired ones left out."""
    return db.session.scalars(
        select(EventQuestion)
        .where(EventQuestion.event_id == event_id, EventQuestion.retired.is_(False))
        .order_by(EventQuestion.position, EventQuestion.id)
    ).all()


def document(question: EventQuestion) -> dict:
    """A question as QuestionSchema shows it."""
    shown = {name: getattr(question, name) for name in FIELDS}
    return {"id": question.id, **shown, "choices": question.choices or []}


def checked(questions: list[EventQuestion], answers: dict | None) -> list[tuple[EventQuestion, object]]:
    """Each answered question with its answer as stored (trimmed, a date as ISO text); 400 naming answers.<id> for
    an unknown question, a required one left empty, or an answer of the wrong shape."""
    answers = answers or {}
    by_id = {str(question.id): question for question in questions}
    problems = {key: ["is not a question of this event"] for key in answers if key not in by_id}
    kept = []
    for key, question in by_id.items():
        value = _blank_to_none(answers.get(key))
        if value is None:
            if question.required:
                problems[key] = ["an answer is required"]
            continue
        try:
            kept.append((question, _shaped(question, value)))
        except ValueError as wrong:
            problems[key] = [str(wrong)]
    if problems:
        first = next(iter(problems))
        raise ValidationFailed(f"answers.{first} {problems[first][0]}.", details={"answers": problems})
    return kept


def _blank_to_none(value):
    if isinstance(value, str) and not value.strip():
        return None
    return None if value == [] else value


def _shaped(question: EventQuestion, value):
    """The answer as stored, or ValueError saying what is wrong with it."""
    kind = question.kind
    if kind in TEXT_LIMITS:
        if not isinstance(value, str):
            raise ValueError("must be text")
        if len(value.strip()) > TEXT_LIMITS[kind]:
            raise ValueError(f"must be at most {TEXT_LIMITS[kind]} characters")
        return value.strip()
    if kind == "yes_no":
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if kind == "date":
        return _date(value)
    choices = question.choices or []
    if kind == "choice":
        if value not in choices:
            raise ValueError(f"must be one of: {', '.join(choices)}")
        return value
    listed = isinstance(value, list) and all(isinstance(choice, str) for choice in value)
    if not listed or any(choice not in choices for choice in value) or len(set(value)) != len(value):
        raise ValueError(f"must be a list of different choices from: {', '.join(choices)}")
    return [choice for choice in choices if choice in value]  # in the question's order


def _date(value) -> str:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("must be a date as YYYY-MM-DD")
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST.year} and {LATEST.year}")
    return day.isoformat()


def for_event(event_id: int) -> list[dict]:
    """What the booking form of a scheduled or past event asks; 404 event_not_found."""
    if db.session.get(Event, event_id) is None:
        raise api_error("event_not_found", event_id=event_id)
    return [document(question) for question in asked(event_id)]
