"""CSV downloads (RFC 4180) for facilitators: a session's registrants (one row per booking with its payment, seats
and guests, then the waiting list in order), the passes they sold, their sessions' attendance, and a studio's audit
log; every cell safe to open in a spreadsheet. The registrants' and the audit log's times are on the studio's clock,
the zone named in their column's header ("booked_at (Asia/Kolkata)")."""

import json

from service_kit.spreadsheets import clock_cell, clock_header, csv_document, csv_lines, money_cell

CSV_COLUMNS = (
    "booking_id",
    "name",
    "email",
    "booked_at",
    "status",
    "cancelled_at",
    "cancel_reason",
    "payment_status",
    "amount_paid",
    "currency",
    "refund_status",
    "seats",
    "guests",
    "option",  # the room option booked (or waited for); blank for a session without options
)
TIMES = ("booked_at", "cancelled_at")  # on the studio's clock


def _payment_cells(payment, paid: int) -> tuple:
    """payment_status (the latest payment's), amount_paid (every payment less refunds, in major units: "590.00"),
    currency, refund_status; blank for a free session's booking."""
    if payment is None:
        return ("", "", "", "")
    return (payment.status, money_cell(paid, payment.currency), payment.currency, payment.refund_status or "")


def _guest_cell(party) -> str:
    """The guests in one cell: "Ana Silva <ana@example.com>; Ben (cancelled)"."""
    cells = []
    for guest in party:
        cell = f"{guest.name} <{guest.email}>" if guest.email else guest.name
        cells.append(cell if guest.status == "active" else f"{cell} (cancelled)")
    return "; ".join(cells)


def _answer_cells(questions, answers) -> list[str]:
    """One cell per question: the answer as text ("yes"/"no", choices joined by "; "), "(deleted)" once purged."""
    given = {answer["question_id"]: answer for answer in answers}
    cells = []
    for question_id, _label in questions:
        answer = given.get(question_id)
        value = None if answer is None else answer["value"]
        if answer is not None and answer["purged"]:
            cells.append("(deleted)")
        elif isinstance(value, bool):
            cells.append("yes" if value else "no")
        elif isinstance(value, list):
            cells.append("; ".join(value))
        else:
            cells.append("" if value is None else str(value))
    return cells


def document(bookings, line, timezone: str, questions=()) -> str:
    """The CSV of bookings (each with payment, party and answers) and the line ((place, position) in order), a
    column per intake question ((id, label) in order) at the end, times on the studio's clock (timezone); every cell
    quoted: one holding ; or a tab stays one cell in a spreadsheet that splits on those."""
    columns = [clock_header(name, timezone) if name in TIMES else name for name in CSV_COLUMNS]
    header = [*columns, *(label for _id, label in questions)]
    rows = [*_booking_rows(bookings, questions, timezone), *_waiting_rows(line, questions, timezone)]
    return csv_document(header, rows)


def _booking_rows(bookings, questions, timezone: str):
    """A row per booking, its payment, party and answers."""
    for b in bookings:
        yield (
            b.id,
            b.user.name,
            b.user.email,
            clock_cell(b.created_at, timezone),
            b.status,
            clock_cell(b.cancelled_at, timezone),
            b.cancel_reason,
            *_payment_cells(b.payment, b.paid),
            b.seats,
            _guest_cell(b.party),
            b.option.name if b.option_id is not None else "",
            *_answer_cells(questions, getattr(b, "answers", ())),
        )


def _waiting_rows(line, questions, timezone: str):
    """A row per place in the waiting line, in its order."""
    for entry, _position in line:
        blanks = ("",) * 6
        joined = clock_cell(entry.created_at, timezone)
        row = ("", entry.user.name, entry.user.email, joined, "waiting", *blanks, entry.seats, "")
        row += (entry.option.name if entry.option_id is not None else "",)
        yield row + ("",) * len(questions)


PASS_COLUMNS = ("pass_id", "name", "email", "pass", "kind", "status", "credits", "credits_left", "price", "currency")
PASS_COLUMNS += ("bought_at", "valid_until", "renews")
PASS_TIMES = ("bought_at", "valid_until")


def passes_document(passes, timezone: str) -> str:
    """The CSV of the passes a facilitator sold, every cell quoted and safe to open in a spreadsheet; its times on
    the studio's clock, the zone named in their headers."""
    rows = (
        (
            p.id,
            p.user.name,
            p.user.email,
            p.name,
            p.kind,
            p.status,
            p.credits if p.credits is not None else "",
            p.credits_left if p.credits_left is not None else "",
            money_cell(p.price, p.currency),
            p.currency,
            clock_cell(p.paid_at, timezone),
            clock_cell(p.valid_until, timezone),
            "yes" if p.renews else "no",
        )
        for p in passes
    )
    return csv_document([clock_header(c, timezone) if c in PASS_TIMES else c for c in PASS_COLUMNS], rows)


ATTENDANCE_COLUMNS = ("session_id", "event", "starts_at", "status", "capacity", "booked", "checked_in", "attended")
ATTENDANCE_COLUMNS += ("no_shows", "walk_ins")


def attendance_document(sessions, timezone: str) -> str:
    """The CSV of a facilitator's sessions with their attendance, every cell quoted and safe in a spreadsheet; when
    each starts on the studio's clock, the zone named in its header."""
    rows = (
        [
            s.id,
            s.title,
            clock_cell(s.starts_at, timezone),
            s.status,
            s.capacity,
            s.booked,
            s.checked_in,
            s.attended,
            s.no_shows,
            s.walk_ins,
        ]
        for s in sessions
    )
    columns = [clock_header(c, timezone) if c == "starts_at" else c for c in ATTENDANCE_COLUMNS]
    return csv_document(columns, rows)


AUDIT_COLUMNS = ("at", "actor_id", "actor_name", "actor_role", "action", "object_type", "object_id", "object")
AUDIT_COLUMNS += ("before", "after", "labels", "remote_addr")


def _json_cell(value) -> str:
    """before / after as compact JSON (blank for none)."""
    return "" if value is None else json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def audit_lines(entries, timezone: str):
    """The audit log's CSV a line at a time (the header first), its times on the studio's clock (timezone), every
    cell quoted and safe in a spreadsheet."""
    rows = (
        [
            clock_cell(e.at, timezone),
            e.actor_id,
            ((e.labels or {}).get("actor_id") or {}).get(str(e.actor_id)) or e.actor_name,  # as named then
            e.actor_role,
            e.action,
            e.object_type,
            e.object_id,
            e.object_label,
            _json_cell(e.before),
            _json_cell(e.after),
            _json_cell(e.labels),
            e.remote_addr,
        ]
        for e in entries
    )
    return csv_lines((clock_header("at", timezone), *AUDIT_COLUMNS[1:]), rows)
