"""Meta's documented shapes for the WhatsApp Cloud API stand-in (main_fake_whatsapp.py) and the tests: test
credentials for several business numbers, the Graph API's error bodies, the messages endpoint's answer, message
templates, webhook bodies with their X-Hub-Signature-256, and the verify-token handshake, made as Meta makes them.
Which Meta page each follows is listed in main_fake_whatsapp.py's docstring."""

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass

import requests

GRAPH_VERSION = "v23.0"
ERROR_CODES_PAGE = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"
PLACEHOLDER = re.compile(r"\{\{\s*(\d+)\s*\}\}")
TEXT_LIMIT = 4096  # characters in a free-form text body
REENGAGEMENT = 131047  # free-form text outside the 24-hour customer service window
UNDELIVERABLE = 131026


@dataclass(frozen=True)
class BusinessNumber:
    """One business phone number on the Cloud API (one studio's): its ids, its access token, its app's secret, the
    verify token its webhook answers, and where its webhooks go (none: nothing is sent)."""

    phone_number_id: str
    display_phone_number: str
    waba_id: str
    access_token: str
    app_secret: str
    verify_token: str
    webhook_url: str | None = None


STUDIO_A = BusinessNumber(
    phone_number_id="106540352242922",
    display_phone_number="919000011111",
    waba_id="102290129340398",
    access_token="EAAFakeStudioAAccessTokenOnlyForTheseTests0",
    app_secret="FakeStudioAAppSecretOnlyForTests",
    verify_token="fake-studio-a-verify-token",
)
STUDIO_B = BusinessNumber(
    phone_number_id="206540352242933",
    display_phone_number="919000022222",
    waba_id="202290129340409",
    access_token="EAAFakeStudioBAccessTokenOnlyForTheseTests0",
    app_secret="FakeStudioBAppSecretOnlyForTests",
    verify_token="fake-studio-b-verify-token",
)
TEST_NUMBERS = (STUDIO_A, STUDIO_B)


class GraphError(Exception):
    """A refusal as the Graph API answers it: an HTTP status and the object under "error"."""

    def __init__(self, status: int, error: dict):
        super().__init__(error["message"])
        self.status, self.error = status, error

    def body(self) -> dict:
        return {"error": self.error | {"fbtrace_id": fbtrace_id()}}


def fbtrace_id() -> str:
    return "A" + secrets.token_urlsafe(16)[:22]


def _whatsapp_error(status: int, code: int, message: str, details: str) -> GraphError:
    """Meta's error syntax for the Cloud API: message, type, code and error_data (messaging_product, details)."""
    data = {"messaging_product": "whatsapp", "details": details}
    return GraphError(status, {"message": message, "type": "OAuthException", "code": code, "error_data": data})


def invalid_token() -> GraphError:
    """190: the access token is not one Meta issued (401, as the error codes page gives it)."""
    message = "Invalid OAuth access token - Cannot parse access token"
    return GraphError(401, {"message": message, "type": "OAuthException", "code": 190})


def unsupported_request(method: str, object_id: str) -> GraphError:
    """The Graph API's answer for an id the token cannot reach: another business's number, or none at all."""
    message = (
        f"Unsupported {method.lower()} request. Object with ID '{object_id}' does not exist, cannot be loaded due to "
        "missing permissions, or does not support this operation. Please read the Graph API documentation at "
        "https://developers.facebook.com/docs/graph-api"
    )
    return GraphError(400, {"message": message, "type": "GraphMethodException", "code": 100, "error_subcode": 33})


def unknown_path(path: str) -> GraphError:
    return GraphError(400, {"message": f"Unknown path components: {path}", "type": "OAuthException", "code": 2500})


def required(parameter: str) -> GraphError:
    """100 for a top-level parameter left out, in the Graph API's words."""
    message = f"(#100) The parameter {parameter} is required."
    return GraphError(400, {"message": message, "type": "OAuthException", "code": 100})


def not_one_of(parameter: str, allowed: tuple[str, ...], got: object) -> GraphError:
    message = f"(#100) Param {parameter} must be one of {{{', '.join(allowed)}}} - got {json.dumps(got)}."
    return GraphError(400, {"message": message, "type": "OAuthException", "code": 100})


def invalid_parameter(details: str) -> GraphError:
    return _whatsapp_error(400, 100, "(#100) Invalid parameter", details)


def text_too_long() -> GraphError:
    message = f"(#100) Param text['body'] must be at most {TEXT_LIMIT} characters long."
    return _whatsapp_error(400, 100, message, message.removeprefix("(#100) "))


def missing_parameter(details: str) -> GraphError:
    return _whatsapp_error(400, 131008, "(#131008) Required parameter is missing", details)


def count_mismatch(component: str, given: int, expected: int) -> GraphError:
    details = (
        f"{component}: number of localizable_params ({given}) does not match the expected number of params ({expected})"
    )
    return _whatsapp_error(
        400, 132000, "(#132000) Number of parameters does not match the expected number of params", details
    )


def no_such_template(name: str, language: str) -> GraphError:
    """132001: no approved template of that name in that language (404, as the error codes page gives it)."""
    details = f"template name ({name}) does not exist in {language}"
    return _whatsapp_error(404, 132001, "(#132001) Template name does not exist in the translation", details)


def bad_parameter_text() -> GraphError:
    details = "Param text cannot have new-line/tab characters or more than 4 consecutive spaces"
    return _whatsapp_error(400, 132018, f"(#132018) {details}", details)


def template_refused(title: str, message: str, subcode: int | None = None) -> GraphError:
    """The Business Management API's refusal of a template: code 100 with the reason for a person to read."""
    error = {"message": "Invalid parameter", "type": "OAuthException", "code": 100}
    error |= {"error_subcode": subcode} if subcode else {}
    return GraphError(400, error | {"error_user_title": title, "error_user_msg": message})


