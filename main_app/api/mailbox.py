"""/dev/mailbox and /dev/texts: in development, the emails written to MAIL_FOLDER (no SMTP server) and the texts
written to SMS_FOLDER, for the web app's mailbox page, and a reply to a text (STOP, START) as if from its number.

Registered only outside production (main_app.api), where it would show everyone's mail: production neither serves
nor documents it."""

from pathlib import Path

from flask import Response, current_app
from marshmallow import fields, validate

from main_app.services.accounts import E164, reply_to
from main_app.services.emails import list_messages, read_message
from main_app.services.texts import list_texts
from service_kit.blueprint import Blueprint
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
