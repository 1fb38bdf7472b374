"""A person's own data at the edge: erasing the account."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema


class EraseSchema(BaseSchema):
    """DELETE /me: the account's password, as a last check that it is theirs to erase."""

    password = fields.String(required=True, validate=validate.Length(min=1, max=128), load_only=True)
