"""The one permission table: what each member role may do in its studio, and the check every studio route makes.

PERMISSIONS and ROLE_PERMISSIONS are plain literals: `python3 dev.py docs` reads them (without importing the app)
to write docs/permissions.md."""

from dataclasses import dataclass

from sqlalchemy import select

from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_FACILITATOR, Studio, StudioMember

PERMISSIONS = {
    "studio.view": "See the studio's settings and its own place in it",
    "studio.settings": "Change the studio's name, slug, time zone, currency, country and contact details",
    "studio.payments": "Connect and change the studio's payment provider",
    "studio.whatsapp": "Connect and disconnect the studio's own WhatsApp Business number",
    "studio.delete": "Delete the studio",
    "webhooks.manage": "Subscribe the studio's own tools to its news (webhooks and REST hooks), read their delivery "
    "logs and send deliveries again",
    "automations.manage": "Build the studio's automations (follow-ups that run themselves), see who is in them and "
    "switch them on and off",
    "studio.tokens": "Make and revoke the studio's API tokens for its own tools (each with some of these permissions)",
    "studio.export": "Export everything the studio holds (clients, events, bookings, passes, money) as one ZIP",
    "studio.import": "Import clients from a CSV (Mindbody's, Momence's or any other) with their pass balances, or a "
    "whole studio export into an empty studio",
    "members.view": "List the members and their roles",
    "members.staff": "Invite, change the role of and remove instructors and front desk",
    "members.all": "Invite, change the role of and remove owners and managers too",
    "audit.view": "Read the audit log",
    "events.manage": "Make and change events, sessions and series of the studio",
    "passes.manage": "Make and change pass products and discount codes",
    "money.view": "See payments, money figures and delivery figures",
    "reports.view": "Run the studio's reports: revenue, attendance, clients and every instructor's pay",
    "reports.own": "See one's own pay report: the classes one taught and what they earn",
    "pay.rates": "Set what each instructor is paid: flat per class, per head or a share of the class's revenue",
    "refunds.make": "Refund payments",
    "registrants.all": "See and manage the registrants of every session",
    "messages.all": "Message the registrants of every session",
    "inbox.read": "Read the studio's CRM inbox",
    "clients.view": "See the studio's client book: every client's profile, figures, spend, passes and timeline",
    "clients.write": "Write notes on and tag the studio's clients",
    "clients.whatsapp": "Answer a client on WhatsApp within 24 hours of their last message, and see whether one may",
    "clients.email": "Email a segment of the client book (its clients who gave marketing consent)",
    "clients.own": "See the client profiles of the people booked into the sessions one teaches, without spend",
    "sessions.own": "See the sessions one teaches",
    "registrants.own": "See the registrants of the sessions one teaches",
    "checkin.own": "Check in and mark attendance at the sessions one teaches",
    "messages.own": "Message the registrants of the sessions one teaches",
    "desk.checkin": "Check in at today's and tomorrow's sessions of the studio",
    "desk.walkins": "Add walk-ins and book a client into a class",
    "desk.sales": "Sell a pass at the desk (cash, card terminal or UPI), recorded with who took it",
    "forms.manage": "Write the studio's forms and waivers, publish their versions and say which are required",
    "forms.signatures": "See the forms a client signed, with their answers (health answers included), and collect "
    "a client's signature on the desk's screen",
    "appointments.manage": "Offer private sessions: their services and who gives them, every teacher's hours and "
    "days off, and the booking window; cancel a booked one for the studio (its money and credits back)",
    "appointments.board": "See every teacher's private sessions and classes on the day and week board, book a client "
    "into a private at the desk and move one",
    "appointments.own": "See one's own private sessions on the board and keep one's own weekly hours and days off",
}
ROLE_PERMISSIONS = {
    "owner": (
        "studio.view",
        "studio.settings",
        "studio.payments",
        "studio.whatsapp",
        "studio.delete",
        "studio.tokens",
        "webhooks.manage",
        "automations.manage",
        "studio.export",
        "studio.import",
        "members.view",
        "members.staff",
        "members.all",
        "audit.view",
        "events.manage",
        "passes.manage",
        "money.view",
        "reports.view",
        "reports.own",
        "pay.rates",
        "refunds.make",
        "registrants.all",
        "messages.all",
        "inbox.read",
        "clients.view",
        "clients.write",
        "clients.whatsapp",
        "clients.email",
        "clients.own",
        "sessions.own",
        "registrants.own",
        "checkin.own",
        "messages.own",
        "desk.checkin",
        "desk.walkins",
        "desk.sales",
        "forms.manage",
        "forms.signatures",
        "appointments.manage",
        "appointments.board",
        "appointments.own",
    ),
    "manager": (
        "studio.view",
        "members.view",
        "members.staff",
        "audit.view",
        "events.manage",
        "passes.manage",
        "money.view",
        "reports.view",
        "reports.own",
        "refunds.make",
        "registrants.all",
        "messages.all",
        "inbox.read",
        "clients.view",
        "clients.write",
        "clients.whatsapp",
        "clients.email",
        "clients.own",
        "sessions.own",
        "registrants.own",
        "checkin.own",
        "messages.own",
        "desk.checkin",
        "desk.walkins",
        "desk.sales",
        "forms.manage",
        "forms.signatures",
        "appointments.manage",
        "appointments.board",
        "appointments.own",
        "automations.manage",
    ),
    "instructor": (
        "studio.view",
        "reports.own",
        "clients.own",
        "sessions.own",
        "registrants.own",
        "checkin.own",
        "messages.own",
        "appointments.own",
    ),
    "front_desk": (
        "studio.view",
        "clients.view",
        "clients.write",
        "clients.whatsapp",
        "desk.checkin",
        "desk.walkins",
        "desk.sales",
        "forms.signatures",
        "appointments.board",
    ),
}
# Instructors have no forms permission: a health questionnaire's answers are the client's health data, which the
# studio's desk and managers check before a first class; an instructor hears what matters from them.
# What a facilitator account does on its seed routes (/api/facilitator/<id>), with no studio chosen: an owner's work
# over the sessions it teaches, but nothing only a studio has (members, audit log, the front desk).
SEED_PERMISSIONS = (
    "events.manage",
    "passes.manage",
    "money.view",
    "refunds.make",
    "registrants.all",
    "messages.all",
    "inbox.read",
    "sessions.own",
    "registrants.own",
    "checkin.own",
    "messages.own",
)
# What the CRM's client book checks: the token names, per studio, which of these its holder has (client_book_claim).
# clients.whatsapp: a client's WhatsApp conversation shows in their timeline only to those who may answer it.
CLIENT_BOOK_PERMISSIONS = ("clients.view", "clients.write", "clients.own", "clients.whatsapp")
# The roles a member with members.staff but not members.all may give, take or remove.
STAFF_ROLES = ("instructor", "front_desk")


