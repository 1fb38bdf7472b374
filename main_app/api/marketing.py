"""A studio's marketing emails: its owner or manager sends a segment of the CRM's client book an email (a dry run
first counts it), and whoever gets one unsubscribes with one click (RFC 8058), no login."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..database import read_only
from ..schemas.common import PageArgsSchema
from ..schemas.marketing import (
    MarketingEmailInSchema,
    MarketingEmailOutSchema,
    MarketingOptOutSchema,
    SentEmailPageSchema,
    UnsubscribeQuerySchema,
)
from ..services import marketing
from .staff_doors import acting, studio_guard

staff = Blueprint(
    "studio_marketing",
    __name__,
    url_prefix="/api/studios/<slug>",
    description="A studio's marketing emails to a segment of its client book (clients.email)",
)
public = Blueprint(
    "marketing_unsubscribe",
    __name__,
    url_prefix="/marketing",
    description="One-click unsubscribe from a studio's marketing emails (the signed link is the credential)",
)
blps = (staff, public)
guard = studio_guard(staff)


@staff.route("/segments/<id:segment_id>/emails", methods=["POST"])
@guard("clients.email")
@staff.arguments(MarketingEmailInSchema)
@staff.response(201, MarketingEmailOutSchema)
@staff.alt_response(200, schema=MarketingEmailOutSchema, description="dry_run: who would get it, nothing sent")
@staff.alt_response(404, schema=APIErrorSchema, description="segment_not_found (or the studio: studio_not_found)")
@staff.alt_response(
    409, schema=APIErrorSchema, description="no_recipients, daily_cap_reached (details: cap), already_sent"
)
@staff.alt_response(503, schema=APIErrorSchema, description="crm_unavailable: nothing was sent")
def send_segment_email(body, segment_id):
    """Email the segment's clients who gave marketing consent (not withdrawn), one email per address, through the
    email lane; each carries one-click unsubscribe. With dry_run: the count and the daily cap, nothing sent."""
    dry_run = body.pop("dry_run")
    sent = marketing.send_to_segment(acting(), segment_id, body, dry_run=dry_run, config=current_app.config)
    return (sent, 200) if dry_run else sent


@staff.route("/marketing-emails", methods=["GET"])
@read_only
@guard("clients.email")
@staff.arguments(PageArgsSchema, location="query")
@staff.response(200, SentEmailPageSchema)
def sent_emails(args):
    """The studio's marketing emails, newest first: words, segment, recipients, unsubscribes through each, sender."""
    return marketing.sent_emails(acting().studio.id, args["page"], args["per_page"])


@public.route("/unsubscribe", methods=["GET"])
@read_only
@public.arguments(UnsubscribeQuerySchema, location="query")
@public.response(200, MarketingOptOutSchema)
@public.alt_response(400, schema=APIErrorSchema, description="invalid_token: forged, altered or not ours")
def describe_unsubscribe(args):
    """What the link does, changing nothing (mail scanners open links): the studio, and whether it was used."""
    return marketing.describe_link(args["token"])


@public.route("/unsubscribe", methods=["POST"])
@public.arguments(UnsubscribeQuerySchema, location="query")
@public.response(200, MarketingOptOutSchema)
@public.alt_response(400, schema=APIErrorSchema, description="invalid_token: forged, altered or not ours")
@public.alt_response(409, schema=APIErrorSchema, description="already_unsubscribed: the link was used")
def unsubscribe(args):
    """One-click unsubscribe (RFC 8058): no more of the studio's marketing emails to this client, and their consent
    withdrawn in the CRM's client book. The body a mail client sends (List-Unsubscribe=One-Click) is not needed."""
    return marketing.unsubscribe(args["token"])
