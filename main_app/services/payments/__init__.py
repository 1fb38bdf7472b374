"""Taking payments: checkout, webhooks, refunds, plans and instalments, renewals, the payments lane, providers."""

from .balance import end_schedule, person_keeps
from .balance import step as balance_step
from .checkout import after_due_holds_end, cancel_hold, close_checkouts, expire_hold, open_checkout, release_unopened
from .instalment_checkout import open_instalment
from .instalments import of_booking as instalments_of_booking
from .instalments import shown_of as instalments_shown_of
from .lane import PaymentsDelivery
from .mandates import renewal_approval
from .pass_checkout import buy_pass, checkout_ended
from .plans import document as plan_document
from .pre_debit import send_notice as send_pre_debit_notice
from .providers import PROVIDERS
from .providers.base import PAYMENT_FAILED, PAYMENT_SUCCEEDED, InvalidWebhook, PaymentError
from .records import Paid, door_payment, latest_payment, paid_by, paid_of, payment_summary, payments_of, session_totals
from .records import provider as payment_provider
from .records import receipt as payment_receipt
from .records import totals as payment_totals
from .refunds import lock_paid, refund_each, refundable_until, seats_paid_for
from .renewals import LAPSE as RENEWAL_LAPSE
from .renewals import carried_over as memberships_carried_over
from .renewals import lapse as lapse_renewal
from .renewals import stop as stop_renewal
from .seat_refunds import request_seat_refund
from .staff_refunds import document as staff_refund_document
from .staff_refunds import refund_by_staff
from .studio_accounts import connect as connect_studio_payments
from .studio_accounts import document as studio_payments_document
from .studio_accounts import rotate_keys as rotate_payment_keys
from .studio_accounts import webhook_account
from .webhooks import apply_webhook

__all__ = [
    "PAYMENT_FAILED",
    "PAYMENT_SUCCEEDED",
    "PROVIDERS",
    "RENEWAL_LAPSE",
    "InvalidWebhook",
    "Paid",
    "PaymentError",
    "PaymentsDelivery",
    "after_due_holds_end",
    "apply_webhook",
    "balance_step",
    "buy_pass",
    "cancel_hold",
    "checkout_ended",
    "close_checkouts",
    "connect_studio_payments",
    "door_payment",
    "end_schedule",
    "expire_hold",
    "instalments_of_booking",
    "instalments_shown_of",
    "lapse_renewal",
    "latest_payment",
    "lock_paid",
    "memberships_carried_over",
    "open_checkout",
    "open_instalment",
    "paid_by",
    "paid_of",
    "payment_provider",
    "payment_receipt",
    "payment_summary",
    "payment_totals",
    "payments_of",
    "person_keeps",
    "plan_document",
    "refund_by_staff",
    "refund_each",
    "refundable_until",
    "release_unopened",
    "renewal_approval",
    "request_seat_refund",
    "rotate_payment_keys",
    "seats_paid_for",
    "send_pre_debit_notice",
    "session_totals",
    "staff_refund_document",
    "stop_renewal",
    "studio_payments_document",
    "webhook_account",
]
