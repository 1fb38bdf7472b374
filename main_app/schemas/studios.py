"""Studios, their members, invitations and audit log at the edge: what each request may carry, what each answer
holds."""

import re

from marshmallow import ValidationError, fields, post_load, validate

from main_app.services.languages import N_, SUPPORTED, gettext
from service_kit.schemas import BaseSchema, Id, PageSchema, UTCDateTimeField

from ..models import DESK_METHODS, MEMBER_ROLES
from .common import Origin, PageArgsSchema, TimeZone
from .events import AddedTaxSchema
from .passes import OwnedPassSchema

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def _slug(value: str) -> None:
    if not SLUG.match(value) or "--" in value:
        raise ValidationError(gettext("Lower-case letters, digits and single hyphens (1 to 64), e.g. lotus-yoga."))


def _upper(length: int, problem: str):
    def check(value: str) -> None:
        if not (len(value) == length and value.isascii() and value.isalpha() and value.isupper()):
            raise ValidationError(gettext(problem))

    return check


EMBED_ORIGINS_MOST = 20
LANGUAGE = "en, hi or mr: its public page's and widget's, and messages' to those who chose none"


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


CURRENCY = _upper(3, N_("Must be an ISO 4217 code in capitals, such as INR or EUR."))
COUNTRY = _upper(2, N_("Must be an ISO 3166 two-letter code in capitals, such as IN or DE."))


class StudioCreateSchema(BaseSchema):
    """POST /api/studios: a new studio; its slug is made from the name when not given."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    slug = fields.String(validate=_slug)
    timezone = TimeZone(required=True)
    currency = fields.String(required=True, validate=CURRENCY)
    country = fields.String(required=True, validate=COUNTRY)
    contact_email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    contact_phone = fields.String(allow_none=True, validate=validate.Length(max=32))
    default_language = fields.String(validate=validate.OneOf(SUPPORTED), metadata={"description": "en, hi or mr"})


class StudioUpdateSchema(BaseSchema):
    """PATCH /api/studios/<slug>: the settings to change."""

    name = fields.String(validate=validate.Length(min=1, max=200))
    slug = fields.String(validate=_slug)
    timezone = TimeZone()
    currency = fields.String(validate=CURRENCY)
    country = fields.String(validate=COUNTRY)
    contact_email = fields.Email(allow_none=True, validate=validate.Length(max=320))
    contact_phone = fields.String(allow_none=True, validate=validate.Length(max=32))
    embed_origins = fields.List(
        Origin(validate=validate.Length(max=200)),
        validate=validate.Length(max=EMBED_ORIGINS_MOST),
        metadata={
            "example": ["https://lotus.example"],
            "description": f"The sites (at most {EMBED_ORIGINS_MOST}) whose pages may show its booking widget; "
            "any other is refused. [] allows none.",
        },
    )
    default_language = fields.String(validate=validate.OneOf(SUPPORTED), metadata={"description": LANGUAGE})

    @post_load
    def _distinct_origins(self, data, **_kwargs):
        if "embed_origins" in data:
            data["embed_origins"] = _distinct(data["embed_origins"])
        return data


class StudioSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    slug = fields.String()
    timezone = fields.String()
    currency = fields.String()
    country = fields.String(allow_none=True)
    contact_email = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    embed_origins = fields.List(fields.String(), metadata={"description": "Sites allowed to frame its widget"})
    default_language = fields.String(metadata={"description": LANGUAGE})
    created_at = fields.String()
    my_role = fields.String(metadata={"description": "The caller's role here (owner, manager, instructor, front_desk)"})
    my_permissions = fields.List(
        fields.String(), metadata={"description": "What my_role may do here: the permission table's names for it"}
    )
    tax_added = fields.Nested(
        AddedTaxSchema,
        allow_none=True,
        metadata={"description": "The list of my studios only: the tax it adds to its prices at checkout (or null)"},
    )


class StudioListSchema(BaseSchema):
    items = fields.List(fields.Nested(StudioSchema))


class InvitationCreateSchema(BaseSchema):
    """POST /api/studios/<slug>/invitations."""

    email = fields.Email(required=True, validate=validate.Length(max=320))
    role = fields.String(required=True, validate=validate.OneOf(MEMBER_ROLES))


class InvitationSchema(BaseSchema):
    id = fields.Integer()
    email = fields.String()
    role = fields.String()
    expires_at = fields.String()


class InviterSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()


class OpenInvitationSchema(InvitationSchema):
    invited_by = fields.Nested(InviterSchema, allow_none=True, metadata={"description": "null: their account is gone"})
    created_at = fields.String()


class InvitationListSchema(BaseSchema):
    items = fields.List(fields.Nested(OpenInvitationSchema))


class InvitationPreviewSchema(BaseSchema):
    """GET /api/invitations/<token>: what the invitation's page names before it is accepted."""

    studio = fields.Dict(metadata={"description": "{name}"})
    role = fields.String()
    email = fields.String(metadata={"description": "The address it was sent to: the account that may accept it"})
    invited_by = fields.Dict(allow_none=True, metadata={"description": "{name}; null once that account is gone"})
    expires_at = fields.String()