@dataclass(frozen=True)
class Membership:
    """A studio as one of its members reaches it: the studio's row and that member's role."""

    studio: Studio
    role: str
    granted: frozenset[str] | None = None  # an API token's permissions within the role's; None: the role's

    def may(self, permission: str) -> bool:
        """Whether this member's role (or their token) has the permission."""
        return permission in (ROLE_PERMISSIONS[self.role] if self.granted is None else self.granted)

    def check(self, permissions: tuple[str, ...]) -> "Membership":
        """This membership, if it has any of the permissions: else 403 naming the first."""
        if any(self.may(permission) for permission in permissions):
            return self
        first, details = permissions[0], {"permission": permissions[0], "role": self.role}
        if self.granted is not None:
            raise api_error("forbidden.token_permission", permission=first, details=details)
        raise api_error("forbidden.studio_permission", role=self.role, permission=first, details=details)


def allowed(role: str, permission: str) -> bool:
    """Whether role has permission (an unknown permission is a programming error: KeyError)."""
    if permission not in PERMISSIONS:
        raise KeyError(permission)
    return permission in ROLE_PERMISSIONS[role]


def seed_permissions(account_role: str) -> list[str]:
    """What an account of this role may do on the seed routes: SEED_PERMISSIONS for a facilitator, else nothing."""
    return list(SEED_PERMISSIONS) if account_role == ROLE_FACILITATOR else []


def membership(user_id: int, studio_slug: str) -> Membership | None:
    """The user's membership of the open studio with this slug; None when there is none (or it closed) or they are
    not in it."""
    row = db.session.execute(
        select(Studio, StudioMember.role)
        .join(StudioMember, StudioMember.studio_id == Studio.id)
        .where(Studio.slug == studio_slug, StudioMember.user_id == user_id, Studio.closed_at.is_(None))
    ).first()
    return None if row is None else Membership(row[0], row[1])


def require_any(user, studio_slug: str, permissions: tuple[str, ...]) -> Membership:
    """The caller's membership of the studio, if their role has any of the permissions: 404 for a non-member
    (another studio looks like none), 403 naming the first permission for a member with none of them."""
    found = membership(user.id, studio_slug)
    if found is None:
        raise api_error("studio_not_found")
    return found.check(permissions)


def studios_where(user_id: int, permission: str) -> list[int]:
    """The ids of the studios where the user's role has permission, ascending (the CRM's inbox claim)."""
    roles = [role for role, permissions in ROLE_PERMISSIONS.items() if permission in permissions]
    return list(
        db.session.scalars(
            select(StudioMember.studio_id)
            .where(StudioMember.user_id == user_id, StudioMember.role.in_(roles))
            .order_by(StudioMember.studio_id)
        )
    )


def client_book_claim(user_id: int) -> list[dict]:
    """The studios whose client book the user may open, with its slug, time zone (its segments' "this month") and the
    client-book permissions of their role there, ascending by id (the CRM's client_book claim: it resolves a path's
    slug with it)."""
    rows = db.session.execute(
        select(Studio.id, Studio.slug, Studio.timezone, StudioMember.role)
        .join(StudioMember, StudioMember.studio_id == Studio.id)
        .where(StudioMember.user_id == user_id, Studio.closed_at.is_(None))
        .order_by(Studio.id)
    )
    claim = []
    for studio_id, slug, timezone, role in rows:
        permissions = [name for name in CLIENT_BOOK_PERMISSIONS if name in ROLE_PERMISSIONS[role]]
        if permissions:
            claim.append({"id": studio_id, "slug": slug, "timezone": timezone, "permissions": permissions})
    return claim
