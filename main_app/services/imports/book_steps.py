"""A moved studio's client book told to the CRM, the studio import's last steps: the book's clients (their marketing
consent, and a guest's details), the staff's notes on them and their tags, read from the export's three client book
files a chunk a step and sent as client_book_restored messages through the outbox, in pages under the CRM's limit.

Each row names its client by the account this install gave them (or a guest's email); a note or a tag names the
book's row, found by reading the book's file again for the chunk's rows alone, so memory holds one chunk. A row the
book merged into another is not told: its notes and tags go to the row it was merged into, as they did there."""

import json
from pathlib import Path

from sqlalchemy import select

from ...extensions import db
from ...models import StudioImport, StudioImportId
from .. import news
from .studio_files import BOOK_FILES, import_dir, read_rows

PAGE_BYTES = 24_000  # a message's rows, as JSON: well under the CRM's 64 KB body with its envelope


def tell_book(job: StudioImport, file_index: int, size: int) -> bool:
    """The next size rows of the book's file_index'th file told to the CRM (the job's offset moved on): whether more
    of it are left."""
    name = BOOK_FILES[file_index]
    rows, offset, more = read_rows(_path(job, name), job.offset, size)
    if name == "client_book":
        rows = [row for row in rows if not row.get("merged_into_id")]
        book, named = {row["id"]: row for row in rows}, [row["id"] for row in rows]
    else:
        named = [row["client_id"] for row in rows]
        book = _book_rows(job, set(named))
    accounts = _accounts(job, {row["user_id"] for row in book.values() if row.get("user_id")})
    clients = [_client(book, client_id, accounts) for client_id in named]
    items = [client | _facts(name, row) for client, row in zip(clients, rows, strict=True) if client is not None]
    for page in _pages(items):
        news.publish(news.BookRestored(job.studio_id, job.owner_id, name, page))
    job.offset = offset if more else 0
    return more


def _path(job: StudioImport, name: str) -> Path:
    return import_dir(job.id) / f"{name}.jsonl"


def _book_rows(job: StudioImport, ids: set[str]) -> dict:
    """The book's rows with these ids, and the rows those were merged into: {id: row}."""
    found = _scan(job, ids)
    targets = {row["merged_into_id"] for row in found.values() if row.get("merged_into_id")} - set(found)
    return found | (_scan(job, targets) if targets else {})


def _scan(job: StudioImport, ids: set[str]) -> dict:
    found = {}
    with _path(job, "client_book").open("rb") as lines:
        header = json.loads(lines.readline())
        for line in lines:
            row = dict(zip(header, json.loads(line), strict=False))
            if row.get("id") in ids:
                found[row["id"]] = row
    return found


def _accounts(job: StudioImport, old_ids: set[str]) -> dict:
    """{a client's id in the export: the account this install gave them}."""
    wanted = [int(old) for old in old_ids if old.isdigit()]
    found = db.session.execute(
        select(StudioImportId.old_id, StudioImportId.new_id).where(
            StudioImportId.import_id == job.id, StudioImportId.file == "clients", StudioImportId.old_id.in_(wanted)
        )
    )
    return {str(old): new for old, new in found}


def _client(book: dict, client_id: str, accounts: dict) -> dict | None:
    """Whom a row names, as the CRM finds them: {"user_id"} or {"guest_email"}; None for a row merged away, or one
    naming nobody the import brought."""
    row = book.get(client_id)
    if row is not None and row.get("merged_into_id"):
        row = book.get(row["merged_into_id"])
    if row is None or row.get("merged_into_id"):
        return None
    if row.get("user_id"):
        new = accounts.get(row["user_id"])
        return None if new is None else {"user_id": new}
    return {"guest_email": row["guest_email"]} if row.get("guest_email") else None


def _facts(name: str, row: dict) -> dict:
    """What a row brings: a client's consent (and a guest's details), a note, a tag."""
    if name == "client_notes":
        return {key: row.get(key) or None for key in ("author_name", "text", "created_at", "edited_at")}
    if name == "client_tags":
        return {"tag": row["tag"]}
    consent = {"true": True, "false": False}.get(row.get("marketing_consent") or "")
    facts = {"marketing_consent": consent, "consent_at": row.get("consent_at") or None}
    facts["consent_how"] = row.get("consent_how") or None
    if not row.get("user_id"):
        facts |= {key: row.get(key) or None for key in ("name", "email", "phone")}
    return facts


def _pages(items: list[dict]):
    """items in pages of at most PAGE_BYTES of JSON (one item alone when it is larger)."""
    page, size = [], 0
    for item in items:
        length = len(json.dumps(item))
        if page and size + length > PAGE_BYTES:
            yield page
            page, size = [], 0
        page.append(item)
        size += length
    if page:
        yield page
