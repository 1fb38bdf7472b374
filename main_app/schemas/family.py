"""Schemas of a guardian's family (/me/family): their children, and the consent given when adding one."""

from marshmallow import fields, validate

from main_app.services.languages import lazy_gettext
from service_kit.schemas import BaseSchema, Id

from .auth import PERSON_NAME

NOTES = validate.Length(max=500)


class ChildEditSchema(BaseSchema):
    """A child's details to change: any of them."""

    name = fields.String(validate=PERSON_NAME)
    date_of_birth = fields.Date()
    notes_for_teacher = fields.String(allow_none=True, validate=NOTES)


class ChildNewSchema(ChildEditSchema):
    """A child to add, with the guardian's consent to the words GET /me/family/children gives (consent.wording)."""

    name = fields.String(required=True, validate=PERSON_NAME)
    date_of_birth = fields.Date(required=True)
    consent = fields.Boolean(
        required=True,
        validate=validate.Equal(True, error=lazy_gettext("A child is added with their guardian's consent.")),
        metadata={"description": "true: I agree to the consent's words, as a parent or legal guardian"},
    )


class ConsentRecordSchema(BaseSchema):
    version = fields.String()
    sha256 = fields.String()
    at = fields.DateTime()


class ChildSchema(BaseSchema):
    """A child on my family."""

    id = fields.Integer()
    name = fields.String()
    date_of_birth = fields.Date()
    notes_for_teacher = fields.String(allow_none=True)
    consent = fields.Nested(ConsentRecordSchema, metadata={"description": "The consent given when they were added"})


class ConsentTermsSchema(BaseSchema):
    """The words a guardian agrees to when adding a child, in the request's language."""

    version = fields.String()
    wording = fields.String()
    sha256 = fields.String(metadata={"description": "SHA-256 of wording, kept with each child added"})


class ChildListSchema(BaseSchema):
    items = fields.List(fields.Nested(ChildSchema))
    consent = fields.Nested(ConsentTermsSchema)


class FamilyInvitationSchema(BaseSchema):
    """An address to invite as my family's second guardian."""

    email = fields.Email(required=True, validate=validate.Length(max=320))


class OwnLoginSchema(BaseSchema):
    """The address a grown child's own account is made at."""

    email = fields.Email(required=True, validate=validate.Length(max=320))


class OwnLoginGivenSchema(BaseSchema):
    user_id = Id(metadata={"description": "Their new account"})
    email = fields.String()
    bookings = fields.Integer(metadata={"description": "How many of their bookings are that account's now"})


class FamilyInvitationSentSchema(BaseSchema):
    email = fields.String()
    expires_in_seconds = fields.Integer()


class FamilyInvitationAcceptedSchema(BaseSchema):
    role = fields.String(metadata={"description": "second: I book for the family's children too"})


FOR_CHILD = "The child of the family it is for (their guardian is name and email); null: for that person"


class ChildNamedSchema(BaseSchema):
    """A child of the family, as a booking or a place names them."""

    id = Id()
    name = fields.String()
