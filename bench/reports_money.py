"""The reports benchmark's money, as rows for bulk writing: passes (packs and memberships), the payments for them
and for the seats of the people who pay per class, each payment's invoice and each refund's credit note (GST 18 %
inside the price, numbered per studio as the studio's series would), payment plans' instalments (a deposit, then
a balance two days before the start, still due only in the newest weeks, as for coming retreats), and the daily
figures (daily_revenue) added up from those documents, as the transaction issuing each document keeps them."""

from collections import defaultdict
from datetime import datetime, timedelta

from bulk import IdBlocks

from main_app.models import BookingInstalment, DailyRevenue, Invoice, Payment
from main_app.services.invoices.daily import local_day, sales_kind
from main_app.services.invoices.tax import split

CURRENCY, TAX_RATE = "INR", 1800  # GST, inside the prices
PACK_PRICE, MEMBERSHIP_PRICE = 1_200_000, 900_000
CLASS_PRICE, RETREAT_PRICE = 150_000, 600_000
FIGURES = ("gross", "refunds", "tax", "invoices", "credit_notes")
TAX = {"name": "GST", "rate": TAX_RATE, "inclusive": True, "service_code": "999723"}


def product_row(product_id: int, studio: dict, kind: str, now: datetime) -> dict:
    """A pass_products row: a 10-class pack or a monthly membership on sale in the studio."""
    pack = kind == "pack"
    return {
        "id": product_id,
        "facilitator_id": studio["owner_id"],
        "studio_id": studio["id"],
        "name": "10-class pack" if pack else "Monthly unlimited",
        "kind": kind,
        "credits": 10 if pack else None,
        "valid_days": 365 if pack else None,
        "period": None if pack else "month",
        "price": PACK_PRICE if pack else MEMBERSHIP_PRICE,
        "currency": CURRENCY,
        "created_at": now,
    }


def pass_row(pass_id: int, product: dict, user_id: int, bought: datetime, now: datetime, n: int) -> dict:
    """A passes row of product for user_id, bought then. A pack has one credit left of ten (its holder books ten
    times and cancels one); of the memberships (n: its number) a third renew, a third ran a year and a third lapsed
    after three months, one in ten of those refunded."""
    pack = product["kind"] == "pack"
    until = bought + timedelta(days=365)
    status, renews, ended = "active", False, None
    if not pack and n % 3 == 0:
        renews, until = True, now + timedelta(days=1 + n % 28)
    elif not pack and n % 3 == 2:
        ended = bought + timedelta(days=90)
        status, until = ("refunded" if n % 30 == 2 else "lapsed"), ended
    return {
        "id": pass_id,
        "product_id": product["id"],
        "user_id": user_id,
        "facilitator_id": product["facilitator_id"],
        "studio_id": product["studio_id"],
        "name": product["name"],
        "kind": product["kind"],
        "status": status,
        "credits": 10 if pack else None,
        "credits_left": 1 if pack else None,
        "valid_days": 365 if pack else None,
        "period": None if pack else "month",
        "price": product["price"],
        "currency": CURRENCY,
        "valid_from": bought,
        "valid_until": until,
        "renews": renews,
        "ended_at": ended,
        "created_at": bought,
        "paid_at": bought,
    }


