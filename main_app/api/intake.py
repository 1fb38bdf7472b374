"""Intake questions: what an event's booking form asks (public), and the facilitator's list to set."""

from flask_jwt_extended import current_user

from main_app.services.facilitation import listed_questions, replace_questions
from main_app.services.intake import questions_for_event
from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.intake import QuestionListSchema, QuestionsRequestSchema
from .facilitator import facilitator_docs, this_facilitator

blp = Blueprint("intake", __name__, description="Intake questions asked when booking")
QUESTIONS = "/api/facilitator/<id:facilitator_id>/events/<id:event_id>/questions"


@blp.route("/events/<id:event_id>/questions")
@read_only
@blp.response(200, QuestionListSchema)
@blp.alt_response(404, schema=APIErrorSchema, description="event_not_found")
def event_questions(event_id):
    """The questions booking this event asks, in order (answers go in POST /bookings/book's answers)."""
    return {"items": questions_for_event(event_id)}


@blp.route(QUESTIONS)
@read_only
@facilitator_docs
@this_facilitator
@blp.response(200, QuestionListSchema)
def own_event_questions(event_id):
    """My event's questions, in order."""
    return {"items": listed_questions(current_user, event_id)}


@blp.route(QUESTIONS, methods=["PUT"])
@facilitator_docs
@this_facilitator
@blp.arguments(QuestionsRequestSchema)
@blp.response(200, QuestionListSchema)
def set_event_questions(body, event_id):
    """Set my event's questions, in order: an item with an id edits it, one without adds one, one left out goes
    (kept for the answers already given). 400 naming the field."""
    return {"items": replace_questions(current_user, event_id, body["questions"])}
