"""/dev/mailbox, /dev/texts and /dev/whatsapp: in development, the emails written to MAIL_FOLDER (no SMTP server), the
texts written to SMS_FOLDER and the WhatsApp stand-in's conversations, for the web app's mailbox page, and a reply to a
text (STOP, START) or a WhatsApp message (any words) as if from its number.

Registered only outside production (main_app.api), where it would show everyone's mail: production neither serves
nor documents it."""

from pathlib import Path

from flask import Response, current_app
from marshmallow import fields, validate

from main_app.services.accounts import E164, reply_to
from main_app.services.emails import list_messages, read_message
from main_app.services.texts import list_texts
from main_app.services.whatsapp import stand_in_conversations, stand_in_reply
from service_kit.blueprint import Blueprint
from service_kit.errors import ValidationFailed
from service_kit.schemas import APIErrorSchema, BaseSchema

blp = Blueprint("mailbox", __name__, url_prefix="/dev", description="Development mailbox (not in production)")


class MailSummarySchema(BaseSchema):
    id = fields.String()
    subject = fields.String()
    sender = fields.String(attribute="from", data_key="from")
    to = fields.String()
    date = fields.AwareDateTime()
    size = fields.Integer()


class MailboxSchema(BaseSchema):
    folder = fields.String()
    messages = fields.List(fields.Nested(MailSummarySchema))


class AttachmentSchema(BaseSchema):
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class MailSchema(MailSummarySchema):
    headers = fields.Dict(keys=fields.String(), values=fields.String())
    text = fields.String()
    html = fields.String()
    attachments = fields.List(fields.Nested(AttachmentSchema))


class TextSchema(BaseSchema):
    id = fields.String()
    to = fields.String(metadata={"description": "The number, in E.164"})
    body = fields.String()
    sent_at = fields.String(metadata={"description": "When it was handed over (ISO 8601)"})


class TextsSchema(BaseSchema):
    folder = fields.String()
    texts = fields.List(fields.Nested(TextSchema))


class TextReplySchema(BaseSchema):
    """A reply to a text, as Twilio's inbound webhook gets it (From, Body)."""

    sender = fields.String(
        required=True,
        data_key="from",
        validate=validate.Regexp(E164.pattern + "$", error="A number in E.164, e.g. +919812345678."),
        metadata={"description": "The number replying, in E.164"},
    )
    body = fields.String(required=True, validate=validate.Length(max=1600), metadata={"description": "e.g. STOP"})


class TextAnswerSchema(BaseSchema):
    answer = fields.String(
        allow_none=True, metadata={"description": "The confirmation texted back; null when nothing changed"}
    )


class WhatsappTemplateSchema(BaseSchema):
    name = fields.String()
    language = fields.String()
    parameters = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class WhatsappLineSchema(BaseSchema):
    direction = fields.String(metadata={"description": "out: ours, sent through the business number; in: the person's"})
    id = fields.String(metadata={"description": "Meta's message id (wamid)"})
    timestamp = fields.Integer(metadata={"description": "Seconds since 1970 on the stand-in's clock"})
    text = fields.String(metadata={"description": "The words the person reads: a template's body filled in"})
    template = fields.Nested(WhatsappTemplateSchema, allow_none=True)
    statuses = fields.List(fields.String(), metadata={"description": "sent, delivered, read or failed, in order"})
    errors = fields.List(fields.Integer(), metadata={"description": "Meta's codes of a failure, e.g. 131047"})


class WhatsappConversationSchema(BaseSchema):
    phone_number_id = fields.String(metadata={"description": "The business number's id"})
    display_phone_number = fields.String()
    wa_id = fields.String(metadata={"description": "The person's number, digits only"})
    messages = fields.List(fields.Nested(WhatsappLineSchema))


class WhatsappConversationsSchema(BaseSchema):
    business_number_id = fields.String(allow_none=True, metadata={"description": "The install's number's id"})
    conversations = fields.List(fields.Nested(WhatsappConversationSchema))


