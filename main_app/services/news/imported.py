"""The record of a client brought in by a studio's import, and its one channel: the CRM (no email: the studio tells
its clients of the move itself; an imported account is claimed through "Forgot your password")."""

from dataclasses import dataclass
from typing import Any

from main_app.services.crm import message_row, user_registered_row

from ...models import utcnow
from .pass_mail import crm_row, pass_summary


@dataclass(frozen=True)
class ClientImported:
    """A client of studio_id brought in by an import (made: their account was made by it), with the pass balance
    it opened, if any."""

    user: Any
    studio_id: int
    made: bool
    opened: Any = None  # the Pass


def crm_client_imported(news: ClientImported) -> list[dict]:
    """user_registered (a new account), client_imported, and the opening balance as a pass_purchased at no price."""
    user, opened = news.user, news.opened
    rows = [user_registered_row(user)] if news.made else []
    person = {"id": user.id, "name": user.name, "email": user.email, **({"phone": user.phone} if user.phone else {})}
    payload = {"timestamp": utcnow().isoformat(), "user_id": user.id, "studio_id": news.studio_id}
    payload["data"] = {"user": person}
    rows.append(message_row("client_imported", payload | {"message": f"{user.name} came in with an import"}))
    if opened is not None:
        data = {**pass_summary(opened), "price": 0, "currency": opened.currency, "imported": True}
        rows.append(
            crm_row("pass_purchased", user, opened, f"{user.name}'s {opened.name} came in with an import", data)
        )
    return rows
