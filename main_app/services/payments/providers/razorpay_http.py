"""Razorpay's HTTP answers in our terms: the statuses the library folds into one error class read from the response
itself, and every failure as a PaymentError that says whether a retry can help."""

import razorpay
import requests

from .base import PaymentError


class RazorpayHTTPError(requests.RequestException):
    """An answer that says wait or fix the keys (401, 403, 429, 5xx): the library keeps no status, so we read it."""

    def __init__(self, status: int, retry_after: str | None):
        super().__init__(f"HTTP {status}")
        self.status, self.retry_after = status, retry_after


def status_hook(response, *args, **kwargs):
    """Raise RazorpayHTTPError for the statuses the library would fold into one error class."""
    status = response.status_code
    if status in (401, 403, 429) or status >= 500:
        raise RazorpayHTTPError(status, response.headers.get("Retry-After"))


def payment_error(what: str, exc: Exception, key_secret: str) -> PaymentError:
    """The PaymentError of a failed call (what: "Razorpay refund"), the key secret scrubbed from its text."""
    text = f"{what} failed: {type(exc).__name__}: {exc}"[:500]
    if key_secret:  # the library's messages are Razorpay's; this is for anything that echoes a key
        text = text.replace(key_secret, "[RAZORPAY_KEY_SECRET]")
    if isinstance(exc, RazorpayHTTPError):
        if exc.status in (401, 403):
            return PaymentError(text, configuration=True)
        error = PaymentError(text, transient=True)
        error.retry_after = _seconds(exc.retry_after)
        return error
    if isinstance(exc, requests.ConnectionError | requests.Timeout):
        return PaymentError(text, unreachable=True)
    if isinstance(exc, razorpay.errors.BadRequestError):
        return PaymentError(text, transient=False)  # the request itself is wrong: sending it again won't help
    return PaymentError(text, transient=True)  # a gateway's or server's error, an unreadable answer


def _seconds(value: str | None) -> float | None:
    try:
        seconds = float(value or "")
    except ValueError:
        return None
    return max(0.0, min(seconds, 3600.0))
