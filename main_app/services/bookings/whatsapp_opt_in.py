"""A person's WhatsApp opt-in given while booking (source booking, for the booked session's studio): recorded in the
booking's own transaction, before its news, so the booking's confirmation and reminders go on WhatsApp too and a
booking refused records none. WhatsApp goes only to a proved number, as texts do: without one (or from a number that
sent STOP) the booking goes through, nothing is recorded, and the answer says why."""

from dataclasses import dataclass, field

from sqlalchemy import delete

from main_app.services import chats, news

from ...database import unit_of_work
from ...extensions import db
from ...models import User, WhatsappConsent

NO_PROVED_PHONE, STOPPED = "no_proved_phone", "stopped"


@dataclass
class OptIn:
    """The opt-in a booking request carries (the words the person was shown), and what became of it: outcome is the
    answer's "whatsapp" ({"opted_in", "reason"}), added is the consent row it wrote (None: none)."""

    wording: str
    outcome: dict = field(default_factory=lambda: {"opted_in": False, "reason": None})
    added: int | None = None

    def record(self, user: User, booking_id: int, row) -> dict:
        """In the booking's transaction (booking_id new, row the session read for it), before its news: the consent,
        and the reminders of the person's other bookings ahead written again as it says. A confirm_seats also."""
        person = db.session.get(User, user.id)
        if not (person.phone and person.phone_verified_at) or chats.stopped(person.phone):
            reason = NO_PROVED_PHONE if not person.phone_verified_at else STOPPED
            self.outcome = {"opted_in": False, "reason": reason}
            return {}
        if chats.opt_in(person, "booking", self.wording, studio_id=row.studio_id):
            self.added = chats.current_consent(person.id).id
            others = [booking for booking in news.RemindersRedone.of(person).bookings if booking.id != booking_id]
            news.publish(news.RemindersRedone(person, others))
        self.outcome = {"opted_in": True, "reason": None}
        return {}

    def take_back(self, user: User) -> None:
        """The booking was given up after its transaction (its checkout could not be opened): the consent written
        with it goes too, as if never given, and the reminders ahead follow."""
        if self.added is None:
            return
        with unit_of_work():
            db.session.execute(delete(WhatsappConsent).where(WhatsappConsent.id == self.added))
            news.publish(news.RemindersRedone.of(db.session.get(User, user.id)))
        self.added, self.outcome = None, {"opted_in": False, "reason": None}
