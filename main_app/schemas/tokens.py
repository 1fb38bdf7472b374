"""A studio's API tokens at the edge: making one (a name, its permissions, days to live) and how one reads."""

from marshmallow import fields, validate

from main_app.services.studios import GRANTABLE
from service_kit.schemas import BaseSchema

NAME = validate.Length(min=1, max=100)


class ApiTokenCreateSchema(BaseSchema):
    """A new token: what it is for, what it may do (some of the permission table's, never studio.tokens or
    studio.delete) and how many days it lives (null: until revoked)."""

    name = fields.String(required=True, validate=NAME, metadata={"example": "Accounting export"})
    permissions = fields.List(
        fields.String(validate=validate.OneOf(GRANTABLE)),
        required=True,
        validate=validate.Length(min=1, max=len(GRANTABLE)),
        metadata={"example": ["reports.view"]},
    )
    expires_in_days = fields.Integer(
        strict=True, allow_none=True, load_default=90, validate=validate.Range(min=1, max=3650)
    )


class ApiTokenSchema(BaseSchema):
    """A token as the studio sees it: never its secret."""

    id = fields.Integer()
    name = fields.String()
    prefix = fields.String(metadata={"description": "How the token starts, to tell tokens apart"})
    permissions = fields.List(fields.String())
    made_by = fields.String(allow_none=True, metadata={"description": "The owner who made it (null: account gone)"})
    created_at = fields.DateTime()
    expires_at = fields.DateTime(allow_none=True)
    last_used_at = fields.DateTime(allow_none=True, metadata={"description": "Kept to the minute"})
    revoked_at = fields.DateTime(allow_none=True)


class ApiTokenMadeSchema(ApiTokenSchema):
    """A token just made, with the whole token: shown this once, never again."""

    token = fields.String(metadata={"example": "srk_3f9a1c2b7d4e_…"})


class ApiTokenListSchema(BaseSchema):
    """The studio's tokens, newest first, and the permissions a token may be given."""

    items = fields.List(fields.Nested(ApiTokenSchema))
    grantable = fields.List(fields.String())
