"""The records of news about an account rather than a booking: a password reset asked for, an invitation to a
studio's staff, an account erased; the first two are emails to an address, the last the CRM's message."""

from dataclasses import dataclass

from main_app.services.crm import message_row, user_registered_row, user_summary

from ...models import User, utcnow
from .words import Word

ERASED = "person_erased"  # the CRM's notification type (crm_microservice: services/clients/erasure.py)
# The CRM's types of a child leaving the family's care (crm_microservice: services/clients/children_leaving.py).
CHILD_ERASED, CHILD_GROWN = "dependent_erased", "dependent_grown"


@dataclass(frozen=True)
class ResetAsked:
    """A password reset asked for with email, whether or not an account has it (the email lane looks when it sends),
    so that asking costs the same either way."""

    email: str


@dataclass(frozen=True)
class Invited:
    """An address invited to a studio's staff in a role (role_name: the role as people read it), by inviter_name."""

    email: str
    studio_name: str
    role_name: str
    inviter_name: str
    invitation_id: int


@dataclass(frozen=True)
class FamilyInvited:
    """An address invited by inviter_name to be the second guardian of their family (its link signed when it goes)."""

    email: str
    inviter_name: str
    family_id: int


@dataclass(frozen=True)
class GrownUp:
    """A child come of age given an account of their own by guardian_name (their history is its): the CRM hears of
    the account, and the person is told how to set its password."""

    user: User
    guardian_name: str
    dependent_id: int  # the child they were: the CRM's client book gives the account the child's rows


@dataclass(frozen=True)
class ChildErased:
    """A child's data erased from a family (by a guardian, or with the last guardian's account): the CRM forgets
    their name (by id: the message names nobody)."""

    dependent_id: int


@dataclass(frozen=True)
class AccountErased:
    """A person erased their account: the CRM erases what it holds of them (by user_id: the message names nobody)."""

    user_id: int


def reset_mail(news: ResetAsked) -> list[Word]:
    """password_reset, to the address (its link is signed when it goes: emails.complete_password_reset)."""
    return [Word("password_reset", {"email": news.email})]


def invitation_mail(news: Invited) -> list[Word]:
    """studio_invitation, to the address invited."""
    snapshot = {
        "to": {"name": "", "email": news.email},
        "studio": {"name": news.studio_name},
        "role_name": news.role_name,
        "by": news.inviter_name,
        "invitation_id": news.invitation_id,
    }
    return [Word("studio_invitation", snapshot)]


def crm_erased(news: AccountErased) -> list[dict]:
    """person_erased: the CRM erases the person's client book rows and notes."""
    payload = {"timestamp": utcnow().isoformat(), "user_id": news.user_id, "message": "A person erased their account"}
    return [message_row(ERASED, payload)]


def family_invitation_mail(news: FamilyInvited) -> list[Word]:
    """family_invitation, to the address invited."""
    snapshot = {"to": {"name": "", "email": news.email}, "person": {"name": news.inviter_name}}
    return [Word("family_invitation", {**snapshot, "family_id": news.family_id})]


def grown_up_mail(news: GrownUp) -> list[Word]:
    """account_made, saying the person's guardian made it with the classes booked for them (its link to set the
    password is signed when it goes)."""
    to = {"name": news.user.name, "email": news.user.email, "user_id": news.user.id}
    return [Word("account_made", {"to": to, "by": news.guardian_name, "family": True}, news.user)]


def crm_grown_up(news: GrownUp) -> list[dict]:
    """user_registered: the account is new to the CRM; dependent_grown: it takes the child's rows in the book."""
    user = news.user
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "message": f"{user.name} has their own login"}
    payload["data"] = {"dependent": {"id": news.dependent_id}, "user": user_summary(user)}
    return [user_registered_row(user), message_row(CHILD_GROWN, payload)]


def crm_child_erased(news: ChildErased) -> list[dict]:
    """dependent_erased: the CRM forgets the child's name."""
    payload = {"timestamp": utcnow().isoformat(), "user_id": None, "message": "A child's details were erased"}
    return [message_row(CHILD_ERASED, payload | {"data": {"dependent": {"id": news.dependent_id}}})]
