"""Schemas of intake questions: the list a facilitator sets, the questions the booking form asks, and the answers
shown to the facilitator."""

from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from ..models import CHOICE_KINDS, QUESTION_KINDS

MOST_QUESTIONS, MOST_CHOICES = 30, 30


class QuestionRequestSchema(BaseSchema):
    id = Id(metadata={"description": "Edits that question; left out: a new one"})
    kind = fields.String(required=True, validate=validate.OneOf(QUESTION_KINDS), metadata={"example": "choice"})
    label = fields.String(
        required=True, validate=validate.Length(min=1, max=300), metadata={"example": "Any dietary needs?"}
    )
    help_text = fields.String(load_default="", validate=validate.Length(max=500))
    required = fields.Boolean(load_default=False)
    sensitive = fields.Boolean(
        load_default=False, metadata={"description": "Health and the like: deleted after the retention period"}
    )
    choices = fields.List(
        fields.String(validate=validate.Length(min=1, max=200)),
        validate=validate.Length(max=MOST_CHOICES),
        metadata={"example": ["None", "Vegetarian", "Vegan"]},
    )

    @validates_schema
    def _choices_fit_the_kind(self, data, **_kwargs):
        if not data.get("label", "x").strip():
            raise ValidationError(gettext("A question needs a label."), field_name="label")
        choices = [choice.strip() for choice in data.get("choices") or []]
        if data.get("kind") in CHOICE_KINDS:
            if len(choices) < 2 or len(set(choices)) != len(choices) or not all(choices):
                raise ValidationError(gettext("Give at least two different choices."), field_name="choices")
            data["choices"] = choices
        elif choices:
            raise ValidationError(gettext("Only a choice or multi_choice question has choices."), field_name="choices")


class QuestionsRequestSchema(BaseSchema):
    questions = fields.List(
        fields.Nested(QuestionRequestSchema), required=True, validate=validate.Length(max=MOST_QUESTIONS)
    )


class QuestionSchema(BaseSchema):
    id = Id()
    kind = fields.String(metadata={"description": "text, long_text, choice, multi_choice, yes_no or date"})
    label = fields.String()
    help_text = fields.String()
    required = fields.Boolean()
    sensitive = fields.Boolean()
    choices = fields.List(fields.String())


class QuestionListSchema(BaseSchema):
    items = fields.List(fields.Nested(QuestionSchema))


class AnswerSchema(BaseSchema):
    question_id = Id()
    label = fields.String()
    kind = fields.String()
    sensitive = fields.Boolean()
    value = fields.Raw(
        allow_none=True,
        metadata={"description": "text, a list of choices, true/false or a YYYY-MM-DD date; null once deleted"},
    )
    purged = fields.Boolean(metadata={"description": "A sensitive answer deleted after its retention period"})