class WhatsappReplySchema(BaseSchema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=4096), metadata={"description": "e.g. हाँ"})
    business_number_id = fields.String(
        load_default=None,
        validate=validate.Regexp(r"\d{6,20}$", error="A phone number id: 6 to 20 digits."),
        metadata={"description": "The business number written to (default: the install's)"},
    )


class WhatsappSentSchema(BaseSchema):
    id = fields.String(metadata={"description": "The id the stand-in gave the message"})
    business_number_id = fields.String()


def _folder() -> Path:
    return Path(current_app.config["MAIL_FOLDER"])


@blp.route("/mailbox")
@blp.response(200, MailboxSchema)
def list_mail():
    """The emails written to the development folder, newest first."""
    return list_messages(_folder())


@blp.route("/mailbox/<hex_id:message_id>")
@blp.response(200, MailSchema)
@blp.alt_response(404, schema=APIErrorSchema)
def read_mail(message_id):
    """One email from the development folder: headers, text, HTML and attachments."""
    return read_message(_folder(), message_id)


@blp.route("/mailbox/<hex_id:message_id>/body.html")
@blp.response(200, content_type="text/html", description="The email's HTML, to show in a sandboxed frame")
@blp.alt_response(404, schema=APIErrorSchema)
def mail_body(message_id):
    """One email's HTML as a page of its own for the mailbox page's frame: no scripts, its own inline styles and
    data: images only, framed only by the web app (CORS_ORIGINS), in a sandbox (an origin of its own)."""
    html = read_message(_folder(), message_id)["html"]
    ancestors = " ".join(current_app.config["CORS_ORIGINS"])
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors {ancestors}; sandbox"
    # Browsers obey frame-ancestors over X-Frame-Options when both are there; SAMEORIGIN for those that do not.
    headers = {"Content-Security-Policy": policy, "X-Frame-Options": "SAMEORIGIN", "Cache-Control": "no-store"}
    return Response(html, mimetype="text/html", headers=headers)


@blp.route("/texts")
@blp.response(200, TextsSchema)
def list_dev_texts():
    """The texts written to the development folder, newest first."""
    return list_texts(Path(current_app.config["SMS_FOLDER"]))


@blp.route("/texts/reply", methods=["POST"])
@blp.arguments(TextReplySchema)
@blp.response(200, TextAnswerSchema)
@blp.alt_response(400, schema=APIErrorSchema)
def reply_to_text(body):
    """Reply to a text as its number would, through the code path of Twilio's inbound webhook: STOP, START."""
    return {"answer": reply_to(body["sender"], body["body"])}


@blp.route("/whatsapp")
@blp.response(200, WhatsappConversationsSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="whatsapp_stand_in_down: no stand-in is set for this API")
@blp.alt_response(503, schema=APIErrorSchema, description="whatsapp_stand_in_down: the stand-in is not running")
def list_whatsapp():
    """The WhatsApp stand-in's conversations, newest first: what we sent (a template's name, language and words) and
    what each person wrote, with the statuses Meta reported."""
    return stand_in_conversations(current_app.config)


@blp.route("/whatsapp/<number>/reply", methods=["POST"])
@blp.arguments(WhatsappReplySchema)
@blp.response(200, WhatsappSentSchema)
@blp.alt_response(400, schema=APIErrorSchema)
@blp.alt_response(409, schema=APIErrorSchema, description="whatsapp_stand_in_down: no stand-in is set for this API")
@blp.alt_response(503, schema=APIErrorSchema, description="whatsapp_stand_in_down: the stand-in is not running")
def reply_on_whatsapp(body, number):
    """Write to the business number as the person at number would (any words; STOP, START): the stand-in sends the
    signed webhook, as Meta does, which the main API takes as any other."""
    sender = number if number.startswith("+") else f"+{number}"
    if not E164.fullmatch(sender):
        why = "A number in E.164, e.g. +919812345678."
        raise ValidationFailed(f"Invalid input: number: {why}", details={"number": [why]})
    return stand_in_reply(current_app.config, sender, body["text"], body["business_number_id"])
