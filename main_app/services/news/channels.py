"""The one table of channels: CHANNELS, each entry one channel that, for a change's news (its record, the words it
tells people, what it takes back), says which of its own pending rows are withdrawn and which rows it writes. A new
channel (WhatsApp) is one more entry; no domain or other channel changes for it."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import ColumnElement, and_, or_

from main_app.services.emails import REMINDER_KINDS, email_row
from main_app.services.notices import companion_id, notice_row
from main_app.services.texts import text_rows
from main_app.services.whatsapp import whatsapp_rows

from ...models import (
    CHANNEL_APP,
    CHANNEL_CRM,
    CHANNEL_EMAIL,
    CHANNEL_SMS,
    CHANNEL_TIMERS,
    CHANNEL_WEBHOOKS,
    CHANNEL_WHATSAPP,
    OutboxMessage,
)
from .automation_rows import automation_rows
from .sayings import CRM_SUMMARIES, CRM_WRITERS
from .webhook_rows import webhook_rows
from .words import Unsaid, Word


@dataclass(frozen=True)
class News:
    """What publish() hands each channel: the record, the words it tells people and what it unsays."""

    record: object
    words: list[Word] = field(default_factory=list)
    unsaid: list[Unsaid] = field(default_factory=list)


class Channel(Protocol):
    """One row of the table: a channel of the outbox and how it hears news."""

    name: str

    def withdrawn(self, news: News) -> ColumnElement | None:
        """Which of its pending rows news takes back (None: none); of a batch (publish_all), the first record's news
        carries what the whole batch takes back, the others' nothing."""

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        """Its outbox rows for news (written: the rows of the channels before it in the table)."""


def pending_of(channel: str, unsaid: list[Unsaid], ids_of: Callable | None = None) -> ColumnElement | None:
    """The rows of channel unsaid names: of its kinds about its bookings, and (ids_of: this channel's ids of the
    words' emails, None when it writes nothing beside an email) those beside its words."""
    parts = [
        and_(OutboxMessage.booking_id.in_(item.booking_ids), OutboxMessage.type.in_(item.kinds))
        for item in unsaid
        if item.booking_ids
    ]
    if ids_of is not None:
        parts += [OutboxMessage.id.in_(ids_of(item.message_ids)) for item in unsaid if item.message_ids]
    return and_(OutboxMessage.channel == channel, or_(*parts)) if parts else None


@dataclass(frozen=True)
class Crm:
    """The CRM's inbox: typed messages from the record (writers), and summaries of what people were told."""

    writers: Mapping[type, tuple[Callable, ...]]
    summaries: Mapping[type, Callable]
    name: str = CHANNEL_CRM

    def withdrawn(self, news: News) -> None:
        return None  # the CRM keeps what it heard: a change is more news, never a withdrawal

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        rows = [row for write in self.writers.get(type(news.record), ()) for row in write(news.record)]
        if summary := self.summaries.get(type(news.record)):
            rows += summary(news.record, news.words)
        return rows


class Email:
    """Email: every word, but a reminder the person turned off; its row's id is the word's."""

    name = CHANNEL_EMAIL

    def withdrawn(self, news: News) -> ColumnElement | None:
        return pending_of(self.name, news.unsaid, ids_of=list)

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        return [
            email_row(
                word.kind,
                {**word.snapshot, **word.email_links},
                booking_id=word.booking_id,
                send_at=word.send_at,
                message_id=word.id,
            )
            for word in news.words
            if word.emailed
        ]


class Text:
    """Texts: the words texts say, to a person with texts on (texts.text_rows decides), but not a word a WhatsApp
    message carries: WhatsApp takes the text's place, and the text goes only if that message fails (news.fallback)."""

    name = CHANNEL_SMS

    def withdrawn(self, news: News) -> ColumnElement | None:
        return pending_of(self.name, news.unsaid)

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        whatsapped = {_addressed(row) for row in written if row["channel"] == CHANNEL_WHATSAPP}
        words = (
            word
            for word in news.words
            if word.person is not None and (word.kind, word.booking_id, word.person.id) not in whatsapped
        )
        return [
            row
            for word in words
            for row in text_rows(
                word.kind, word.person, word.snapshot, booking_id=word.booking_id, send_at=word.send_at
            )
        ]


class WhatsApp:
    """WhatsApp: the words a template carries, to a person with WhatsApp on (whatsapp.whatsapp_rows decides, asking
    about all of a change's people at once)."""

    name = CHANNEL_WHATSAPP

    def withdrawn(self, news: News) -> ColumnElement | None:
        return pending_of(self.name, news.unsaid)

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        return whatsapp_rows(news.words, also_by=carried_by(news.words, written))


def _addressed(row: dict) -> tuple:
    """A text's or WhatsApp message's row as the word it says: its kind, booking and person."""
    return row["type"], row["booking_id"], row["payload"]["snapshot"]["to"]["user_id"]


def carried_by(words: list[Word], written: list[dict]) -> dict[str, list[str]]:
    """Word id → the channels among written that carry it too (its email: the word's id; its text: same kind,
    booking and person), so that a failed WhatsApp message falls back to neither (news.fallback)."""
    emails = {row["id"] for row in written if row["channel"] == CHANNEL_EMAIL}
    texts = {_addressed(row) for row in written if row["channel"] == CHANNEL_SMS}
    return {
        word.id: [CHANNEL_EMAIL] * (word.id in emails)
        + [CHANNEL_SMS] * ((word.kind, word.booking_id, getattr(word.person, "id", None)) in texts)
        for word in words
    }


class Notice:
    """In-app notices of the kinds the centre shows: one beside each such email, dropped with it, and one per
    reminder the person gets by any channel before it."""

    name = CHANNEL_APP

    def withdrawn(self, news: News) -> ColumnElement | None:
        return pending_of(self.name, news.unsaid, ids_of=lambda ids: [companion_id(i) for i in ids])

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        sent = {(row["type"], row["booking_id"]) for row in written}
        notices = []
        for word in news.words:
            snapshot, about = {**word.snapshot, **word.email_links}, {"booking_id": word.booking_id}
            if word.kind in REMINDER_KINDS:
                if (word.kind, word.booking_id) in sent:
                    notices.append(notice_row(word.kind, snapshot, **about, send_at=word.send_at))
            elif word.emailed:
                notices.append(notice_row(word.kind, snapshot, **about, send_at=word.send_at, beside=word.id))
        return [notice for notice in notices if notice is not None]


class Webhooks:
    """A studio's webhooks: each of its CRM messages the catalogue lists, to every endpoint subscribed to its type."""

    name = CHANNEL_WEBHOOKS

    def withdrawn(self, news: News) -> None:
        return None  # what a tool heard stays heard: a change is more news

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        return webhook_rows(written)


class Automations:
    """A studio's automations: the job that enters the person into each one on and listening for this news."""

    name = CHANNEL_TIMERS

    def withdrawn(self, news: News) -> None:
        return None  # an entry stays: its automation's own conditions decide what it still sends

    def rows(self, news: News, written: list[dict]) -> list[dict]:
        return automation_rows(news.record, written)


# The table. Order: a text follows the WhatsApp message that takes its place; a notice follows the email, text or
# WhatsApp message it repeats; webhooks follow the CRM's messages they carry; automations read the CRM's for the studio.
CHANNELS: tuple[Channel, ...] = (
    Crm(CRM_WRITERS, CRM_SUMMARIES),
    Email(),
    WhatsApp(),
    Text(),
    Notice(),
    Webhooks(),
    Automations(),
)
