"""What the action steps people went through write, in that run's transaction: messages (email through the
marketing send, WhatsApp in the studio's marketing template, a text), the CRM's tag and task messages, and codes."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from main_app.services import crm, discounts, marketing, texts, whatsapp

from ...extensions import db
from ...models import MEMBER_OWNER, Automation, Studio, StudioMember, User

PLACES = ("first_name", "studio", "code")  # what a message's words may name in braces
WHATSAPP_KIND = "marketing_email"  # the news kind the studio's marketing template (studio_offer) carries


@dataclass
class Doing:
    """A run's writes gathered across its people: outbox rows, and each email step's recipients (one send each)."""

    automation: Automation
    studio: Studio
    now: datetime
    rows: list[dict] = field(default_factory=list)
    emails: dict[int, list[dict]] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)  # entry id: the code made for them in this run
    whatsapp: list[tuple] = field(default_factory=list)  # (person, snapshot) of each WhatsApp line


def filled(words: str, user: User, studio: Studio, code: str | None) -> str:
    """The words with {first_name}, {studio} and {code} filled in (other braces are left as written)."""
    values = {"first_name": (user.name or "").split(" ")[0], "studio": studio.name, "code": code or ""}
    for place in PLACES:
        words = words.replace("{" + place + "}", values[place])
    return words


def act(doing: Doing, entry, user: User, facts, index: int) -> None:
    """The action step index of the automation, for one person, added to the run's writes."""
    step, studio, automation = doing.automation.steps[index], doing.studio, doing.automation
    code = doing.codes.get(entry.id, entry.code)  # named as the entry moved (running._moved)
    kind = step["kind"]
    if kind == "make_code":
        made_by = automation.made_by_id or studio_owner(studio)
        discounts.personal_code(studio.id, made_by, step["percent_off"], step["valid_days"], doing.now, code)
    elif kind in ("add_tag", "remove_tag"):
        doing.rows.append(
            crm.tag_row(studio.id, user, step["tag"], added=kind == "add_tag", automation_id=automation.id)
        )
    elif kind == "staff_task":
        text = filled(step["text"], user, studio, code)
        doing.rows.append(
            crm.task_row(studio.id, user, text, automation_id=automation.id, automation_name=automation.name)
        )
    elif kind == "email":
        subject, text = (filled(step[part], user, studio, code) for part in ("subject", "text"))
        recipient = {"user": user, "client_id": facts.client_id, "subject": subject, "text": text}
        doing.emails.setdefault(index, []).append(recipient)
    elif kind == "sms":
        snapshot = {"studio": _studio(studio), "words": filled(step["text"], user, studio, code)}
        doing.rows += texts.text_rows("studio_message", user, snapshot)
    elif kind == "whatsapp":
        snapshot = {"studio": _studio(studio), "subject": filled(step["text"], user, studio, code)}
        doing.whatsapp.append((user, snapshot))


def finish(doing: Doing) -> list[dict]:
    """Every row the run writes: the email steps' sends (one each), the WhatsApp lines (to whoever has WhatsApp on:
    one read for all) and the rest."""
    rows = doing.rows + whatsapp.marketing_rows(WHATSAPP_KIND, doing.whatsapp)
    for index, recipients in doing.emails.items():
        step, automation = doing.automation.steps[index], doing.automation
        words = {"name": automation.name, "subject": step["subject"], "text": step["text"]}
        sent_by = automation.made_by_id or studio_owner(doing.studio)
        rows += marketing.automation_emails(doing.studio, sent_by, words, recipients)
    return rows


def studio_owner(studio: Studio) -> int:
    """Who stands for the studio where an automation's maker is gone: its first owner."""
    found = select(StudioMember.user_id).where(StudioMember.studio_id == studio.id, StudioMember.role == MEMBER_OWNER)
    return db.session.scalar(found.order_by(StudioMember.id).limit(1))


def _studio(studio: Studio) -> dict:
    return {"id": studio.id, "name": studio.name, "slug": studio.slug}
