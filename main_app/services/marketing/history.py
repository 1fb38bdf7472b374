"""A studio's marketing emails as its staff read them back: newest first, with who sent each and how many of its
recipients unsubscribed through it."""

from sqlalchemy import func, select

from main_app.plumbing import Page, paginate

from ...extensions import db
from ...models import MarketingEmail, MarketingOptOut, User


def sent_emails(studio_id: int, page: int, per_page: int) -> Page:
    """One page of the studio's marketing emails, newest first, as the API shows them."""
    query = (
        select(MarketingEmail)
        .where(MarketingEmail.studio_id == studio_id)
        .order_by(MarketingEmail.created_at.desc(), MarketingEmail.id.desc())
    )
    found = paginate(query, page, per_page)
    ids = [sent.id for sent in found.items]
    senders = {sent.sent_by for sent in found.items}
    names = {uid: name for uid, name in db.session.execute(select(User.id, User.name).where(User.id.in_(senders)))}
    counts = (
        select(MarketingOptOut.email_id, func.count(MarketingOptOut.id))
        .where(MarketingOptOut.email_id.in_(ids))
        .group_by(MarketingOptOut.email_id)
    )
    stopped = {email_id: count for email_id, count in db.session.execute(counts)}
    found.items = [
        {
            "id": sent.id,
            "segment": {"id": sent.segment_id, "name": sent.segment_name},
            "subject": sent.subject,
            "text": sent.text,
            "recipients": sent.recipients,
            "unsubscribed": stopped.get(sent.id, 0),
            "sent_by": {"id": sent.sent_by, "name": names.get(sent.sent_by)},
            "created_at": sent.created_at,
        }
        for sent in found.items
    ]
    return found
