"""Handing a WhatsApp message to Meta's Cloud API: one JSON POST to {api_base}/{phone_number_id}/messages with the
connection's Bearer token, through requests (our own timeout; the lane retries). Every failure is a WhatsAppError that
says whether it is worth trying again: 429, 5xx and a request that got no answer are; other 4xx are not, and 401/403
(or Meta's code 190, a token it does not take) are our settings. Meta's code and message go in the error, never the
token."""

import requests

from .errors import WhatsAppError

TOKEN_REFUSED = 190  # Meta's code for an access token it does not take
ACCEPTED_AS = "accepted by Meta as "  # then Meta's message id (wamid): the attempt log's, a failed status finds it by


class GraphTransport:
    """Sends template and text messages through a connection's number (chats.Connection), waiting timeout s at most."""

    def __init__(self, api_base: str, *, timeout: float):
        self.api_base = api_base.rstrip("/")  # the install's; a connection names its own
        self.timeout = timeout

    def describe(self) -> str:
        return f"whatsapp cloud api {self.api_base}"

    def send(self, connection, to: str, content: dict, *, outbox_id: str) -> str:
        """Send content ({"type": "template", "template": ...} or {"type": "text", "text": ...}) to the number to
        through connection; Meta's message id. biz_opaque_callback_data carries our outbox id: Meta echoes it in each
        status webhook, which finds the message by it."""
        body = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            **content,
            "biz_opaque_callback_data": outbox_id,
        }
        url = f"{connection.api_base.rstrip('/')}/{connection.phone_number_id}/messages"
        headers = {"Authorization": f"Bearer {connection.access_token}"}
        try:
            response = requests.post(url, json=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise WhatsAppError(f"Meta unreachable: {type(exc).__name__}", transient=True, unreachable=True) from None
        if response.status_code >= 300:
            raise refusal(response)
        messages = _json(response).get("messages") or [{}]
        return f"{ACCEPTED_AS}{messages[0].get('id', '?')}"

    def test_connection(self) -> bool:
        """Meta's API answers (any HTTP answer counts: tokens are tested by sending)."""
        try:
            requests.head(self.api_base, timeout=2.0)
        except requests.RequestException:
            return False
        return True


def refusal(response) -> WhatsAppError:
    """The error of an answer that is not a success, with Meta's code and message."""
    status = response.status_code
    error = _json(response).get("error")
    error = error if isinstance(error, dict) else {}
    code, message = error.get("code"), str(error.get("message") or response.reason or "")
    details = (error.get("error_data") or {}).get("details") if isinstance(error.get("error_data"), dict) else None
    text = f"Meta answered {status} (code {code}): {message}" + (f" ({details})" if details else "")
    return WhatsAppError(
        text[:300],
        transient=status == 429 or status >= 500,
        code=status,
        configuration=status in (401, 403) or code == TOKEN_REFUSED,
    )


def _json(response) -> dict:
    try:
        found = response.json()
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
