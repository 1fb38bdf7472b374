"""A studio's forms as its staff write them: a draft they edit, and versions they publish, each frozen with the
SHA-256 of its words; a version is never edited and never deleted, and the newest is the one people sign."""

import hashlib
import json

from sqlalchemy import func, select

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import FormDocument, FormVersion, Studio, utcnow
from ...plumbing import lock

DRAFT_FIELDS = ("kind", "title", "body", "questions", "required_before_first_booking")


def frozen_hash(kind: str, title: str, body: str, questions: list) -> str:
    """The SHA-256 (hex) of a version's words: its kind, title, body and questions as canonical JSON in UTF-8."""
    words = {"kind": kind, "title": title, "body": body, "questions": questions}
    canonical = json.dumps(words, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def numbered(questions: list[dict]) -> list[dict]:
    """The questions with their ids (q1, q2, ...), in the order given: answers name them."""
    return [
        {"id": f"q{n}", "label": q["label"], "kind": q["kind"], "required": q.get("required", True)}
        for n, q in enumerate(questions, start=1)
    ]


def version_document(version: FormVersion | None) -> dict | None:
    """A published version as the API shows it."""
    if version is None:
        return None
    return {
        "id": version.id,
        "number": version.number,
        "title": version.title,
        "body": version.body,
        "questions": version.questions,
        "sha256": version.sha256,
        "published_at": version.published_at,
    }


def form_document(form: FormDocument) -> dict:
    """A form as its studio's staff see it: the draft and the version people sign now."""
    current = db.session.get(FormVersion, form.current_version_id) if form.current_version_id else None
    draft = {name: getattr(form, name) for name in DRAFT_FIELDS}
    return {"id": form.id, **draft, "current_version": version_document(current), "updated_at": form.updated_at}


def studio_forms(studio: Studio) -> list[dict]:
    """The studio's forms, oldest first."""
    found = db.session.scalars(select(FormDocument).where(FormDocument.studio_id == studio.id).order_by("id"))
    return [form_document(form) for form in found]


def studio_form(studio: Studio, form_id: int) -> FormDocument:
    """The studio's form; 404 form_not_found otherwise (another studio's looks like none)."""
    form = db.session.get(FormDocument, form_id)
    if form is None or form.studio_id != studio.id:
        raise api_error("form_not_found")
    return form


def create_form(studio: Studio, fields: dict) -> dict:
    """A new form of the studio's, a draft until its first version is published."""
    with unit_of_work(keep_loaded=True):
        form = FormDocument(studio_id=studio.id, **{**fields, "questions": numbered(fields.get("questions", []))})
        db.session.add(form)
        db.session.flush()
    return form_document(form)


def edit_draft(studio: Studio, form_id: int, fields: dict) -> dict:
    """Change the form's draft (and its rule); the published versions stay as they were."""
    with unit_of_work(keep_loaded=True):
        form = studio_form(studio, form_id)
        if "questions" in fields:
            fields = {**fields, "questions": numbered(fields["questions"])}
        for name, value in fields.items():
            setattr(form, name, value)
        form.updated_at = utcnow()
    return form_document(form)


def publish(studio: Studio, form_id: int, publisher_id: int) -> dict:
    """Freeze the draft as the form's next version, the one people sign from now on: its row locked (the lock
    order's place of forms), so a signature being given waits and then finds its version outdated."""
    with unit_of_work(keep_loaded=True):
        studio_form(studio, form_id)
        lock(FormDocument, [form_id])
        form = db.session.get(FormDocument, form_id, populate_existing=True)
        digest = frozen_hash(form.kind, form.title, form.body, form.questions)
        current = db.session.get(FormVersion, form.current_version_id) if form.current_version_id else None
        if current is not None and current.sha256 == digest:
            raise api_error("form_unchanged")
        last = db.session.scalar(select(func.max(FormVersion.number)).where(FormVersion.document_id == form.id))
        version = FormVersion(
            document_id=form.id, number=(last or 0) + 1, title=form.title, body=form.body,
            questions=list(form.questions), sha256=digest, published_by=publisher_id, published_at=utcnow(),
        )  # fmt: skip
        db.session.add(version)
        db.session.flush()
        form.current_version_id = version.id
    return form_document(form)
