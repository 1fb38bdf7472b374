"""Schemas of booking endpoints."""

from datetime import timedelta

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from main_app.services.common import join_url
from main_app.services.languages import gettext
from service_kit.schemas import BaseSchema, Id

from .events import WAITLIST_SETTINGS, FacilitatorSchema, SessionInstructorSchema, SessionSchema


class BookedSessionSchema(SessionSchema):
    """A booking's or a place's session: its waiting-list settings are shown with the session itself."""

    # Loaded with the session: My bookings names who teaches it, not who made the event.
    instructor = fields.Nested(SessionInstructorSchema, metadata={"description": "Who teaches it"})

    class Meta:
        # A booking names its own option (BookingSchema.option).
        exclude = (*WAITLIST_SETTINGS, "options")


# The most seats any one booking may ask for; each session sets its own limit within it (max_seats_per_booking).
MOST_SEATS = 50


class GuestRequestSchema(BaseSchema):
    """Someone the booker brings: a name, and an email for their own confirmation and reminders."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    email = fields.Email(load_default=None, allow_none=True, validate=validate.Length(max=254))

    @pre_load
    def _blank_email_is_none(self, data, **_kwargs):
        """A form's empty email field means no email."""
        if isinstance(data, dict) and isinstance(data.get("email"), str) and not data["email"].strip():
            return {**data, "email": None}
        return data


class SeatsRequestSchema(BaseSchema):
    """How many seats (the booker's and their guests') and who the guests are: at most one fewer than the seats;
    seats left unnamed are "Guest 2", "Guest 3"."""

    seats = fields.Integer(strict=True, load_default=1, validate=validate.Range(min=1, max=MOST_SEATS))
    guests = fields.List(fields.Nested(GuestRequestSchema), load_default=list, validate=validate.Length(max=MOST_SEATS))

    @validates_schema
    def _guests_fit(self, data, **_kwargs):
        if len(data.get("guests", ())) > data.get("seats", 1) - 1:
            raise ValidationError(gettext("At most one guest per seat beyond your own."), field_name="guests")
        if any(not guest["name"].strip() for guest in data.get("guests", ())):
            raise ValidationError(gettext("Each guest needs a name."), field_name="guests")


class JoinLineSchema(SeatsRequestSchema):
    pass_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "Wait with this pass of yours: a pack's credits are held until the place ends"},
    )
    option_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "The room option to wait for (required when the session has options)"},
    )
    dependent_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "The place is for this child of my family (GET /me/family/children); null: for me"},
    )


class LeaveLineArgsSchema(BaseSchema):
    dependent_id = Id(strict=False, metadata={"description": "Take this child of my family out of the line"})


class BookRequestSchema(SeatsRequestSchema):
    session_id = Id(required=True)
    pass_id = Id(
        load_default=None, allow_none=True, metadata={"description": "Book with this pass of yours: no checkout"}
    )
    code = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=40),
        metadata={"description": "A discount code (case-insensitive), taken off a paid session's price"},
    )
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(max=20)),
        values=fields.Raw(allow_none=True),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=50),
        metadata={
            "description": "The event's intake questions (GET /events/<id>/questions) answered: {question id: text, "
            "a choice, a list of choices, true/false or a YYYY-MM-DD date}",
            "example": {"12": "Vegetarian", "13": True},
        },
    )
    option_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "The room option to book (required when the session has options, refused when not)"},
    )


class GuestSchema(BaseSchema):
    id = Id()
    name = fields.String()
    email = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "active, or cancelled (the seat was given back)"})
    email_withheld = fields.String(
        allow_none=True,
        metadata={
            "description": "why this guest's last email was not sent: limit (too many emails to guests from this "
            "booker, or to this address, in the last hour or day) or unsubscribed (the guest stopped them); null "
            "when it was sent, or there was no email"
        },
    )
    refund_status = fields.String(
        allow_none=True, metadata={"description": "a seat given back in time: its refund, initiated, processed, failed"}
    )
    refund_amount = fields.Integer(allow_none=True, metadata={"description": "that seat's refund, in minor units"})


class CancelRequestSchema(BaseSchema):
    reason = fields.String(validate=validate.Length(max=500))


class BookedEventSchema(BaseSchema):
    id = Id()
    title = fields.String()
    kind = fields.String()
    location = fields.String()
    timezone = fields.String()
    facilitator = fields.Nested(FacilitatorSchema)
    refund_until_hours = fields.Integer()
    late_cancel_hours = fields.Integer()
    private = fields.Boolean(metadata={"description": "A private session's: no event page; see GET /appointments"})


class PaymentSchema(BaseSchema):
    """A booking's latest payment: the checkout while it is pending, then what was paid and refunded."""

    status = fields.String(metadata={"description": "pending, succeeded or failed"})
    amount = fields.Integer(metadata={"description": "minor units of currency"})
    currency = fields.String()
    provider = fields.String(metadata={"description": "test or stripe"})
    checkout_url = fields.String(metadata={"description": "the provider's page to pay on"})
    expires_at = fields.AwareDateTime(metadata={"description": "the end of the seat's hold"})
    payment_id = fields.String(allow_none=True)
    paid_at = fields.AwareDateTime(allow_none=True)
    refund_status = fields.String(allow_none=True, metadata={"description": "initiated, processed or failed"})
    refund_id = fields.String(allow_none=True)
    refund_amount = fields.Integer(allow_none=True)
    refunded_at = fields.AwareDateTime(allow_none=True)
    staff_refunded = fields.Integer(metadata={"description": "what the studio's staff gave back of it so far"})


