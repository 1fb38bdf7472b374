"""A person's WhatsApp choice and their number's replies, as accounts see them: a consent given or withdrawn (in the
account, at booking, at a studio's desk) and a STOP or START from the number change what reaches them at once, and
the reminders of their bookings ahead are queued again as that now says (news.RemindersRedone), in the same
transaction. The rules themselves (consent, stops, the window) are services/chats'."""

from datetime import datetime

from sqlalchemy import select

from main_app.services import chats, news

from ...database import unit_of_work
from ...extensions import db
from ...models import User


def set_whatsapp(user, opted_in: bool, *, source: str, wording: str | None = None, **recorded) -> bool:
    """Opt the person in (with the words they were shown) or out, from source (booking, account or desk; recorded:
    studio_id and recorded_by at a studio); True when it changed their consent."""
    with unit_of_work():
        if opted_in:
            changed = chats.opt_in(user, source, wording or "", **recorded)
        else:
            changed = chats.opt_out(user, source, **recorded)
        if changed:
            news.publish(news.RemindersRedone.of(db.session.get(User, user.id)))
    return changed


def whatsapp_reply(sender: str, business_number_id: str, text: str | None, at: datetime | None = None):
    """Take a message a number sent a business number (the WhatsApp webhook's one call per message): its window
    opens, a STOP or START alone changes the number for every account that gives it. What it did (chats.Received:
    its reply is the confirmation to send back, once)."""
    with unit_of_work():
        received = chats.receive(sender, business_number_id, text, at)
        if received.changed:
            for person in db.session.scalars(select(User).where(User.id.in_(received.user_ids)).order_by(User.id)):
                news.publish(news.RemindersRedone.of(person))
    return received
