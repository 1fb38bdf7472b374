"""A studio's reports at the edge: the span asked for, and each report's figures (money in minor units)."""

from marshmallow import fields, validate

from main_app.services.reports import BY
from service_kit.schemas import BaseSchema, Id

PAY_LINES, MOST_PAY_LINES = 100, 500  # the pay report's classes a page: by default, and at most


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


class DeskMethodSchema(BaseSchema):
    gross = fields.Integer(metadata={"description": "Its invoices' totals"})
    refunds = fields.Integer(metadata={"description": "Its credit notes' totals"})
    net = fields.Integer(metadata={"description": "gross less refunds"})


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
    desk_methods = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(DeskMethodSchema),
        metadata={"description": "What the desk took by how it was paid: cash, card_terminal, upi"},
    )
    owed = fields.Nested(OwedSchema)


def _rate():
    return fields.Float(allow_none=True, metadata={"description": "Seats booked over seats offered (0 to 1)"})


class AttendanceFiguresSchema(BaseSchema):
    """How full classes were and who came."""

    sessions = fields.Integer()
    capacity = fields.Integer(metadata={"description": "Seats offered"})
    booked = fields.Integer(metadata={"description": "Seats booked"})
    fill_rate = _rate()
    attended = fields.Integer(metadata={"description": "Bookings marked attended (once check-in was taken)"})
    no_shows = fields.Integer(metadata={"description": "Bookings marked no-show"})
    late_cancels = fields.Integer(metadata={"description": "People's own cancellations after the late-cancel cut-off"})
    waited = fields.Integer(metadata={"description": "Places still in line when the class began: no seat came"})


class AttendancePeriodSchema(AttendanceFiguresSchema):
    start = fields.String(metadata={"description": "The period's first day"})


class AttendancePreviousSchema(AttendanceFiguresSchema):
    since = fields.String(data_key="from", attribute="from")


class ClassFiguresSchema(AttendanceFiguresSchema):
    event_id = fields.Integer()
    title = fields.String()


class SlotFiguresSchema(AttendanceFiguresSchema):
    weekday = fields.Integer(metadata={"description": "0 is Monday, on the studio's clock"})
    hour = fields.Integer(metadata={"description": "The hour classes began, on the studio's clock"})


class InstructorFiguresSchema(AttendanceFiguresSchema):
    instructor_id = fields.Integer()
    name = fields.String()


class AttendanceReportSchema(BaseSchema):
    """The attendance report."""

    since = fields.String(data_key="from", attribute="from")
    until = fields.String(data_key="to", attribute="to")
    by = fields.String()
    totals = fields.Nested(AttendanceFiguresSchema)
    previous = fields.Nested(AttendancePreviousSchema)
    periods = fields.List(fields.Nested(AttendancePeriodSchema))
    classes = fields.List(
        fields.Nested(ClassFiguresSchema), metadata={"description": "The 100 with most seats booked, most first"}
    )
    classes_total = fields.Integer(metadata={"description": "Classes held in the span, listed or not"})
    slots = fields.List(fields.Nested(SlotFiguresSchema))
    instructors = fields.List(fields.Nested(InstructorFiguresSchema))


class ClientFiguresSchema(BaseSchema):
    """Who came: clients, new (a first visit ever at the studio), returning, visits."""

    clients = fields.Integer()
    new = fields.Integer()
    returning = fields.Integer()
    visits = fields.Integer()


class ClientPeriodSchema(ClientFiguresSchema):
    start = fields.String()


class ClientPreviousSchema(ClientFiguresSchema):
    since = fields.String(data_key="from", attribute="from")


class CohortSchema(BaseSchema):
    """Those whose first visit was in a month, and how many came back within 30, 60, 90 days (null: still open)."""

    month = fields.String()
    clients = fields.Integer()
    back_30 = fields.Integer(allow_none=True)
    back_60 = fields.Integer(allow_none=True)
    back_90 = fields.Integer(allow_none=True)


class MembershipChurnSchema(BaseSchema):
    active_at_start = fields.Integer()
    started = fields.Integer()
    ended = fields.Integer()
    active_at_end = fields.Integer()
    churn_rate = fields.Float(allow_none=True, metadata={"description": "ended over active_at_start"})


class ClientsReportSchema(BaseSchema):
    """The clients report."""

    since = fields.String(data_key="from", attribute="from")
    until = fields.String(data_key="to", attribute="to")
    by = fields.String()
    totals = fields.Nested(ClientFiguresSchema)
    previous = fields.Nested(ClientPreviousSchema)
    periods = fields.List(fields.Nested(ClientPeriodSchema))
    cohorts = fields.List(fields.Nested(CohortSchema))
    memberships = fields.Nested(MembershipChurnSchema)


class PayQuerySchema(ReportQuerySchema):
    """GET .../reports/pay: the span, and one instructor's classes only."""

    instructor = Id(
        strict=False, metadata={"description": "One instructor's user id (an instructor always sees their own only)"}
    )
    page = fields.Integer(
        load_default=1,
        validate=validate.Range(min=1, max=100_000),
        metadata={"description": "The page of lines (JSON)"},
    )
    per_page = fields.Integer(
        load_default=PAY_LINES,
        validate=validate.Range(min=1, max=MOST_PAY_LINES),
        metadata={"description": "Lines a page"},
    )
