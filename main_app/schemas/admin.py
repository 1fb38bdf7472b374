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
