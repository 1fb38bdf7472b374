"""A studio's automation writing to its clients by email: the same marketing email as a send to a segment (its row,
counted in the daily figures; each client's own unsubscribe links, honoured when it goes), written in the
automation's step's transaction for the people that step reached."""

from main_app.services import emails
from main_app.services.common import marketing_token

from ...extensions import db
from ...models import MarketingEmail
from .opt_outs import unsubscribe_links

AUTOMATION_SEGMENT = 0  # an automation's email names no segment of the CRM's


def automation_emails(studio, sent_by: int, words: dict, recipients: list[dict]) -> list[dict]:
    """One marketing email row per recipient ({client_id, user, subject, text}: the words already filled in for
    them) and the send's row (words: the step's own subject and text, its name). Never commits."""
    sent = MarketingEmail(
        studio_id=studio.id,
        segment_id=AUTOMATION_SEGMENT,
        segment_name=words["name"][:100],
        subject=words["subject"][:150],
        text=words["text"],
        sent_by=sent_by,
        recipients=len(recipients),
    )
    db.session.add(sent)
    db.session.flush()
    return [_row(studio, sent, recipient) for recipient in recipients]


def _row(studio, sent: MarketingEmail, recipient: dict) -> dict:
    user, client_id = recipient["user"], recipient["client_id"]
    address = user.email.strip().lower()
    snapshot = {
        "to": {"name": user.name, "email": user.email},
        "studio": {"id": studio.id, "name": studio.name, "slug": studio.slug},
        "subject": recipient["subject"],
        "text": recipient["text"],
        "marketing": {"email_id": sent.id, "client_id": client_id},
        **unsubscribe_links(marketing_token(studio.id, client_id, sent.id, address)),
    }
    row = emails.email_row("marketing_email", snapshot)
    row["payload"]["studio_id"] = studio.id
    return row
