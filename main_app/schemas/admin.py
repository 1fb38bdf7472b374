"""Platform admins' reads at the edge: the studios list and the account search."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema, PageSchema

from .common import PageArgsSchema


class AdminStudiosQuerySchema(PageArgsSchema):
    """GET /api/admin/studios: a name or slug to look for, and the page."""

    q = fields.String(load_default=None, validate=validate.Length(max=200))


class AdminOwnerSchema(BaseSchema):
    user_id = fields.Integer()
    name = fields.String()
    email = fields.String()


class AdminStudioSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    slug = fields.String()
    closed = fields.Boolean()
    closed_at = fields.String(allow_none=True)
    owners = fields.List(fields.Nested(AdminOwnerSchema))
    members = fields.Integer(metadata={"description": "How many members it has"})


class AdminStudioPageSchema(PageSchema):
    items = fields.List(fields.Nested(AdminStudioSchema))


class AdminUsersQuerySchema(BaseSchema):
    """GET /api/admin/users: part of an email or name (two characters at least), and how many to answer."""

    q = fields.String(required=True, validate=validate.Length(min=2, max=200))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=25))


class AdminUserSchema(BaseSchema):
    id = fields.Integer()
    name = fields.String()
    email = fields.String()


class AdminUserListSchema(BaseSchema):
    items = fields.List(fields.Nested(AdminUserSchema))


class ReconciliationQuerySchema(BaseSchema):
    """GET /api/admin/studios/<slug>/reconciliation: how many differences to list (all are counted)."""

    limit = fields.Integer(load_default=100, validate=validate.Range(min=0, max=1000))


class ReconciledStudioSchema(BaseSchema):
    id = fields.Integer()
    slug = fields.String()


class DifferenceSchema(BaseSchema):
    user_id = fields.Integer(metadata={"description": "The client's account"})
    field = fields.String(
        metadata={"description": "bookings, visits, no_shows, late_cancels, credits_left, spent:<CUR>, refunded:<CUR>"}
    )
    crm = fields.Integer(metadata={"description": "The CRM's figure (0 when it has no such client)"})
    main = fields.Integer(metadata={"description": "What the main API's records say"})


class ReconciliationSchema(BaseSchema):
    studio = fields.Nested(ReconciledStudioSchema)
    clients_compared = fields.Integer(metadata={"description": "Clients either side knows"})
    difference_count = fields.Integer()
    by_field = fields.Dict(keys=fields.String(), values=fields.Integer())
    differences = fields.List(fields.Nested(DifferenceSchema), metadata={"description": "The first `limit`"})
    truncated = fields.Boolean(metadata={"description": "More differences than listed"})
