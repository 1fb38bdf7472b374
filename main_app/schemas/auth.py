"""Schemas of /auth."""

from flask import url_for
from marshmallow import ValidationError, fields, validate, validates_schema

from main_app.services.bookings import feed_name
from main_app.services.languages import SUPPORTED, gettext, lazy_gettext
from main_app.services.studios import seed_permissions
from main_app.services.texts import CODE_DIGITS as DIGITS
from main_app.services.texts import opted_out
from service_kit.schemas import BaseSchema, Id

from .common import Birthday, OtherName, PhoneNumber

# A name must have something to show: all-blank is refused, not stored as "".
PERSON_NAME = validate.And(
    validate.Length(min=1, max=200), validate.Predicate("strip", error=lazy_gettext("Must not be blank."))
)
USERNAME = validate.Regexp(r"^[A-Za-z0-9_.-]{3,80}$", error=lazy_gettext("3-80 letters, digits, '.', '_' or '-'."))


class RegisterSchema(BaseSchema):
    name = fields.String(required=True, validate=PERSON_NAME)
    other_name = OtherName()
    email = fields.Email(required=True, validate=validate.Length(max=320))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=8, max=128))
    username = fields.String(validate=USERNAME)
    phone = PhoneNumber()
    sms_enabled = fields.Boolean(metadata={"description": "Texts to phone (reminders, changes); off by default."})


class PasswordChangeSchema(BaseSchema):
    current_password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=128))
    new_password = fields.String(required=True, load_only=True, validate=validate.Length(min=8, max=128))


class LoginSchema(BaseSchema):
    """Log in with email or username (or either, as 'login') and password."""

    email = fields.String(validate=validate.Length(min=1, max=320))
    username = fields.String(validate=validate.Length(min=1, max=80))
    login = fields.String(validate=validate.Length(min=1, max=320))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=128))

    @validates_schema
    def _one_identifier(self, data, **_kwargs):
        if not any(data.get(name) for name in ("email", "username", "login")):
            raise ValidationError(gettext("Give email or username."), field_name="email")


class UserSchema(BaseSchema):
    id = Id()
    name = fields.String()
    other_name = fields.String(allow_none=True, metadata={"description": "Their name in another script, or null."})
    email = fields.String()
    username = fields.String(allow_none=True)
    role = fields.String()
    created_at = fields.AwareDateTime()
    # In the login's answer too: the web app switches to it as the person signs in, on any device.
    language = fields.String(
        allow_none=True,
        metadata={"description": "The language chosen for pages, emails and texts (en, hi, mr); null: not chosen."},
    )
    my_permissions = fields.Function(
        lambda user: seed_permissions(user.role),
        metadata={
            "description": "What the account may do on its own seed routes (/api/facilitator/<id>): a facilitator's "
            "permissions from the one table (docs/permissions.md), else none. In a studio, its my_permissions."
        },
    )


FEED_URL = "Private: anyone with it can read the bookings. POST /auth/calendar-feed replaces it."


def _feed_url(user) -> str:
    return url_for("calendars.feed", feed=feed_name(user), _external=True)


class CalendarFeedSchema(BaseSchema):
    calendar_feed_url = fields.Function(_feed_url, metadata={"description": FEED_URL})


class AccountSchema(UserSchema, CalendarFeedSchema):
    """GET /auth/me: the account, its reminder preference and its calendar feed."""

    reminders_enabled = fields.Boolean(
        metadata={"description": "Reminder emails 24 hours and 2 hours before each booked session."}
    )
    birthday = fields.Date(allow_none=True, metadata={"description": "If they gave it: a studio's greeting reads it."})
    phone = fields.String(allow_none=True, metadata={"description": "Mobile number in E.164, or null."})
    sms_enabled = fields.Boolean(metadata={"description": "Whether the person wants texts at phone."})
    phone_verified = fields.Function(
        lambda user: user.phone_verified_at is not None,
        metadata={"description": "Whether phone was proved with a texted code: texts go only to a proved number."},
    )
    sms_stopped = fields.Function(
        lambda user: opted_out(user.phone),
        metadata={
            "description": "Whether phone replied STOP: no texts go to it, for any account, until it replies START."
        },
    )


class PhoneCodeSentSchema(BaseSchema):
    """POST /auth/me/phone/code: where the code went and until when it works."""

    phone = fields.String(metadata={"description": "The number the code was texted to, in E.164."})
    expires_at = fields.AwareDateTime()


class PhoneCodeSchema(BaseSchema):
    """POST /auth/me/phone/verify: the code texted to the account's number."""

    code = fields.String(
        required=True,
        load_only=True,
        validate=validate.Regexp(rf"^\s*\d{{{DIGITS}}}\s*$", error=f"The {DIGITS} digits of the texted code."),
    )


class AccountUpdateSchema(BaseSchema):
    """PATCH /auth/me: change the name, the name in another script or the phone (null removes either), the reminder
    preference or the SMS opt-in."""

    name = fields.String(validate=PERSON_NAME)
    other_name = OtherName()
    birthday = Birthday()
    reminders_enabled = fields.Boolean()
    phone = PhoneNumber()
    sms_enabled = fields.Boolean()
    language = fields.String(
        allow_none=True,
        validate=validate.OneOf(SUPPORTED),
        metadata={"description": "en, hi or mr; null: the browser's, else the studio's."},
    )

    @validates_schema
    def _something(self, data, **_kwargs):
        if not data:
            message = gettext("Give name, other_name, birthday, reminders_enabled, phone, sms_enabled or language.")
            raise ValidationError(message, field_name="_schema")


class PasswordResetRequestSchema(BaseSchema):
    email = fields.Email(required=True, validate=validate.Length(max=320))


class PasswordResetConfirmSchema(BaseSchema):
    token = fields.String(required=True, load_only=True, validate=validate.Length(min=1, max=500))
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=8, max=128))


class AcceptedSchema(BaseSchema):
    message = fields.String()


class TokenQuerySchema(BaseSchema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=500))


class RemindersSchema(BaseSchema):
    reminders_enabled = fields.Boolean()


class GuestEmailsOffSchema(BaseSchema):
    unsubscribed = fields.Boolean(metadata={"description": "true: no guest email goes to this address again"})


class TokenSchema(BaseSchema):
    access_token = fields.String()
    token_type = fields.String(dump_default="Bearer")
    expires_in = fields.Integer()
    user = fields.Nested(UserSchema)


class ClientBookEntrySchema(BaseSchema):
    id = Id()
    slug = fields.String()
    timezone = fields.String()
    permissions = fields.List(fields.String())


class AccessSchema(BaseSchema):
    """GET /auth/access: what the token's holder may reach now (the CRM asks it on every request with a JWT)."""

    id = Id()
    role = fields.String()
    name = fields.String()
    inbox_studios = fields.List(Id(), metadata={"description": "The studios whose CRM inbox they may read."})
    client_book = fields.List(
        fields.Nested(ClientBookEntrySchema),
        metadata={"description": "The studios whose CRM client book they may open, with their role's permissions."},
    )
