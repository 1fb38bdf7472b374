"""What can go wrong talking to the CRM, as DeliveryErrors the dispatcher understands."""

import requests

from main_app.delivery import DeliveryError


class CRMError(DeliveryError):
    """A notification could not be delivered; transient errors are worth retrying."""

    def __init__(
        self, message: str, *, status_code: int | None = None, body: str = "", retry_after: float | None = None
    ):
        super().__init__(message)
        self.status_code = status_code
        self.body = body[:500]
        self.retry_after = retry_after


class CRMConnectionError(CRMError):
    """The CRM could not be reached (refused, reset, DNS)."""

    unreachable = True


class CRMTimeoutError(CRMError):
    """The CRM did not answer in time."""

    unreachable = True


class CRMHTTPError(CRMError):
    """The CRM answered with an error status; 5xx, 408 and 429 are transient, other 4xx are not."""

    def __init__(self, message: str, **kwargs):
        super().__init__(message, **kwargs)
        self.transient = self.status_code is not None and (self.status_code >= 500 or self.status_code in (408, 429))


class CRMAuthError(CRMHTTPError):
    """The CRM refused our credentials (401/403): a configuration error, CRM_AUTH_TOKEN differs."""

    configuration = True


class CRMResponseError(CRMError):
    """The CRM answered 2xx with a body that is not JSON: it accepted the message, but says nothing."""

    transient = False
    accepted = True


class CRMBatchAnswerError(CRMError):
    """The CRM answered a batch 2xx without saying what became of each item: the batch is sent again (transient)."""


def _retry_after_seconds(response: requests.Response) -> float | None:
    """Seconds asked for by a Retry-After header, if it is a number."""
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return None


def error_for(response: requests.Response) -> CRMError | None:
    """The exception a CRM answer stands for, or None for a 2xx."""
    if response.status_code in (401, 403):
        return CRMAuthError(
            f"CRM rejected our credentials ({response.status_code}); check CRM_AUTH_TOKEN "
            "(and CRM_SIGNING_SECRET) on both services",
            status_code=response.status_code,
            body=response.text,
        )
    if not 200 <= response.status_code < 300:
        return CRMHTTPError(
            f"CRM answered {response.status_code}",
            status_code=response.status_code,
            body=response.text,
            retry_after=_retry_after_seconds(response),
        )
    return None
