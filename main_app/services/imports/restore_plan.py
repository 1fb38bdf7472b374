"""How a studio export's files go back into a database: in an order that writes every row after the rows it points
to, each foreign key translated through the id map of the file its table is written from, and the ids named outside
foreign keys (who took a payment, a pass's events, a credit note's refund) translated the same way."""

import sqlalchemy as sa

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

# (file, model), each after every file whose rows it points to.
ORDER = (
    ("clients", User),
    ("events", Event),
    ("series", SessionSeries),
    ("sessions", EventSession),
    ("session_options", SessionOption),
    ("event_questions", EventQuestion),
    ("appointment_services", AppointmentService),
    ("pass_products", PassProduct),
    ("pass_product_events", pass_product_events),  # pairs without ids: nothing names them
    ("passes", Pass),
    ("codes", DiscountCode),
    ("bookings", Booking),
    ("booking_guests", BookingGuest),
    ("booking_answers", BookingAnswer),
    ("attendance", Checkin),
    ("feedback", Feedback),
    ("appointments", Appointment),
    ("pass_ledger", PassLedgerEntry),
    ("code_uses", CodeUse),
    ("payments", Payment),
    ("instalments", BookingInstalment),
    ("refunds", PaymentRefund),
    ("invoices", Invoice),
)


def table_of(model) -> sa.Table:
    """A file's table: its model's, or the table itself for a file of pairs."""
    return getattr(model, "__table__", model)


FILE_OF_TABLE = {table_of(model).name: name for name, model in ORDER}
LINKS = {"pass_product_events": ("product_id", "pass_products")}  # pairs: deleted with the rows their first names
# Files an older version lacks (read as empty): the version that added each.
SINCE = {"pass_product_events": 3, "appointment_services": 6, "appointments": 6}
# Ids named outside foreign keys: (file, column) -> the file whose ids they are.
NAMED_IDS = {
    ("payments", "taken_by"): "clients",
    ("payments", "surplus_of"): "payments",  # a second capture's row names its checkout's payment
    ("refunds", "asked_by"): "clients",
}
LISTS_OF_IDS = {("passes", "event_ids"): "events", ("codes", "event_ids"): "events"}
DROPPED = {("pass_ledger", "waitlist_entry_id"), ("payments", "account_id")}  # rows this format does not carry
REFUND_REFS = {"payment": "payments", "staff": "refunds", "seat": "booking_guests"}  # invoices.refund_ref by kind
