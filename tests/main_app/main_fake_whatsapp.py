"""A stand-in for Meta's WhatsApp Business Platform (Cloud API) for development and the tests: a real HTTP server on
127.0.0.1 that answers the Graph API calls the app makes as Meta does, and sends signed webhooks as Meta does.
`python -m main_fake_whatsapp --port N [--webhook URL --app-secret S] [--read] [--templates FILE]
[--no-status-webhooks]` runs it alone (from tests/main_app, or by its path; `python3 dev.py run` does, with the app's
templates); FakeWhatsApp() runs it in a test (the `whatsapp_api` fixture). Held to these Meta pages:

- POST /{version}/{phone_number_id}/messages, text and template messages (docs/whatsapp/cloud-api/reference/messages,
  .../cloud-api/guides/send-message-templates): the Bearer token must be the number's business account's, else 190
  (401) for a token Meta never issued, or 100 "Unsupported post request" (subcode 33) for another business's number;
  messaging_product "whatsapp", recipient_type "individual" when given, `to` an E.164 number (+ optional), type
  "text" (the default) or "template"; a text body of at most 4096 characters; a template approved in that language
  code (else 132001, 404), as many header and body parameters as its {{n}} and a URL button's {{1}} given in a button
  component (sub_type and index, else 131008) for each such button (else 132000), each text parameter with
  its text (else 131008) and no new-line, tab or five spaces (else 132018). The answer names the person's wa_id and
  a wamid with message_status "accepted". Error bodies follow the error codes page
  (documentation/business-messaging/whatsapp/support/error-codes): message, type, code, error_data
  {messaging_product, details}, fbtrace_id.
- The customer service window (docs/whatsapp/cloud-api/guides/send-messages#customer-service-windows): free-form
  text is taken, then fails with 131047 in a "failed" status webhook when the person's last message to that number
  is more than 24 hours old, as the Cloud API reports it; a number marked undeliverable fails the same way with
  131026. Templates go out whatever the window.
- POST/GET /{version}/{waba_id}/message_templates (documentation/business-messaging/whatsapp/templates/overview and
  .../template-management): name of lowercase letters, digits and underscores, a category, one BODY whose {{1}}..{{n}}
  each have an example (else subcode 2388043), no second template of that name and language (else subcode 2388024);
  approved at once, answered {id, status, category}.
- Webhooks (documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint and .../reference/messages,
  .../reference/messages/status): object "whatsapp_business_account", entry[].changes[].value with metadata,
  statuses (sent, delivered, read on request, or failed with errors; pricing per message, PMP) and messages with
  contacts; signed X-Hub-Signature-256 = sha256=HMAC-SHA256(raw body, app secret); sent after the API's answer, in
  order, not retried. whatsapp_shapes.verify_subscription performs the hub.challenge handshake.

Control endpoints for tests and developers, apart from Meta's under /_standin/: GET / (numbers), GET conversations
(every number's, newest first, for the development mailbox), POST numbers (add one), POST settings {"send_read"},
POST clock {"advance_seconds"}, POST wait {"timeout"} (until every webhook made so far is answered), POST
undeliverable {"number", "undeliverable"},
GET {phone_number_id}/conversations, GET {phone_number_id}/conversations/{wa_id}, POST {phone_number_id}/reply
{"from", "text", "name"} (opens the person's 24-hour window), POST {phone_number_id}/verify {"verify_token"},
GET callback_data (every message request's biz_opaque_callback_data, in the order received: how often each of our
messages reached Meta), GET webhooks (how many of the webhooks sent so far were answered with each status)."""

import argparse
import dataclasses
import json
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import whatsapp_rules as rules
import whatsapp_shapes as wa
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response
from whatsapp_outbox import Outbox, Webhook

WINDOW = 24 * 3600  # seconds the person's last message keeps free-form text open
MESSAGES = re.compile(r"/v\d+\.\d+/(\d+)/messages")
TEMPLATES = re.compile(r"/v\d+\.\d+/(\d+)/message_templates")


@dataclass
class Recorded:
    """One Graph API request the stand-in received: its JSON body (POST) or query (GET)."""

    method: str
    path: str
    body: dict
    headers: dict


@dataclass
class Line:
    """One message of a conversation: out (the business's) or in (the person's), with its statuses so far."""

    direction: str
    id: str
    timestamp: int
    text: str
    template: dict | None = None
    statuses: list[str] = field(default_factory=list)
    errors: list[int] = field(default_factory=list)