DELIVERY_ERRORS = {  # the errors a "failed" status webhook carries: code → (title, details)
    REENGAGEMENT: (
        "Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    ),
    UNDELIVERABLE: ("Message undeliverable", "Message Undeliverable."),
}


def delivery_error(code: int) -> dict:
    """One entry of a failed status's errors, as the status webhook carries it."""
    title, details = DELIVERY_ERRORS[code]
    return {
        "code": code,
        "title": title,
        "message": title,
        "error_data": {"details": details},
        "href": ERROR_CODES_PAGE,
    }


def new_wamid(wa_id: str) -> str:
    """A message id in Meta's shape: "wamid." and an opaque base64 string."""
    return "wamid." + base64.b64encode(b"\x1c\x18" + wa_id.encode() + secrets.token_bytes(12)).decode()


def accepted(to: str, wa_id: str, wamid: str) -> dict:
    """The messages endpoint's answer to a message it took."""
    message = {"id": wamid, "message_status": "accepted"}
    return {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": wa_id}], "messages": [message]}


def placeholders(text: str) -> list[int]:
    """The numbers of a text's {{n}} placeholders, in the order they appear."""
    return [int(number) for number in PLACEHOLDER.findall(text)]


def body_text(template: dict) -> str:
    return next((c.get("text") or "" for c in template["components"] if c.get("type") == "BODY"), "")


def render(template: dict, parameters: list[str]) -> str:
    """The template's body as the person reads it, {{n}} filled with the n-th parameter."""
    return PLACEHOLDER.sub(lambda m: parameters[int(m[1]) - 1], body_text(template))


def template_entity(body: dict, template_id: str) -> dict:
    """A message template as the Business Management API lists it, approved at once."""
    return {
        "name": body["name"],
        "parameter_format": str(body.get("parameter_format") or "POSITIONAL").upper(),
        "components": body["components"],
        "language": body["language"],
        "status": "APPROVED",
        "category": body["category"],
        "id": template_id,
    }


def template_page(templates: list[dict]) -> dict:
    """GET message_templates' answer: the templates under data, with paging cursors."""
    cursors = {
        "before": base64.b64encode(b"0").decode(),
        "after": base64.b64encode(str(len(templates)).encode()).decode(),
    }
    return {"data": templates, "paging": {"cursors": cursors}}


def _envelope(number: BusinessNumber, value: dict) -> bytes:
    """A messages webhook: the value under entry[].changes[] of the number's business account, compact JSON with
    non-ASCII escaped as Meta sends it (verify the raw bytes, never a re-encoding)."""
    metadata = {"display_phone_number": number.display_phone_number, "phone_number_id": number.phone_number_id}
    change = {"value": {"messaging_product": "whatsapp", "metadata": metadata} | value, "field": "messages"}
    body = {"object": "whatsapp_business_account", "entry": [{"id": number.waba_id, "changes": [change]}]}
    return json.dumps(body, separators=(",", ":")).encode()


def status_webhook(number: BusinessNumber, status: dict) -> bytes:
    """A status webhook (sent, delivered, read or failed) for one message of the number's."""
    return _envelope(number, {"statuses": [status]})


def status_entry(wamid: str, recipient: str, status: str, timestamp: int, **extra) -> dict:
    """One status: pricing and biz_opaque_callback_data (when the message carried it) for sent, delivered and read,
    errors for failed."""
    entry = {"id": wamid, "status": status, "timestamp": str(timestamp), "recipient_id": recipient}
    return entry | {key: value for key, value in extra.items() if value is not None}


def pricing(category: str, billable: bool) -> dict:
    """The per-message pricing a status carries: a free message in an open service window is not billable."""
    kind = "regular" if billable else "free_customer_service"
    return {"billable": billable, "pricing_model": "PMP", "category": category, "type": kind}


def inbound_webhook(number: BusinessNumber, sender: str, name: str, wamid: str, timestamp: int, text: str) -> bytes:
    """A person's text message to the number, with their profile under contacts."""
    contact = {"profile": {"name": name}, "wa_id": sender}
    message = {"from": sender, "id": wamid, "timestamp": str(timestamp), "type": "text", "text": {"body": text}}
    return _envelope(number, {"contacts": [contact], "messages": [message]})


def signature(body: bytes, app_secret: str) -> str:
    """X-Hub-Signature-256 as Meta computes it: sha256= and the hex HMAC-SHA256 of the raw body with the app secret."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_headers(body: bytes, app_secret: str) -> dict:
    """The headers Meta sends a webhook with (the SHA-1 signature too, as Meta still does)."""
    legacy = "sha1=" + hmac.new(app_secret.encode(), body, hashlib.sha1).hexdigest()
    return {
        "Content-Type": "application/json",
        "User-Agent": "facebookexternalua",
        "X-Hub-Signature": legacy,
        "X-Hub-Signature-256": signature(body, app_secret),
    }


def signature_matches(body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether X-Hub-Signature-256 signs these raw bytes with this secret (constant-time comparison)."""
    return hmac.compare_digest((header or "").encode(), signature(body, app_secret).encode())


def verify_subscription(url: str, verify_token: str, *, challenge: str | None = None, timeout: float = 10) -> bool:
    """Meta's subscription handshake against a webhook URL: GET with hub.mode=subscribe, the verify token and a
    challenge; the endpoint passes when it answers 200 with exactly the challenge."""
    challenge = challenge or str(secrets.randbelow(10**10))
    query = {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
    answer = requests.get(url, params=query, timeout=timeout, allow_redirects=False)
    return answer.status_code == 200 and answer.text == challenge
