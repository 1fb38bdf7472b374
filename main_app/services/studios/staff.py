"""Staff as the studio services see them: who acts, in which studio, and which of its events and sessions they reach.
An owner or manager reaches the studio's whole programme, an instructor the sessions they teach, the front desk
today's and tomorrow's sessions; a facilitator on the seed routes (/api/facilitator/<id>) the sessions they teach
anywhere, as those routes always answered."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, select, true

from main_app.services import news

from ...models import Event, EventSession, Studio, User, utcnow
from .audit import Actor
from .permissions import ROLE_PERMISSIONS
from .tokens import TOKEN_ROLE

WHOLE, TEACHING, DESK = "whole", "teaching", "desk"


@dataclass(frozen=True)
class Staff:
    """The person acting (their id, name and email stand for them in messages and news) and what they reach."""

    user: User
    studio: Studio | None  # None: a facilitator on the seed routes
    studio_role: str | None = None  # their role in the studio
    remote_addr: str | None = None  # where the request came from, for the audit log
    granted: frozenset[str] | None = None  # an API token's permissions within the role's; None: the role's

    @classmethod
    def facilitator(cls, user: User, remote_addr: str | None = None) -> "Staff":
        """A facilitator on the seed routes: the sessions they teach, in whichever studio."""
        return cls(user, None, None, remote_addr)

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def role(self) -> str:
        """Their account's role (the CRM's actor), not their role in the studio (studio_role)."""
        return self.user.role

    def facts(self) -> news.StaffFacts:
        """Them as news records who acted: the CRM's actor, and the audit log's role and address."""
        return news.StaffFacts(self.user.id, self.user.name, self.user.role, self.audit_role, self.remote_addr)

    def actor(self) -> Actor:
        """Them as the audit log records them: their role in the studio (a facilitator on the seed routes: their
        account's) and their address."""
        return Actor(self.user.id, self.audit_role or self.user.role, self.remote_addr)

    @property
    def audit_role(self) -> str | None:
        """Their role as the audit log records it: an API token's actions read as the token's."""
        return self.studio_role if self.granted is None else TOKEN_ROLE

    def may(self, permission: str) -> bool:
        """Whether their role in the studio (or their token) has the permission."""
        return permission in (ROLE_PERMISSIONS[self.studio_role] if self.granted is None else self.granted)

    @property
    def reach(self) -> str:
        """WHOLE (the studio's programme), TEACHING (sessions they teach) or DESK (today's and tomorrow's)."""
        if self.studio is None:
            return TEACHING
        # Every role that manages events reaches them all; so does a token given either permission.
        if self.may("registrants.all") or self.may("events.manage"):
            return WHOLE
        return TEACHING if self.may("sessions.own") else DESK

    def desk_window(self) -> tuple[datetime, datetime]:
        """The front desk's days: from the start of today to the end of tomorrow, on the studio's clock."""
        zone = ZoneInfo(self.studio.timezone)
        today = utcnow().astimezone(zone).date()
        start = datetime.combine(today, time(0), tzinfo=zone)
        return start, start + timedelta(days=2)

    def sessions_clause(self):
        """Which sessions they reach, as a condition on EventSession joined with its Event."""
        in_studio = true() if self.studio is None else Event.studio_id == self.studio.id
        if self.reach == WHOLE:
            return in_studio
        if self.reach == TEACHING:
            return and_(in_studio, EventSession.instructor_id == self.user.id)
        start, end = self.desk_window()
        return and_(in_studio, EventSession.starts_at >= start, EventSession.starts_at < end)

    def events_clause(self):
        """Which events they reach (those with a session they reach), as a condition on Event."""
        if self.reach == WHOLE:
            return Event.studio_id == self.studio.id
        reached = select(EventSession.id).where(EventSession.event_id == Event.id, self.sessions_clause())
        return exists(reached.correlate(Event))

    def owns(self, model):
        """Which of a studio's own records (pass products, passes, codes) they manage, as a condition on model: the
        studio's; on the seed routes, those the facilitator made."""
        return model.facilitator_id == self.user.id if self.studio is None else model.studio_id == self.studio.id

    def owns_row(self, row) -> bool:
        """Whether they manage this record (as owns())."""
        return row.facilitator_id == self.user.id if self.studio is None else row.studio_id == self.studio.id

    def reaches_session(self, event_session: EventSession, event: Event) -> bool:
        """Whether the session (of event) is one they reach."""
        if self.studio is not None and event.studio_id != self.studio.id:
            return False
        if self.reach == WHOLE:
            return True
        if self.reach == TEACHING:
            return event_session.instructor_id == self.user.id
        start, end = self.desk_window()
        return start <= event_session.starts_at < end

    def reaches_event(self, event: Event, sessions: list[EventSession]) -> bool:
        """Whether the event (with its sessions) is one they reach."""
        if self.studio is not None and event.studio_id != self.studio.id:
            return False
        return self.reach == WHOLE or any(self.reaches_session(s, event) for s in sessions)


def as_staff(who) -> Staff:
    """Staff as they are, or a facilitator's account as the seed routes see them."""
    return who if isinstance(who, Staff) else Staff.facilitator(who)