class _QuietHandler(WSGIRequestHandler):
    def log(self, *args, **kwargs):  # keep test output clean
        pass


class FakeWhatsApp:
    """The Cloud API's messages and message_templates endpoints for several business numbers (one a studio), their
    conversations and 24-hour windows, and their webhooks, signed with each number's app secret."""

    def __init__(self, port: int = 0, *, numbers=wa.TEST_NUMBERS, send_read: bool = False, statuses: bool = True):
        self.numbers = {number.phone_number_id: number for number in numbers}
        self.templates: dict[str, dict[tuple[str, str], dict]] = {}  # waba id → (name, language) → template
        self.conversations: dict[tuple[str, str], list[Line]] = {}  # (phone number id, wa_id) → lines in order
        self.last_inbound: dict[tuple[str, str], int] = {}
        self.undeliverable: set[str] = set()
        self.send_read = send_read
        self.statuses = statuses  # False: a message's statuses are kept in its line but no webhook tells of them
        self.requests: list[Recorded] = []
        self.outbox = Outbox()
        self._offset = 0
        self._lock = threading.Lock()
        self._server = make_server("127.0.0.1", port, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self.outbox.close()

    def now(self) -> int:
        return int(time.time()) + self._offset

    def advance(self, seconds: int) -> None:
        """Move the stand-in's clock on (a closed window without waiting a day)."""
        self._offset += int(seconds)

    def add_number(self, number: wa.BusinessNumber) -> None:
        with self._lock:
            self.numbers[number.phone_number_id] = number

    def set_webhook(self, phone_number_id: str, url: str | None, app_secret: str | None = None) -> None:
        """Send this number's webhooks to url (None: to nowhere), signed with app_secret when one is given."""
        number = self.numbers[phone_number_id]
        self.add_number(dataclasses.replace(number, webhook_url=url, app_secret=app_secret or number.app_secret))

    def mark_undeliverable(self, recipient: str, undeliverable: bool = True) -> None:
        """Messages to this number fail with 131026 from now on (or no longer)."""
        with self._lock:
            (self.undeliverable.add if undeliverable else self.undeliverable.discard)(recipient.lstrip("+"))

    def reply(self, phone_number_id: str, sender: str, text: str, name: str = "Test Person") -> str:
        """The person at sender writes text to the number: their window opens and the messages webhook goes out."""
        if not rules.RECIPIENT.fullmatch(sender):
            raise ValueError(f"a person's number is an E.164 number - got {sender!r}")
        number, sender, now = self.numbers[phone_number_id], sender.lstrip("+"), self.now()
        wamid = wa.new_wamid(sender)
        with self._lock:
            self.last_inbound[(phone_number_id, sender)] = now
            self.conversations.setdefault((phone_number_id, sender), []).append(Line("in", wamid, now, text))
        self.outbox.put(number, wa.inbound_webhook(number, sender, name, wamid, now, text))
        return wamid

    def approve_templates(self, bodies: list[dict]) -> None:
        """Hold these template-creation requests approved for every number's business account, checked as a POST to
        message_templates is (the app's `flask whatsapp-templates` output: what a developer submits to Meta)."""
        for waba_id in {number.waba_id for number in self.numbers.values()}:
            for body in bodies:
                self._create_template(waba_id, body)

    def all_conversations(self) -> list[dict]:
        """Every conversation of every number, the one with the newest message first."""
        with self._lock:
            held = [(key, [dataclasses.asdict(line) for line in lines]) for key, lines in self.conversations.items()]
        found = [
            {"phone_number_id": number_id, "display_phone_number": self.numbers[number_id].display_phone_number}
            | {"wa_id": wa_id, "messages": lines}
            for (number_id, wa_id), lines in held
            if lines
        ]
        return sorted(found, key=lambda conversation: conversation["messages"][-1]["timestamp"], reverse=True)

    def conversation(self, phone_number_id: str, wa_id: str) -> list[dict]:
        """Both directions of a conversation, in order, as the control endpoint lists them."""
        with self._lock:
            return [dataclasses.asdict(line) for line in self.conversations.get((phone_number_id, wa_id), [])]

    def verify(self, phone_number_id: str, verify_token: str | None = None) -> bool:
        """The subscription handshake against the number's webhook URL, with its verify token unless one is given."""
        number = self.numbers[phone_number_id]
        return wa.verify_subscription(number.webhook_url, verify_token or number.verify_token)

    def callback_data(self) -> list:
        """The biz_opaque_callback_data of every message request received, in order (None where it had none)."""
        with self._lock:
            posted = [r for r in self.requests if r.method == "POST" and MESSAGES.fullmatch(r.path)]
        return [r.body.get("biz_opaque_callback_data") for r in posted]

    def wait_for_webhooks(self, timeout: float = 10) -> bool:
        """Block until every webhook made so far has been answered (or timeout); whether they all were."""
        return self.outbox.wait(timeout)

    @property
    def webhooks(self) -> list[Webhook]:
        """Every webhook sent, in order, with the status the endpoint answered."""
        return self.outbox.sent

    def _wsgi(self, environ, start_response):
        request = Request(environ)
        handle = self._control if request.path.startswith("/_standin/") else self._graph
        return handle(request)(environ, start_response)

    def _graph(self, request: Request) -> Response:
        """A Graph API call: Meta's answer, and the webhooks it causes sent once the answer has gone."""
        body = request.get_json(silent=True) if request.method == "POST" else request.args.to_dict()
        body = body if isinstance(body, dict) else {}  # a body Meta cannot read lacks every parameter
        with self._lock:
            self.requests.append(Recorded(request.method, request.path, body, dict(request.headers)))
        try:
            answer, webhooks = self._route(request, body)
        except wa.GraphError as refused:
            return _json(refused.body(), refused.status)
        response = _json(answer)
        for number, payload in webhooks:
            response.call_on_close(self.outbox.later(number, payload))
        return response

    def _route(self, request: Request, body: dict) -> tuple[dict, list]:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        numbers = list(self.numbers.values())
        owner = next((n for n in numbers if secrets.compare_digest(n.access_token.encode(), token.encode())), None)
        if owner is None:
            raise wa.invalid_token()
        if (match := MESSAGES.fullmatch(request.path)) and request.method == "POST":
            number = self.numbers.get(match[1])
            if number is None or number.waba_id != owner.waba_id:
                raise wa.unsupported_request(request.method, match[1])
            return self._send(number, body)
        if (match := TEMPLATES.fullmatch(request.path)) and request.method in ("GET", "POST"):
            if match[1] != owner.waba_id:
                raise wa.unsupported_request(request.method, match[1])
            make = self._create_template if request.method == "POST" else self._list_templates
            return make(match[1], body), []
        raise wa.unknown_path(request.path)

    def _send(self, number: wa.BusinessNumber, body: dict) -> tuple[dict, list]:
        """A message taken: its line in the conversation, and its status webhooks (failed, or sent and delivered)."""
        sending = rules.check_message(body)
        template = None
        if sending.kind == "template":
            template = self.templates.get(number.waba_id, {}).get((sending.template, sending.language))
            rules.check_template_use(sending, template)
        key, now = (number.phone_number_id, sending.wa_id), self.now()
        with self._lock:
            window_open = now - self.last_inbound.get(key, now - WINDOW) < WINDOW
            failure = wa.UNDELIVERABLE if sending.wa_id in self.undeliverable else None
            if failure is None and sending.kind == "text" and not window_open:
                failure = wa.REENGAGEMENT
            line = _line(wa.new_wamid(sending.wa_id), now, sending, template)
            self.conversations.setdefault(key, []).append(line)
            names = ["failed"] if failure else ["sent", "delivered", *(["read"] if self.send_read else [])]
            line.statuses += names
            line.errors += [failure] if failure else []
        category = template["category"].lower() if template else "service"
        billable = category in ("marketing", "authentication") or (category == "utility" and not window_open)
        if failure:
            extra = {"errors": [wa.delivery_error(failure)]}
        else:  # Meta echoes biz_opaque_callback_data on sent, delivered and read
            extra = {"pricing": wa.pricing(category, billable), "biz_opaque_callback_data": sending.opaque}
        webhooks = []
        for name in names if self.statuses else ():
            status = wa.status_entry(line.id, sending.wa_id, name, now, **extra)
            webhooks.append((number, wa.status_webhook(number, status)))
        return wa.accepted(sending.to, sending.wa_id, line.id), webhooks

    def _create_template(self, waba_id: str, body: dict) -> dict:
        with self._lock:
            held = self.templates.setdefault(waba_id, {})
            rules.check_new_template(body, set(held))
            template = wa.template_entity(body, str(10**15 + secrets.randbelow(9 * 10**15)))
            held[(template["name"], template["language"])] = template
        return {key: template[key] for key in ("id", "status", "category")}

    def _list_templates(self, waba_id: str, query: dict) -> dict:
        """The account's templates, filtered by name (a part of it), language and status as Meta's query allows."""
        with self._lock:
            found = list(self.templates.get(waba_id, {}).values())
        found = [t for t in found if query.get("name", "") in t["name"]]
        found = [t for t in found if all(t[key] == query[key] for key in ("language", "status") if key in query)]
        return wa.template_page(found)

    def _control(self, request: Request) -> Response:
        """The stand-in's own endpoints, for tests and the development mailbox."""
        body = request.get_json(silent=True) or {}
        try:
            return _json(self._controlled(request.method, request.path.strip("/").split("/")[1:], body))
        except (KeyError, TypeError, ValueError) as wrong:
            return _json({"error": f"{type(wrong).__name__}: {wrong}"}, 400)

    def _controlled(self, method: str, parts: list[str], body: dict) -> dict:
        match method, parts:
            case "GET", []:
                return {"numbers": [dataclasses.asdict(number) for number in self.numbers.values()], "now": self.now()}
            case "GET", ["conversations"]:
                return {"conversations": self.all_conversations()}
            case "POST", ["numbers"]:
                self.add_number(wa.BusinessNumber(**body))
                return {"added": body["phone_number_id"]}
            case "POST", ["settings"]:
                self.send_read = bool(body["send_read"])
                return {"send_read": self.send_read}
            case "POST", ["clock"]:
                self.advance(int(body["advance_seconds"]))
                return {"now": self.now()}
            case "GET", ["callback_data"]:
                return {"callback_data": self.callback_data()}
            case "GET", ["webhooks"]:
                return {"answers": dict(Counter(str(webhook.answer) for webhook in self.webhooks))}
            case "POST", ["wait"]:
                return {"drained": self.wait_for_webhooks(float(body.get("timeout", 10)))}
            case "POST", ["undeliverable"]:
                self.mark_undeliverable(str(body["number"]), bool(body.get("undeliverable", True)))
                return {"undeliverable": sorted(self.undeliverable)}
            case "GET", [number_id, "conversations"]:
                return {"wa_ids": sorted({wa_id for (held, wa_id) in self.conversations if held == number_id})}
            case "GET", [number_id, "conversations", wa_id]:
                return {"messages": self.conversation(number_id, wa_id)}
            case "POST", [number_id, "reply"]:
                return {
                    "id": self.reply(number_id, str(body["from"]), str(body["text"]), body.get("name", "Test Person"))
                }
            case "POST", [number_id, "verify"]:
                return {"verified": self.verify(number_id, body.get("verify_token"))}
        raise KeyError(f"no stand-in endpoint {method} /_standin/{'/'.join(parts)}")


def _line(wamid: str, now: int, sending: rules.Outgoing, template: dict | None) -> Line:
    """The business's message as the person sees it: the text, or the template's body filled in."""
    if template is None:
        return Line("out", wamid, now, sending.text)
    about = {"name": sending.template, "language": sending.language, "parameters": sending.parameters}
    return Line("out", wamid, now, wa.render(template, sending.parameters.get("body", [])), about)


def _json(body: dict, status: int = 200) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of the stand-in run alone."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--webhook", help="the app's WhatsApp webhook URL, for every test number's webhooks")
    parser.add_argument("--app-secret", help="the app secret to sign them with (each number's own otherwise)")
    parser.add_argument("--read", action="store_true", help="send read statuses after delivered")
    parser.add_argument("--templates", type=Path, help="a JSON list of template-creation requests to hold approved")
    parser.add_argument(
        "--no-status-webhooks", dest="statuses", action="store_false", help="send no status webhooks (replies still go)"
    )
    return parser.parse_args(argv)


def main() -> None:
    """Run the stand-in alone (a hand-run stack, the development mailbox) until interrupted."""
    args = arguments()
    numbers = [
        dataclasses.replace(n, webhook_url=args.webhook, app_secret=args.app_secret or n.app_secret)
        for n in wa.TEST_NUMBERS
    ]
    fake = FakeWhatsApp(args.port, numbers=numbers, send_read=args.read, statuses=args.statuses)
    if args.templates:
        fake.approve_templates(json.loads(args.templates.read_text(encoding="utf-8")))
    print(f"WhatsApp stand-in on {fake.url} (Graph {wa.GRAPH_VERSION})", flush=True)
    for number in numbers:
        print(
            f"  phone number id {number.phone_number_id}, WABA {number.waba_id}, token {number.access_token}",
            flush=True,
        )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.close()


if __name__ == "__main__":
    main()
