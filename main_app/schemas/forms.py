"""Schemas of a studio's forms and waivers (/api/studios/<slug>/forms) and of people signing them (/me/forms)."""

from marshmallow import ValidationError, fields, validate

from main_app.models import FORM_KINDS
from main_app.services.forms import NotASignature, signature_png
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

MOST_QUESTIONS = 40


class FormQuestionSchema(BaseSchema):
    """One question of a health questionnaire: a yes/no or a text answer."""

    label = fields.String(required=True, validate=validate.Length(min=1, max=300))
    kind = fields.String(required=True, validate=validate.OneOf(("yes_no", "text")))
    required = fields.Boolean(load_default=True)


class FormQuestionOutSchema(FormQuestionSchema):
    """A question as stored: answers name its id (q1, q2, ...)."""

    id = fields.String()


def _draft_fields(required: bool) -> dict:
    """A draft's fields: required when it is made, each optional when it is edited."""
    return {
        "kind": fields.String(required=required, validate=validate.OneOf(FORM_KINDS)),
        "title": fields.String(required=required, validate=validate.Length(min=1, max=200)),
        "body": fields.String(required=required, validate=validate.Length(min=1, max=20_000)),
        "questions": fields.List(fields.Nested(FormQuestionSchema), validate=validate.Length(max=MOST_QUESTIONS)),
        "required_before_first_booking": fields.Boolean(
            metadata={
                "description": "Its current version signed before any booking at the studio: the first, and the "
                "next one after a new version is published"
            }
        ),
    }


# POST: a new form's draft; PATCH: any of its fields.
FormDraftSchema = BaseSchema.from_dict(_draft_fields(required=True), name="FormDraftSchema")
FormEditSchema = BaseSchema.from_dict(_draft_fields(required=False), name="FormEditSchema")


class FormVersionSchema(BaseSchema):
    """A published version: frozen words and their SHA-256."""

    id = fields.Integer()
    number = fields.Integer()
    title = fields.String()
    body = fields.String()
    questions = fields.List(fields.Nested(FormQuestionOutSchema))
    sha256 = fields.String()
    published_at = fields.DateTime()


class FormSchema(BaseSchema):
    """A form as its studio's staff see it: the draft and the version people sign now (null before publishing)."""

    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    body = fields.String()
    questions = fields.List(fields.Nested(FormQuestionOutSchema))
    required_before_first_booking = fields.Boolean()
    current_version = fields.Nested(FormVersionSchema, allow_none=True)
    updated_at = fields.DateTime()


class FormListSchema(BaseSchema):
    items = fields.List(fields.Nested(FormSchema))


class MyFormSchema(BaseSchema):
    """A studio's published form as a person sees it, with their status: current, missing or outdated."""

    id = fields.Integer()
    kind = fields.String()
    required_before_first_booking = fields.Boolean()
    current_version = fields.Nested(FormVersionSchema)
    status = fields.String(metadata={"enum": ["current", "missing", "outdated"]})


class MyFormListSchema(BaseSchema):
    items = fields.List(fields.Nested(MyFormSchema))


class MyFormsArgsSchema(BaseSchema):
    studio = fields.String(required=True, metadata={"description": "The studio's slug"})
    dependent_id = Id(strict=False, metadata={"description": "A child of my family: the forms signed for them"})


def _png(value: str) -> bytes:
    try:
        return signature_png(value)
    except NotASignature:
        raise ValidationError(gettext("Draw your signature again: it must be a PNG image of at most 200 KB.")) from None


class SignatureField(fields.String):
    """A drawn signature: a PNG as a base64 data URL (data:image/png;base64,...), at most 200 KB."""

    def _deserialize(self, value, attr, data, **kwargs):
        return _png(super()._deserialize(value, attr, data, **kwargs))


class SignSchema(BaseSchema):
    """POST: sign the version read (its id), with the typed full name, the drawn signature and the answers."""

    version_id = fields.Integer(required=True)
    full_name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    signature = SignatureField(required=True, metadata={"example": "data:image/png;base64,iVBORw0KGgo..."})
    answers = fields.Dict(keys=fields.String(), load_default=dict, metadata={"description": "{question id: answer}"})
    dependent_id = Id(
        allow_none=True, metadata={"description": "Sign, as their guardian, for this child of my family; null: for me"}
    )


class SignatureSchema(BaseSchema):
    """A signature given: the version and its hash, the typed name, the answers and when."""

    id = fields.Integer()
    form_id = fields.Integer()
    version_id = fields.Integer()
    version_sha256 = fields.String()
    full_name = fields.String()
    answers = fields.Dict()
    signed_at = fields.DateTime()
    collected_by = fields.Integer(
        allow_none=True, metadata={"description": "The staff member who collected it at the desk; null: self-signed"}
    )
    dependent_id = fields.Integer(
        allow_none=True, metadata={"description": "The child of the signer's family it was for; null: the signer's own"}
    )


class SignatureListSchema(BaseSchema):
    items = fields.List(fields.Nested(SignatureSchema))


class EventFormsSchema(BaseSchema):
    """The forms an event's bookings need signed, besides the studio's required before a first booking."""

    form_ids = fields.List(fields.Integer(), required=True, validate=validate.Length(max=MOST_QUESTIONS))
