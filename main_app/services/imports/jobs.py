"""A client import asked for: the file read and checked (a dry run answers with that alone), then its rows that
passed written to a file of their own and the job queued on the timers lane, followed by its progress."""

import json

from sqlalchemy import select

from main_app.services import studios

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, ClientImport, ImportedClient, Studio, StudioMember, User, utcnow
from .formats import KIND_CLIENTS, detect, fields_of, suggest
from .reading import check_rows, parse
from .steps import queue_step, rows_path

MAX_ERRORS, PREVIEW_ROWS, LOOKUP = 500, 20, 500  # errors and rows an answer shows; emails looked up a statement


def check_file(studio: Studio, body: dict) -> tuple[dict, list]:
    """The file read, mapped and checked, nothing written: (what an import of it would do with every row's error,
    the rows that passed)."""
    headers, rows = parse(body["csv"])
    kind, source = body.get("kind", KIND_CLIENTS), body.get("source") or detect(headers)
    mapping = body.get("mapping") or suggest(source, headers, kind)
    if unknown_fields := sorted(set(mapping) - set(fields_of(kind))):
        raise api_error("import_mapping_invalid.field", kind=kind, fields=", ".join(unknown_fields))
    unknown = sorted(set(mapping.values()) - set(headers))
    if unknown:
        raise api_error("import_mapping_invalid", columns=", ".join(unknown))
    if "email" not in mapping:
        raise api_error("import_mapping_invalid.no_email")
    day_first = body.get("day_first", source != "mindbody")  # Mindbody writes 12/31/2026
    checked = check_rows(studio, rows, mapping, day_first, keep=MAX_ERRORS, kind=kind)
    passed, staff_errors, known = _against_accounts(checked.passed, studio.id)
    # Each list is in line order: the first MAX_ERRORS of both, by line, are among their first MAX_ERRORS each.
    errors = sorted(checked.errors + staff_errors[:MAX_ERRORS], key=lambda error: error["line"])
    found = {
        "kind": kind,
        "source": source,
        "headers": headers,
        "mapping": mapping,
        "day_first": day_first,
        "rows_total": checked.rows_total,
        "rows_ok": len(passed),
        "new_accounts": len({row.email for row in passed} - known),
        "passes": sum(row.product_id is not None for row in passed),
        "bookings": sum(row.session_id is not None for row in passed),
        "errors_total": checked.errors_total + len(staff_errors),
        "errors": errors[:MAX_ERRORS],
        "preview": [row.as_json() for row in passed[:PREVIEW_ROWS]],
        "fields": fields_of(kind),
    }
    return found, passed


def _against_accounts(passed: list, studio_id: int) -> tuple[list, list, set]:
    """The rows whose email is a staff account's, or one of the studio's team's, set apart as errors: (rows, errors,
    emails with an account)."""
    roles, team = {}, set()
    member = select(StudioMember.user_id).where(StudioMember.studio_id == studio_id, StudioMember.user_id == User.id)
    for start in range(0, len(passed), LOOKUP):
        emails = [row.email for row in passed[start : start + LOOKUP]]
        found = select(User.email, User.role, member.exists()).where(User.email.in_(emails))
        for email, role, is_member in db.session.execute(found):
            roles[email] = role
            if is_member:
                team.add(email)
    staff = {email for email, role in roles.items() if role != ROLE_USER} | team
    message = "This email is a staff account's: it cannot be a client."
    errors = [{"line": row.line, "field": "email", "message": message} for row in passed if row.email in staff]
    return [row for row in passed if row.email not in staff], errors, set(roles)


def dry_run(studio: Studio, body: dict) -> dict:
    """What importing the file would do (POST …/client-imports with dry_run): nothing is written."""
    return check_file(studio, body)[0]


def start_import(studio: Studio, actor: studios.Actor, body: dict) -> dict:
    """The file checked again and its rows that passed queued for writing: the job, with the check's answer."""
    checked, passed = check_file(studio, body)
    with unit_of_work():
        job = ClientImport(studio_id=studio.id, requested_by=actor.user_id, source=checked["source"])
        job.kind, job.rows_total, job.created_at = checked["kind"], len(passed), utcnow()
        db.session.add(job)
        db.session.flush()
        path = rows_path(job.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(row.as_json()) + "\n" for row in passed), encoding="utf-8")
        queue_step(job.id)
        after = {"import_id": job.id, "kind": job.kind, "rows": len(passed), "errors": checked["errors_total"]}
        studios.record(studio.id, actor, "clients.imported", ("studio", studio.id), None, after)
    return document(job) | {"check": checked}


def document(job: ClientImport) -> dict:
    """An import as the API shows it: its progress and what its rows came to."""
    names = ("id", "status", "kind", "source", "rows_total", "rows_done", "accounts_made", "clients_found")
    names += ("passes_opened", "bookings_made", "unchanged", "refused", "failure")
    found = {name: getattr(job, name) for name in names}
    return found | {
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at and job.finished_at.isoformat(),
    }


def client_import(studio_id: int, import_id: int) -> dict:
    """One of the studio's client imports; 404 import_not_found for any other (another studio's looks like none)."""
    job = db.session.get(ClientImport, import_id)
    if job is None or job.studio_id != studio_id:
        raise api_error("import_not_found", import_id=import_id)
    return document(job)


def imported_clients(studio_id: int):
    """The ids of the people imports brought to the studio (a SELECT, for the studio's client lists)."""
    return select(ImportedClient.user_id).where(ImportedClient.studio_id == studio_id)
