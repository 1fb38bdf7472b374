"""Texts through Twilio's Messages API (SMS_PROVIDER=twilio), with the official library."""

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from .errors import TextError


class TwilioTextTransport:
    """Texts through Twilio's Messages API with the official library; each send is one request (the library's own
    retries are off: the lane retries, and records every try)."""

    def __init__(
        self, account_sid: str, auth_token: str, sender: str, *, api_base: str, timeout: float, status_url: str
    ):
        self.sender = sender
        self.api_base = api_base.rstrip("/")
        self.status_url = status_url  # our webhook for each text's final status (api/texts.py)
        self.timeout = timeout  # a request's longest wait: the lane starts no send that could outlive its claim
        self.client = Client(account_sid, auth_token, http_client=ApiBaseHttpClient(self.api_base, timeout=timeout))

    def describe(self) -> str:
        return f"twilio {self.api_base} from {self.sender}"

    def send(self, to: str, body: str, *, outbox_id: str, sent_at: str) -> str:
        try:
            message = self.client.messages.create(
                to=to, from_=self.sender, body=body, status_callback=f"{self.status_url}?message={outbox_id}"
            )
        except TwilioRestException as exc:
            transient = exc.status == 429 or exc.status >= 500
            raise TextError(
                f"Twilio answered {exc.status} (code {exc.code}): {exc.msg}"[:300],
                transient=transient,
                code=exc.status,
                configuration=exc.status in (401, 403),
            ) from None
        except requests.RequestException as exc:
            raise TextError(f"Twilio unreachable: {type(exc).__name__}", transient=True, unreachable=True) from None
        return f"accepted by Twilio as {message.sid} ({message.status})"

    def test_connection(self) -> bool:
        """Twilio's API answers (any HTTP answer counts: credentials are tested by sending)."""
        try:
            requests.head(self.api_base, timeout=2.0)
        except requests.RequestException:
            return False
        return True


class ApiBaseHttpClient(TwilioHttpClient):
    """The library's HTTP client, sending what it addresses to api.twilio.com to api_base instead (a regional
    endpoint, or a local stand-in in tests)."""

    TWILIO_API = "https://api.twilio.com"

    def __init__(self, api_base: str, **kwargs):
        super().__init__(**kwargs)
        self.api_base = api_base

    def request(self, method: str, url: str, *args, **kwargs):
        if url.startswith(self.TWILIO_API):
            url = self.api_base + url[len(self.TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)
