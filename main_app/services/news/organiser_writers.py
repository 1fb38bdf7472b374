"""The channel writers of a facilitator's changes (news.organiser's records)."""

from main_app.services.crm import BOOKING_TYPES, booking_change_payload, message_row
from main_app.services.emails import booking_rows

from ...models import GUEST_ACTIVE
from .guest_mail import mail_rows
from .organiser import CalledOff, Moved


def crm_called_off(news: CalledOff) -> list[dict]:
    """CRM booking_cancelled, made by the facilitator, a member of the cancellation's batch."""
    payload = booking_change_payload(
        news.booking, "cancelled", news.user, news.session, news.event, batch_id=news.batch_id, guests=news.guests
    )
    return [message_row(BOOKING_TYPES["cancelled"], payload, actor=news.facilitator)]


def guests_called_off(news: CalledOff) -> list[dict]:
    """Each guest still coming with an email hears the facilitator cancelled, and why."""
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    about = (news.booking, news.user, news.session, news.event, news.facilitator)
    return mail_rows("guest_cancelled", coming, *about, by="facilitator", reason=news.reason)


def email_called_off(news: CalledOff) -> list[dict]:
    """The person's booking_cancelled email, notice and text, with what goes back."""
    about = (news.booking, news.user, news.session, news.event, news.facilitator)
    told = {"by": "facilitator", "reason": news.reason, "refund": news.refund, "credit": news.credit}
    return booking_rows("booking_cancelled", *about, **told)


def email_moved(news: Moved) -> list[dict]:
    """The person's booking_changed email, notice and text, with what changed."""
    about = (news.booking, news.user, news.session, news.event, news.facilitator)
    return booking_rows("booking_changed", *about, changes=news.changes)


def guests_moved(news: Moved) -> list[dict]:
    """Each guest still coming with an email: their guest_changed, then their reminders again."""
    coming = [guest for guest in news.guests if guest.status == GUEST_ACTIVE]
    about = (news.booking, news.user, news.session, news.event, news.facilitator)
    return mail_rows("guest_changed", coming, *about, party=news.guests, changes=news.changes)