class Money:
    """Payments, invoices and credit notes made as the rows they pay for are, kept until flush(); the daily
    figures and each studio's document numbers kept over the whole seeding."""

    def __init__(self, studios: dict[int, dict]):
        self.studios = studios  # id -> {"name", "timezone", ...}
        self.numbers: dict[tuple[int, str], int] = defaultdict(int)
        self.daily: dict[tuple, dict] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
        self.payments: list[dict] = []
        self.invoices: list[dict] = []
        self.credit_notes: list[dict] = []
        self.instalments: list[dict] = []
        self.written = defaultdict(int)

    def _payment(self, ids: IdBlocks, amount: int, paid: datetime, **what) -> dict:
        payment_id = ids.take(Payment.__table__, 1)[0]
        row = {
            "id": payment_id,
            "booking_id": what.get("booking_id"),
            "pass_id": what.get("pass_id"),
            "provider": what.get("provider", "test"),
            "reference": f"bench-reports-{payment_id}",
            "checkout_url": "",
            "status": "succeeded",
            "amount": amount,
            "currency": CURRENCY,
            "expires_at": paid + timedelta(minutes=30),
            "created_at": paid,
            "payment_id": f"pay-{payment_id}",
            "paid_at": paid,
            "instalment": what.get("instalment"),
            "method": "cash" if what.get("provider") == "door" else None,
            "refund_status": None,
            "refund_amount": None,
            "refunded_at": None,
        }
        self.payments.append(row)
        return row

    def _document(self, ids: IdBlocks, payment: dict, kind: str, when: datetime, sold: str, buyer: dict, **more):
        """An invoice (or credit note) of the payment's whole amount, issued when, counted in its day's figures."""
        studio_id = buyer["studio_id"]
        studio = self.studios[studio_id]
        self.numbers[(studio_id, kind)] += 1
        number = self.numbers[(studio_id, kind)]
        total = payment["amount"]
        taxable, tax_amount = split(total, TAX_RATE, True)
        credit = kind == "credit_note"
        line = {"description": ("Refund: " if credit else "") + buyer["what"], "quantity": 1, "unit": total}
        row = {
            "id": ids.take(Invoice.__table__, 1)[0],
            "studio_id": studio_id,
            "kind": kind,
            "number": number,
            "formatted_number": f"{'CN' if credit else 'INV'}-{number:06d}",
            "payment_id": payment["id"],
            "refund_kind": more.get("refund_kind"),
            "refund_ref": more.get("refund_ref"),
            "credits_id": more.get("credits_id"),
            "user_id": buyer["user_id"],
            "issued_at": when,
            "buyer_name": f"Person {buyer['user_id']}",
            "buyer_email": f"person-{buyer['user_id']}@reports.example.com",
            "buyer": None,
            "seller": {"name": studio["name"], "address_lines": [], "country": "IN", "email": studio["email"]},
            "tax": TAX | {"parts": [{"name": "IGST", "rate": TAX_RATE, "amount": tax_amount}]},
            "lines": [line | {"taxable": taxable, "tax": tax_amount, "total": total, "service_code": "999723"}],
            "taxable": taxable,
            "tax_amount": tax_amount,
            "total": total,
            "currency": CURRENCY,
            "place_of_supply": "Karnataka (29)",
        }
        (self.credit_notes if credit else self.invoices).append(row)
        figures = self.daily[(studio_id, local_day(when, studio["timezone"]), sold)]
        figures["refunds" if credit else "gross"] += total
        figures["tax"] += -tax_amount if credit else tax_amount
        figures["credit_notes" if credit else "invoices"] += 1
        return row

    def pass_sale(self, ids: IdBlocks, sold: dict) -> None:
        """The payment for a pass (a passes row) and its invoice, when it was bought."""
        payment = self._payment(ids, sold["price"], sold["valid_from"], pass_id=sold["id"])
        buyer = {"studio_id": sold["studio_id"], "user_id": sold["user_id"], "what": sold["name"]}
        self._document(ids, payment, "invoice", sold["valid_from"], sold["kind"], buyer)

    def seat_sale(self, ids: IdBlocks, booking: dict, session: dict, event: dict, n: int, due: bool) -> None:
        """A seat paid for when booked (n: which of its person's bookings): every tenth at the desk, a retreat's
        seat every third on a plan (_plan; due: its balance still owed); refunded, with a credit note, when the
        booking was."""
        plan = event["kind"] == "retreat" and n % 3 == 0
        price = session["price"]
        provider = "door" if n % 10 == 5 and not plan else "test"
        amount = price // 2 if plan else price
        instalment = 0 if plan else None
        payment = self._payment(
            ids, amount, booking["created_at"], booking_id=booking["id"], provider=provider, instalment=instalment
        )
        sold = sales_kind(provider, instalment, None, event["kind"])
        buyer = {"studio_id": event["studio_id"], "user_id": booking["user_id"], "what": event["title"]}
        invoice = self._document(ids, payment, "invoice", booking["created_at"], sold, buyer)
        if plan:
            self._plan(ids, booking, payment, price - amount, session["starts_at"] - timedelta(days=2), buyer, due)
        if booking["status"] == "refunded":
            when = booking["cancelled_at"]
            payment |= {"refund_status": "processed", "refund_amount": amount, "refunded_at": when}
            more = {"refund_kind": "payment", "refund_ref": payment["id"], "credits_id": invoice["id"]}
            self._document(ids, payment, "credit_note", when, sold, buyer, **more)

    def _plan(self, ids: IdBlocks, booking: dict, deposit: dict, balance: int, when, buyer: dict, due: bool) -> None:
        """The deposit (paid with the booking) and the balance, due when: still owed (due), else paid then with a
        payment and an invoice of its own, or cancelled with its booking."""
        common = {"booking_id": booking["id"], "currency": CURRENCY}
        self.instalments.append(
            common
            | {"number": 0, "amount": deposit["amount"], "due_at": booking["created_at"]}
            | {"status": "paid", "payment_id": deposit["id"], "paid_at": booking["created_at"]}
        )
        status, paid = ("due" if due else "paid") if booking["status"] == "active" else "cancelled", None
        if status == "paid":
            paid = self._payment(ids, balance, when, booking_id=booking["id"], instalment=1)
            self._document(ids, paid, "invoice", when, "plan", buyer)
        self.instalments.append(
            common
            | {"number": 1, "amount": balance, "due_at": when}
            | {"status": status, "payment_id": paid and paid["id"], "paid_at": paid and when}
        )

    def flush(self, bulk) -> None:
        """Write what was made since the last flush (the rows they pay for written already)."""
        for table, rows in (
            (Payment.__table__, self.payments),
            (Invoice.__table__, self.invoices),
            (Invoice.__table__, self.credit_notes),
            (BookingInstalment.__table__, self.instalments),
        ):
            bulk.write(table, rows)
            self.written[table.name] += len(rows)
            rows.clear()

    def write_daily(self, bulk) -> int:
        """The daily figures of every document made: one row per studio, day and kind sold."""
        rows = [
            {"studio_id": studio_id, "day": day, "kind": kind, "currency": CURRENCY, **figures}
            for (studio_id, day, kind), figures in sorted(self.daily.items())
        ]
        bulk.write(DailyRevenue.__table__, rows)
        return len(rows)
