"""Intake questions: what an event's booking form asks (public), and the list staff set, through both doors
(staff_doors): /api/facilitator/<id>/events/<id>/questions and /api/studios/<slug>/events/<id>/questions."""

from main_app.services.intake import questions_for_event
from main_app.services.programme import listed_questions, replace_questions
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.intake import QuestionListSchema, QuestionsRequestSchema
from .staff_doors import acting, add_both

blp = Blueprint("intake", __name__, description="Intake questions asked when booking")
studio = Blueprint(
    "studio_intake",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="Intake questions of a studio's events",
)
QUESTIONS = "/events/<id:event_id>/questions"


@blp.route(QUESTIONS)
@read_only
@blp.response(200, QuestionListSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="event_not_found")
def event_questions(event_id):
    """The questions booking this event asks, in order (answers go in POST /bookings/book's answers)."""
    return {"items": questions_for_event(event_id)}


@blp.response(200, QuestionListSchema)
def own_event_questions(event_id):
    """My event's questions, in order."""
    return {"items": listed_questions(acting(), event_id)}


@blp.arguments(QuestionsRequestSchema)
@blp.response(200, QuestionListSchema)
def set_event_questions(body, event_id):
    """Set my event's questions, in order: an item with an id edits it, one without adds one, one left out goes
    (kept for the answers already given). 400 naming the field."""
    return {"items": replace_questions(acting(), event_id, body["questions"])}


# (rule, methods, view, the studio door's permissions: any one lets a member in)
ROUTES = [
    (QUESTIONS, ["GET"], own_event_questions, ("registrants.own",)),
    (QUESTIONS, ["PUT"], set_event_questions, ("events.manage",)),
]
blps = (blp, studio)
add_both(ROUTES, {own_event_questions}, blp, studio, seed_prefix="/api/facilitator/<id:facilitator_id>")
