"""A studio's reports at the edge: the span asked for, and the revenue report's figures (money in minor units)."""

from marshmallow import fields, validate

from main_app.services.reports import BY
from service_kit.schemas import BaseSchema


class ReportQuerySchema(BaseSchema):
    """GET /api/studios/<slug>/reports/...: the days (the studio's calendar, both included) and how to split them."""

    since = fields.Date(data_key="from", metadata={"description": "The first day (default: 30 days before to)"})
    until = fields.Date(data_key="to", metadata={"description": "The last day, included (default: today)"})
    by = fields.String(validate=validate.OneOf(BY), metadata={"description": "day (the default), week or month"})
    format = fields.String(validate=validate.OneOf(["json", "csv"]), metadata={"description": "json or csv"})


class FiguresSchema(BaseSchema):
    """Money taken and given back over some days, in minor units."""

    gross = fields.Integer(metadata={"description": "The invoices' totals: money taken"})
    refunds = fields.Integer(metadata={"description": "The credit notes' totals: money given back"})
    net = fields.Integer(metadata={"description": "gross less refunds"})
    tax = fields.Integer(metadata={"description": "Tax charged less tax given back (part of gross and refunds)"})
    invoices = fields.Integer()
    credit_notes = fields.Integer()


class PeriodSchema(FiguresSchema):
    start = fields.String(metadata={"description": "The period's first day"})


class PreviousSchema(FiguresSchema):
    since = fields.String(data_key="from", attribute="from", metadata={"description": "The previous span's first day"})


class OwedSchema(BaseSchema):
    instalments_due = fields.Integer(metadata={"description": "Payment plans' instalments not yet paid"})
    unused_credits = fields.Integer(metadata={"description": "Credits left on packs still good"})
    unused_credits_worth = fields.Integer(
        metadata={"description": "Those credits at what they were bought for: what the studio owes in classes"}
    )


class RevenueReportSchema(BaseSchema):
    """The revenue report."""

    since = fields.String(data_key="from", attribute="from", metadata={"description": "The first day"})
    until = fields.String(data_key="to", attribute="to", metadata={"description": "The last day, included"})
    by = fields.String()
    currency = fields.String()
    totals = fields.Nested(FiguresSchema)
    previous = fields.Nested(PreviousSchema, metadata={"description": "The span of as many days just before"})
    kinds = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(FiguresSchema),
        metadata={"description": "By what was sold: drop_in, retreat, plan, pack, membership, desk"},
    )
    periods = fields.List(fields.Nested(PeriodSchema))
    other_currencies = fields.Dict(keys=fields.String(), values=fields.Nested(FiguresSchema))
    owed = fields.Nested(OwedSchema)
