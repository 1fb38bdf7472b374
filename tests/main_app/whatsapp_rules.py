"""What the WhatsApp stand-in (main_fake_whatsapp.py) refuses, in the order and with the codes Meta uses: a send
request to the messages endpoint, a template message against its approved template, and a new message template."""

import re
from dataclasses import dataclass, field

import whatsapp_shapes as wa

RECIPIENT = re.compile(r"\+?(\d{8,15})")  # E.164: a country code and at most 15 digits, "+" optional
TEMPLATE_NAME = re.compile(r"[a-z0-9_]{1,512}")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
CATEGORIES = ("AUTHENTICATION", "MARKETING", "UTILITY")
MESSAGE_TYPES = ("audio", "contacts", "document", "image", "interactive", "location", "reaction", "sticker")
MESSAGE_TYPES += ("template", "text", "video")
PARAMETER_COMPONENTS = ("header", "body")  # the components a template's {{n}} can sit in
BUTTON_SUB_TYPES = ("url", "quick_reply")  # the buttons whose parameters a message gives (a URL's {{1}}, a payload)
BAD_PARAMETER_TEXT = re.compile(r"[\n\t]| {5,}")
OPAQUE_LIMIT = 512  # characters of biz_opaque_callback_data
LANGUAGE_NAMES = {"en": "English", "en_US": "English (US)", "en_GB": "English (UK)", "hi": "Hindi", "mr": "Marathi"}


@dataclass
class Outgoing:
    """A send request that passed the messages endpoint's checks."""

    to: str
    wa_id: str
    kind: str  # "text" or "template"
    text: str = ""
    template: str = ""
    language: str = ""
    parameters: dict[str, list[str]] = field(default_factory=dict)  # component → its parameters' text
    opaque: str | None = None


def check_message(body: dict) -> Outgoing:
    """The messages endpoint's checks, top-level parameters first; raises the GraphError Meta answers with."""
    if "messaging_product" not in body:
        raise wa.required("messaging_product")
    if body["messaging_product"] != "whatsapp":
        raise wa.not_one_of("messaging_product", ("WHATSAPP",), body["messaging_product"])
    if body.get("recipient_type", "individual") != "individual":
        raise wa.not_one_of("recipient_type", ("INDIVIDUAL",), body["recipient_type"])
    if not body.get("to"):
        raise wa.required("to")
    recipient = RECIPIENT.fullmatch(str(body["to"]))
    if recipient is None:
        raise wa.invalid_parameter(f"Param to must be a phone number in E.164 format - got {body['to']!r}")
    kind = body.get("type", "text")  # Meta sends text when type is left out
    if kind not in MESSAGE_TYPES:
        raise wa.not_one_of("type", tuple(t.upper() for t in MESSAGE_TYPES), kind)
    if kind not in ("text", "template"):
        raise wa.invalid_parameter(f"The stand-in answers text and template messages only - got {kind}")
    opaque = body.get("biz_opaque_callback_data")
    if opaque is not None and (not isinstance(opaque, str) or len(opaque) > OPAQUE_LIMIT):
        raise wa.invalid_parameter(
            f"Param biz_opaque_callback_data must be a string of at most {OPAQUE_LIMIT} characters"
        )
    sending = Outgoing(str(body["to"]), recipient[1], kind, opaque=opaque)
    return _text(sending, body.get("text")) if kind == "text" else _template(sending, body.get("template"))


def _text(sending: Outgoing, text: object) -> Outgoing:
    if not isinstance(text, dict) or text.get("body") in (None, ""):
        raise wa.missing_parameter("The parameter text['body'] is required.")
    if not isinstance(text["body"], str):
        raise wa.invalid_parameter("Param text['body'] must be a string.")
    if len(text["body"]) > wa.TEXT_LIMIT:
        raise wa.text_too_long()
    sending.text = text["body"]
    return sending


def _template(sending: Outgoing, template: object) -> Outgoing:
    if not isinstance(template, dict) or not template.get("name"):
        raise wa.missing_parameter("The parameter template['name'] is required.")
    language = template.get("language")
    if not isinstance(language, dict) or not language.get("code"):
        raise wa.missing_parameter("The parameter template['language']['code'] is required.")
    sending.template, sending.language = str(template["name"]), str(language["code"])
    for component in template.get("components") or []:
        kind = str(component.get("type", "")).lower() if isinstance(component, dict) else ""
        if kind == "button":
            kind = _button(component)
        elif kind not in PARAMETER_COMPONENTS:
            raise wa.invalid_parameter(
                f"The stand-in takes header, body and button components only - got {kind or component!r}"
            )
        sending.parameters[kind] = [_parameter_text(p) for p in component.get("parameters") or []]
    return sending


