"""The reconciliation's schemas: a keyset page of a studio's client figures, by the main API's user ids."""

from marshmallow import fields, validate

from service_kit.schemas import BaseSchema

MAX_FIGURES_PAGE = 1000


class FiguresQuerySchema(BaseSchema):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0), metadata={"description": "User ids above."})
    through = fields.Integer(
        validate=validate.Range(min=1), metadata={"description": "User ids up to this one (all when absent)."}
    )
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=MAX_FIGURES_PAGE))


class MoneyFiguresSchema(BaseSchema):
    spent = fields.Integer(required=True)
    refunded = fields.Integer(required=True)


class ClientFiguresSchema(BaseSchema):
    user_id = fields.Integer(required=True)
    bookings = fields.Integer(required=True)
    visits = fields.Integer(required=True)
    no_shows = fields.Integer(required=True)
    late_cancels = fields.Integer(required=True)
    credits_left = fields.Integer(required=True, metadata={"description": "On good passes (active, not expired)."})
    money = fields.Dict(
        keys=fields.String(), values=fields.Nested(MoneyFiguresSchema), metadata={"description": "Per currency."}
    )


class FiguresPageSchema(BaseSchema):
    items = fields.List(fields.Nested(ClientFiguresSchema), required=True)
    next_after = fields.Integer(allow_none=True, metadata={"description": "Ask again with after=this; null: done."})
