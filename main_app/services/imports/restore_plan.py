"""How a studio export's files go back into a database: in an order that writes every row after the rows it points
to, each foreign key translated through the id map of the file its table is written from, and the ids named outside
foreign keys (who took a payment, a pass's events, a credit note's refund) translated the same way."""

from ...models import (
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
)

# (file, model), each after every file whose rows it points to.
ORDER = (
    ("clients", User),
    ("events", Event),
    ("series", SessionSeries),
    ("sessions", EventSession),
    ("session_options", SessionOption),
    ("event_questions", EventQuestion),
    ("pass_products", PassProduct),
    ("passes", Pass),
    ("codes", DiscountCode),
    ("bookings", Booking),
    ("booking_guests", BookingGuest),
    ("booking_answers", BookingAnswer),
    ("attendance", Checkin),
    ("feedback", Feedback),
    ("pass_ledger", PassLedgerEntry),
    ("code_uses", CodeUse),
    ("payments", Payment),
    ("instalments", BookingInstalment),
    ("refunds", PaymentRefund),
    ("invoices", Invoice),
)
FILE_OF_TABLE = {model.__tablename__: name for name, model in ORDER}
# Ids named outside foreign keys: (file, column) -> the file whose ids they are.
NAMED_IDS = {
    ("payments", "taken_by"): "clients",
    ("refunds", "asked_by"): "clients",
}
LISTS_OF_IDS = {("passes", "event_ids"): "events", ("codes", "event_ids"): "events"}
DROPPED = {("pass_ledger", "waitlist_entry_id"), ("payments", "account_id")}  # rows this format does not carry
REFUND_REFS = {"payment": "payments", "staff": "refunds", "seat": "booking_guests"}  # invoices.refund_ref by kind