def _paid(name: str):
    """One of the booking's flat payment fields, read from the booking's latest payment (None when free)."""

    def read(booking):
        payment = getattr(booking, "payment", None)
        if payment is None:
            return None
        if name == "amount_paid":
            return booking.paid  # every payment received less refunds (services.payments.records.paid_of)
        return getattr(payment, {"payment_status": "status", "payment_provider": "provider"}.get(name, name))

    return read


class BookedOptionSchema(BaseSchema):
    """The room option a booking's seats are in."""

    id = Id()
    name = fields.String()


class BookingSchema(BaseSchema):
    id = Id()
    for_ = fields.Method(
        "_for", data_key="for", metadata={"description": "The child of my family it is for ({id, name}); null: me"}
    )
    status = fields.String()
    seats = fields.Integer(metadata={"description": "The seats it holds: the booker's and one per guest coming"})
    guests = fields.List(fields.Nested(GuestSchema), attribute="party")
    session_id = Id()
    user_id = Id()
    created_at = fields.AwareDateTime()
    cancelled_at = fields.AwareDateTime(allow_none=True)
    cancel_reason = fields.String(allow_none=True)
    cancelled_by = fields.String(
        allow_none=True,
        metadata={"description": "who cancelled it: person or facilitator (null when not cancelled or unknown)"},
    )
    reactivated_at = fields.AwareDateTime(allow_none=True)
    session = fields.Nested(BookedSessionSchema)
    join_url = fields.Method(
        "_join_url",
        metadata={
            "type": "string",
            "nullable": True,
            "description": "An online or hybrid class's join page while the booking is on (it opens the link)",
        },
    )
    event = fields.Nested(BookedEventSchema, attribute="session.event")
    reminders_at = fields.List(
        fields.AwareDateTime(),
        metadata={"description": "When the reminder emails for this booking will go (none once sent or turned off)."},
    )
    hold_expires_at = fields.AwareDateTime(
        allow_none=True, metadata={"description": "pending_payment: until when the seat is held for the payment"}
    )
    payment = fields.Nested(PaymentSchema, allow_none=True, metadata={"description": "null for a free session"})
    payment_id = fields.Function(_paid("payment_id"), metadata={"type": "string", "nullable": True})
    payment_status = fields.Function(_paid("payment_status"), metadata={"type": "string", "nullable": True})
    payment_provider = fields.Function(_paid("payment_provider"), metadata={"type": "string", "nullable": True})
    amount_paid = fields.Function(_paid("amount_paid"), metadata={"type": "integer", "nullable": True})
    currency = fields.Function(_paid("currency"), metadata={"type": "string", "nullable": True})
    refund_id = fields.Function(_paid("refund_id"), metadata={"type": "string", "nullable": True})
    refund_status = fields.Function(_paid("refund_status"), metadata={"type": "string", "nullable": True})
    refunded_at = fields.Function(
        lambda booking: _paid("refunded_at")(booking) and _paid("refunded_at")(booking).isoformat(),
        metadata={"type": "string", "format": "date-time", "nullable": True},
    )
    refundable_until = fields.Method(
        "_refundable_until",
        metadata={
            "type": "string",
            "format": "date-time",
            "nullable": True,
            "description": "paid sessions: until when cancelling refunds in full",
        },
    )

    payment_plan = fields.Function(
        lambda booking: getattr(booking, "payment_plan", None),
        metadata={
            "type": "object",
            "nullable": True,
            "description": "Under an event's payment plan: schedule [{number, deposit, amount, formatted, due_at, "
            "due, status: paid, due, overdue, cancelled or refunded}], currency, paid, outstanding (with their "
            "_formatted texts) and next_due (the number to pay next, or null); null without a plan",
        },
    )
    pass_id = Id(allow_none=True, metadata={"description": "The pass its seats were booked with; null: paid or free"})
    credit_back_until = fields.Method(
        "_credit_back_until",
        metadata={
            "type": "string",
            "format": "date-time",
            "nullable": True,
            "description": "booked with a pass: until when cancelling gives the credits back (later: forfeited)",
        },
    )

    option = fields.Nested(
        BookedOptionSchema, allow_none=True, metadata={"description": "The room option booked; null when none"}
    )

    def _join_url(self, booking):
        return join_url(booking, booking.session)

    def _refundable_until(self, booking):
        session = booking.session
        if session.price == 0 or booking.pass_id is not None:
            return None
        return (session.starts_at - timedelta(hours=session.event.refund_until_hours)).isoformat()

    def _for(self, booking):
        return None if booking.dependent_id is None else {"id": booking.dependent_id, "name": booking.dependent.name}

    def _credit_back_until(self, booking):
        if booking.pass_id is None:
            return None
        return (booking.session.starts_at - timedelta(hours=booking.session.event.late_cancel_hours)).isoformat()


# A booking's answer is shaped by plain functions on the hot paths (POST /book, GET /bookings), exactly as
# BookingSchema dumps it (tests/main_app/test_booking_documents.py compares them) at a fraction of the cost.
