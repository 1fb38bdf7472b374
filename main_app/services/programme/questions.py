"""Staff's side of an event's intake questions: setting the list. A question left out is retired rather
than deleted, so the answers given keep their label."""

from main_app.services.intake import QUESTION_FIELDS as FIELDS
from main_app.services.intake import questions_asked as asked
from main_app.services.intake import questions_document as document
from main_app.services.studios import Staff
from service_kit.errors import ValidationFailed

from ...database import unit_of_work
from ...extensions import db
from ...models import CHOICE_KINDS, EventQuestion
from .ownership import owned_event


def replace(staff: Staff, event_id: int, items: list[dict]) -> list[dict]:
    """Set the event's questions to items, in order: an item with an id edits that question, one without adds one;
    a question left out goes (retired: its answers keep their label). 400 naming an id not among the event's."""
    owned_event(staff, event_id)
    with unit_of_work():
        current = {question.id: question for question in asked(event_id)}
        for index, item in enumerate(items):
            if "id" in item and item["id"] not in current:
                why = "is not one of this event's questions"
                raise ValidationFailed(
                    f"Question {item['id']} {why}.", details={"questions": {str(index): {"id": [why]}}}
                )
        ids = [item["id"] for item in items if "id" in item]
        if len(set(ids)) != len(ids):
            raise ValidationFailed("A question appears twice in questions.", details={"questions": ["twice"]})
        kept = set(ids)
        for question in current.values():
            # Retired, never deleted: a booking checked against it may be writing its answer at this moment.
            question.retired = question.retired or question.id not in kept
        for position, item in enumerate(items):
            values = {name: item[name] for name in FIELDS if name in item}
            values["choices"] = item.get("choices") if item["kind"] in CHOICE_KINDS else None
            question = current[item["id"]] if "id" in item else EventQuestion(event_id=event_id)
            for name, value in {**values, "position": position}.items():
                setattr(question, name, value)
            db.session.add(question)
        db.session.flush()
        shown = [document(question) for question in asked(event_id)]
    return shown


def listed(staff: Staff, event_id: int) -> list[dict]:
    """The questions of an event the staff member reaches, in order; 404 unknown (or out of reach on a studio's
    routes), 403 out of reach on the seed routes."""
    owned_event(staff, event_id)
    return [document(question) for question in asked(event_id)]
