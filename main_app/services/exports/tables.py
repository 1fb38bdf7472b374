"""What a studio's export holds: one CSV file per kind of row, each a SELECT of one model's columns narrowed to the
studio's rows, paged by id (docs/export-format.md lists the files and their columns)."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, or_, select

from ...models import (
    Appointment,
    AppointmentService,
    Booking,
    BookingAnswer,
    BookingGuest,
    BookingInstalment,
    Checkin,
    CodeUse,
    DiscountCode,
    Event,
    EventQuestion,
    EventSession,
    Feedback,
    ImportedClient,
    Invoice,
    Pass,
    PassLedgerEntry,
    PassProduct,
    Payment,
    PaymentRefund,
    SessionOption,
    SessionSeries,
    User,
    pass_product_events,
)

# Version 4: every cell is spreadsheet-safe (service_kit.spreadsheets), as the other downloads are. Version 5: a
# money column names its unit (amount_minor), so nobody reads 59000 paise as rupees. Version 6: private services
# and the privates booked.
FORMAT, VERSION = "booking-platform/studio-export", 6
SKIPPED = {"password_hash", "token_generation", "calendar_version", "checkout_url"}  # never in an export
# The exported columns that hold money, in the currency's minor units (paise, cents): exact, so a move round-trips.
MONEY_COLUMNS = frozenset(
    ("amount", "price", "refund_amount", "staff_refunded", "taxable", "tax_amount", "total", "amount_off")
)
MINOR = "_minor"


def heading(key: str) -> str:
    """A column's name in the export's header: a money column's names its unit ("amount_minor")."""
    return key + MINOR if key in MONEY_COLUMNS else key


@dataclass(frozen=True)
class Table:
    """One file of the export: its name, its model, and which of the model's rows are the studio's."""

    name: str
    model: type
    of_studio: object  # studio_id -> a WHERE clause on model

    def columns(self) -> list:
        return [column for column in self.model.__table__.columns if column.key not in SKIPPED]

    def page(self, studio_id: int, after: int, size: int) -> Select:
        """The next size rows of the studio's after the id after, by id."""
        key = self.model.__table__.c.id
        query = select(*self.columns()).where(self.of_studio(studio_id), key > after)
        return query.order_by(key).limit(size)

    def next_after(self, rows: list, size: int) -> int | None:
        """Where the page after rows starts (None: rows were the last)."""
        return rows[-1].id if len(rows) == size else None


@dataclass(frozen=True)
class LinkTable(Table):
    """A file of pairs without ids (a pass product's events): paged by its first column, a page holding every pair
    of size owners, so no owner's pairs are split between pages."""

    owners: object = None  # studio_id -> the SELECT of the owners' ids (the first column's values)

    def columns(self) -> list:
        return list(self.model.columns)

    def page(self, studio_id: int, after: int, size: int) -> Select:
        owned = self.owners(studio_id)
        key = owned.selected_columns[0]
        chosen = owned.where(key > after).order_by(key).limit(size).scalar_subquery()
        return select(*self.columns()).where(self.columns()[0].in_(chosen)).order_by(*self.columns())

    def next_after(self, rows: list, size: int) -> int | None:
        owners = list(dict.fromkeys(row[0] for row in rows))
        return owners[-1] if len(owners) == size else None


def _events(sid):
    return select(Event.id).where(Event.studio_id == sid)


def _sessions(sid):
    return select(EventSession.id).where(EventSession.event_id.in_(_events(sid)))


def _bookings(sid):
    return select(Booking.id).where(Booking.session_id.in_(_sessions(sid)))


def _products(sid):
    return select(PassProduct.id).where(PassProduct.studio_id == sid)


def _passes(sid):
    return select(Pass.id).where(Pass.studio_id == sid)


def _clients(sid):
    """The people who booked with the studio, bought one of its passes, or came in with one of its imports."""
    booked = select(Booking.user_id).where(Booking.session_id.in_(_sessions(sid)))
    imported = select(ImportedClient.user_id).where(ImportedClient.studio_id == sid)
    held = select(Pass.user_id).where(Pass.studio_id == sid)
    return or_(User.id.in_(booked), User.id.in_(held), User.id.in_(imported))


TABLES = (
    Table("clients", User, _clients),
    Table("events", Event, lambda sid: Event.studio_id == sid),
    Table("series", SessionSeries, lambda sid: SessionSeries.event_id.in_(_events(sid))),
    Table("sessions", EventSession, lambda sid: EventSession.id.in_(_sessions(sid))),
    Table("session_options", SessionOption, lambda sid: SessionOption.session_id.in_(_sessions(sid))),
    Table("event_questions", EventQuestion, lambda sid: EventQuestion.event_id.in_(_events(sid))),
    Table("bookings", Booking, lambda sid: Booking.id.in_(_bookings(sid))),
    Table("booking_guests", BookingGuest, lambda sid: BookingGuest.booking_id.in_(_bookings(sid))),
    Table("booking_answers", BookingAnswer, lambda sid: BookingAnswer.booking_id.in_(_bookings(sid))),
    Table("instalments", BookingInstalment, lambda sid: BookingInstalment.booking_id.in_(_bookings(sid))),
    Table("attendance", Checkin, lambda sid: Checkin.booking_id.in_(_bookings(sid))),
    Table("feedback", Feedback, lambda sid: Feedback.session_id.in_(_sessions(sid))),
    # Privates: the services, and each private booked (its session and booking are in sessions and bookings). Who
    # gives a service and their hours are the team's, which an export does not carry.
    Table("appointment_services", AppointmentService, lambda sid: AppointmentService.studio_id == sid),
    Table("appointments", Appointment, lambda sid: Appointment.studio_id == sid),
    Table("pass_products", PassProduct, lambda sid: PassProduct.studio_id == sid),
    LinkTable(
        "pass_product_events",
        pass_product_events,
        lambda sid: pass_product_events.c.product_id.in_(_products(sid)),
        owners=lambda sid: _products(sid),
    ),
    Table("passes", Pass, lambda sid: Pass.studio_id == sid),
    Table("pass_ledger", PassLedgerEntry, lambda sid: PassLedgerEntry.pass_id.in_(_passes(sid))),
    Table("codes", DiscountCode, lambda sid: DiscountCode.studio_id == sid),
    Table(
        "code_uses",
        CodeUse,
        lambda sid: CodeUse.code_id.in_(select(DiscountCode.id).where(DiscountCode.studio_id == sid)),
    ),
    Table(
        "payments",
        Payment,
        lambda sid: or_(Payment.booking_id.in_(_bookings(sid)), Payment.pass_id.in_(_passes(sid))),
    ),
    Table(
        "refunds",
        PaymentRefund,
        lambda sid: PaymentRefund.payment_id.in_(
            select(Payment.id).where(or_(Payment.booking_id.in_(_bookings(sid)), Payment.pass_id.in_(_passes(sid))))
        ),
    ),
    Table("invoices", Invoice, lambda sid: Invoice.studio_id == sid),
)
BY_NAME = {table.name: table for table in TABLES}


def cell(value) -> str:
    """A value as its CSV cell: ISO 8601 for times and dates, JSON as its text, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