def _button(component: dict) -> str:
    """A button component's key among the message's parameters ("button 0"): a sub_type and an index 0-9 needed."""
    if str(component.get("sub_type", "")).lower() not in BUTTON_SUB_TYPES:
        raise wa.missing_parameter("The parameter template['components'][]['sub_type'] is required.")
    if not re.fullmatch(r"\d", str(component.get("index", ""))):
        raise wa.missing_parameter("The parameter template['components'][]['index'] is required.")
    return f"button {component['index']}"


def _parameter_text(parameter: object) -> str:
    """The text a parameter puts in its placeholder; a text parameter needs its text, and a clean one."""
    if not isinstance(parameter, dict) or not parameter.get("type"):
        raise wa.missing_parameter("The parameter type is required.")
    if parameter["type"] != "text":  # currency and date_time carry a fallback_value
        value = parameter.get(parameter["type"])
        return str(value.get("fallback_value", "")) if isinstance(value, dict) else ""
    if not isinstance(parameter.get("text"), str) or not parameter["text"]:
        raise wa.missing_parameter("Parameter of type text is missing text value")
    if BAD_PARAMETER_TEXT.search(parameter["text"]):
        raise wa.bad_parameter_text()
    return parameter["text"]


def check_template_use(sending: Outgoing, template: dict | None) -> None:
    """A template message's template: approved in that language, each component given as many parameters as it
    has placeholders."""
    if template is None or template["status"] != "APPROVED":
        raise wa.no_such_template(sending.template, sending.language)
    for kind in PARAMETER_COMPONENTS:
        text = next((c.get("text") or "" for c in template["components"] if c.get("type") == kind.upper()), "")
        expected, given = len(set(wa.placeholders(text))), len(sending.parameters.get(kind, []))
        if given != expected:
            raise wa.count_mismatch(kind, given, expected)
    buttons = next((c.get("buttons") or [] for c in template["components"] if c.get("type") == "BUTTONS"), [])
    given = {kind for kind in sending.parameters if kind.startswith("button ")}
    for index, button in enumerate(buttons):  # a URL's {{1}} takes the message's suffix; a fixed URL takes none
        expected, kind = len(set(wa.placeholders(button.get("url") or ""))), f"button {index}"
        if len(sending.parameters.get(kind, [])) != expected:
            raise wa.count_mismatch(f"buttons[{index}]", len(sending.parameters.get(kind, [])), expected)
        given.discard(kind)
    if given:
        raise wa.count_mismatch(f"buttons[{sorted(given)[0].split()[1]}]", 1, 0)  # a button the template has not


def check_new_template(body: dict, taken: set[tuple[str, str]]) -> None:
    """A new message template: name, language, category, one BODY whose {{1}}..{{n}} each have an example, and no
    template of that name in that language already. taken holds (name, language) of the account's templates."""
    for parameter in ("name", "language", "category", "components"):
        if not body.get(parameter):
            raise wa.required(parameter)
    if not TEMPLATE_NAME.fullmatch(str(body["name"])):
        message = "Template names hold lowercase letters, digits and underscores only, 512 characters at most."
        raise wa.template_refused("Invalid template name", message)
    if not LANGUAGE_CODE.fullmatch(str(body["language"])):
        raise wa.invalid_parameter(f"Param language must be a supported language code - got {body['language']!r}")
    if body["category"] not in CATEGORIES:
        raise wa.not_one_of("category", CATEGORIES, body["category"])
    _check_body(body["components"])
    if (body["name"], body["language"]) in taken:
        language = LANGUAGE_NAMES.get(body["language"], body["language"])
        message = f"There is already {language} content for this template. You can create a new template and try again."
        raise wa.template_refused("Content in This Language Already Exists", message, 2388024)


def _check_body(components: object) -> None:
    bodies = (
        [c for c in components if isinstance(c, dict) and c.get("type") == "BODY"]
        if isinstance(components, list)
        else []
    )
    if len(bodies) != 1 or not isinstance(bodies[0].get("text"), str) or not bodies[0]["text"]:
        raise wa.invalid_parameter("A message template needs one component of type BODY with its text.")
    numbers = wa.placeholders(bodies[0]["text"])
    if sorted(set(numbers)) != list(range(1, len(set(numbers)) + 1)):
        raise wa.invalid_parameter("Variable parameters must be numbered {{1}}, {{2}} and on, without gaps.")
    examples = (bodies[0].get("example") or {}).get("body_text") or [[]]
    if numbers and (not isinstance(examples[0], list) or len(examples[0]) != len(set(numbers))):
        message = "component of type BODY is missing expected field(s) (example)"
        raise wa.template_refused('Message template "components" param is missing expected field(s)', message, 2388043)