class InvitationAcceptedSchema(BaseSchema):
    studio = fields.Dict(metadata={"description": "{id, slug, name}"})
    role = fields.String()


class MemberSchema(BaseSchema):
    user_id = fields.Integer()
    name = fields.String()
    email = fields.String()
    role = fields.String()
    joined_at = fields.String()


class MemberListSchema(BaseSchema):
    items = fields.List(fields.Nested(MemberSchema))


class RoleChangeSchema(BaseSchema):
    """PATCH /api/studios/<slug>/members/<user_id>."""

    role = fields.String(required=True, validate=validate.OneOf(MEMBER_ROLES))


class InstructorChangeSchema(BaseSchema):
    """PATCH /api/studios/<slug>/sessions/<session_id>/instructor."""

    instructor_id = Id(required=True)
    following = fields.Boolean(load_default=False, metadata={"description": "The later sessions of its series too"})


class InstructorSchema(BaseSchema):
    session_id = fields.Integer()
    instructor_id = fields.Integer()
    session_ids = fields.List(fields.Integer(), metadata={"description": "Every session it now teaches"})


class MemberRoleSchema(BaseSchema):
    user_id = fields.Integer()
    role = fields.String()


class StudioCloseSchema(BaseSchema):
    """DELETE /api/studios/<slug>: the studio's slug again, so that a stray call closes nothing."""

    confirm = fields.String(load_default=None, validate=validate.Length(max=64))


class OwnerGrantSchema(BaseSchema):
    """POST /api/admin/studios/<slug>/owners: the account to make an owner."""

    user_id = Id(required=True)


class AuditFiltersSchema(BaseSchema):
    """GET /api/studios/<slug>/audit.csv: the filters."""

    person = Id(strict=False, metadata={"description": "Only this account's actions"})
    kind = fields.String(validate=validate.Length(min=1, max=60), metadata={"description": "e.g. member.role_changed"})
    since = UTCDateTimeField(metadata={"description": "From this time on"})
    until = UTCDateTimeField(metadata={"description": "Before this time"})


class AuditQuerySchema(PageArgsSchema, AuditFiltersSchema):
    """GET /api/studios/<slug>/audit: filters and the page."""


class AuditEntrySchema(BaseSchema):
    id = fields.Integer()
    actor_id = fields.Integer(allow_none=True)
    actor_name = fields.String(allow_none=True, metadata={"description": "Who acted, named as when written"})
    actor_role = fields.String()
    action = fields.String()
    object_type = fields.String()
    object_id = fields.Integer(allow_none=True)
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    object_label = fields.String(
        allow_none=True, metadata={"description": "The object in words when the entry was written (null before then)"}
    )
    labels = fields.Dict(
        metadata={"description": "The ids of before and after in words when written, by field and id: "
                  '{"session_id": {"12": "Morning Flow · 3 Dec 07:00"}}'}
    )  # fmt: skip
    at = fields.String()
    remote_addr = fields.String(allow_none=True)


class AuditPageSchema(PageSchema):
    items = fields.List(fields.Nested(AuditEntrySchema))


class AuditPeopleSchema(BaseSchema):
    items = fields.List(fields.Nested(InviterSchema), metadata={"description": "[{id, name}]: who acted"})


class DeskSaleSchema(BaseSchema):
    """POST /api/studios/<slug>/desk/passes: a pass sold at the desk."""

    product_id = Id(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(required=True, validate=validate.Length(max=254), metadata={"description": "Found or made"})
    method = fields.String(required=True, validate=validate.OneOf(DESK_METHODS))


class DeskMoneySchema(BaseSchema):
    amount = fields.Integer(metadata={"description": "Minor units"})
    currency = fields.String()
    method = fields.String()
    taken_by = fields.Integer(metadata={"description": "The member who took it"})


class DeskSoldSchema(BaseSchema):
    pass_ = fields.Nested(OwnedPassSchema, attribute="pass", data_key="pass")
    payment = fields.Nested(DeskMoneySchema)
    user_id = fields.Integer()
    new_account = fields.Boolean(metadata={"description": "An account was made for them (claimed by a password reset)"})
