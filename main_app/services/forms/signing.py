"""People signing a studio's forms: the version they read, if it is still the one people sign (checked with the
form's row locked, so a version published meanwhile refuses it), with their answers checked against its questions;
what each person has signed, and whether a studio's forms are signed, missing or outdated for them."""

from sqlalchemy import select

from main_app.services import news
from main_app.services.family import child_of

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import FormDocument, FormSignature, FormVersion, Studio, utcnow
from ...plumbing import lock
from ..languages import gettext
from .documents import version_document
from .errors import invalid

USER_AGENT_MOST = 300
TEXT_ANSWER_MOST = 2000


def _check_answers(questions: list[dict], answers: dict) -> dict:
    """The answers, if each names one of the version's questions with a value of its kind and every required one is
    answered; 400 otherwise."""
    kinds = {q["id"]: q["kind"] for q in questions}
    if unknown := sorted(set(answers) - set(kinds)):
        raise invalid("answers", gettext("No such question: %(ids)s.", ids=", ".join(unknown)))
    for question in questions:
        value = answers.get(question["id"])
        if value is None:
            if question["required"]:
                raise invalid("answers", gettext("Answer question %(label)s.", label=question["label"]))
            continue
        good = isinstance(value, bool) if question["kind"] == "yes_no" else isinstance(value, str)
        if not good or (isinstance(value, str) and not 0 < len(value.strip()) <= TEXT_ANSWER_MOST):
            raise invalid("answers", gettext("Not an answer to question %(label)s.", label=question["label"]))
    return {key: value for key, value in answers.items() if value is not None}


def _open_form(form_id: int) -> FormDocument:
    """The form, if its studio is open; 404 form_not_found otherwise."""
    form = db.session.get(FormDocument, form_id, populate_existing=True)
    studio = db.session.get(Studio, form.studio_id) if form else None
    if studio is None or studio.closed_at is not None:
        raise api_error("form_not_found")
    return form


def sign(user_id: int, form_id: int, signed: dict, remote_addr: str | None, user_agent: str | None) -> dict:
    """Sign the version of the form the person read (signed: version_id, full_name, signature PNG, answers, and
    dependent_id: for that child of their family, 404 dependent_not_found for any other): 409 form_version_outdated
    when another is current, decided with the form's row locked (as publishing locks it)."""
    _check_child(user_id, signed)
    return _signed(user_id, form_id, signed, remote_addr, user_agent)


def _check_child(user_id: int, signed: dict) -> None:
    """404 dependent_not_found when the signature is for a child not of the person's family."""
    if (dependent_id := signed.get("dependent_id")) is not None:
        with unit_of_work():
            child_of(user_id, dependent_id)


def collect(studio: Studio, user_id: int, form_id: int, signed: dict, collector_id: int, at: tuple) -> dict:
    """A signature the studio's desk collects on its screen from a client who is there (the caller checked they are
    the studio's): as sign() (at: the request's address and user agent), recorded with who collected it; 404
    form_not_found for another studio's form."""
    if (form := db.session.get(FormDocument, form_id)) is None or form.studio_id != studio.id:
        raise api_error("form_not_found")
    _check_child(user_id, signed)  # a child of the client's family, signed for by the client at the desk
    return _signed(user_id, form_id, signed, *at, collected_by=collector_id)


def _signed(user_id: int, form_id: int, signed: dict, remote_addr, user_agent, collected_by=None) -> dict:
    """The signature of the form's current version, given with its row locked; 409 when the version read is not."""
    with unit_of_work(keep_loaded=True):
        lock(FormDocument, [form_id])
        form = _open_form(form_id)
        if form.current_version_id is None:  # a draft is nobody's to sign: it looks like no form
            raise api_error("form_not_found")
        if form.current_version_id != signed["version_id"]:
            raise api_error("form_version_outdated", details={"current_version_id": form.current_version_id})
        version = db.session.get(FormVersion, form.current_version_id)
        signature = FormSignature(
            user_id=user_id, studio_id=form.studio_id, document_id=form.id, version_id=version.id,
            version_sha256=version.sha256, full_name=signed["full_name"],
            answers=_check_answers(version.questions, signed.get("answers", {})), signature_png=signed["signature"],
            ip_address=remote_addr, user_agent=(user_agent or "")[:USER_AGENT_MOST] or None, signed_at=utcnow(),
            collected_by=collected_by, dependent_id=signed.get("dependent_id"),
        )  # fmt: skip
        db.session.add(signature)
        db.session.flush()
        news.publish(news.FormSigned(form.studio_id, user_id, signature.id))  # the studio's automations hear it
    return signature_document(signature)


def signature_document(signature: FormSignature) -> dict:
    """A signature as its signer and the studio's staff see it (the drawn image comes with the PDF only)."""
    return {
        "id": signature.id,
        "form_id": signature.document_id,
        "version_id": signature.version_id,
        "version_sha256": signature.version_sha256,
        "full_name": signature.full_name,
        "answers": signature.answers,
        "signed_at": signature.signed_at,
        "collected_by": signature.collected_by,
        "dependent_id": signature.dependent_id,
    }


def signed_by(user_id: int, dependent_id: int | None = None) -> tuple:
    """The signatures that are the person's own (not those they gave for a child), or (dependent_id) the child's."""
    if dependent_id is None:
        return (FormSignature.user_id == user_id, FormSignature.dependent_id.is_(None))
    return (FormSignature.dependent_id == dependent_id,)


def _newest_signed(user_id: int, studio_id: int, dependent_id: int | None = None) -> dict[int, FormSignature]:
    """The person's own newest signature of each of the studio's forms (dependent_id: the child's, by a guardian),
    by form id."""
    rows = db.session.scalars(
        select(FormSignature)
        .where(*signed_by(user_id, dependent_id), FormSignature.studio_id == studio_id)
        .order_by(FormSignature.id)
    )
    return {row.document_id: row for row in rows}


def status(current_version_id: int, newest: FormSignature | None) -> str:
    """current: the version people sign now is signed; outdated: an older one only; missing: none."""
    if newest is None:
        return "missing"
    return "current" if newest.version_id == current_version_id else "outdated"


def my_forms(user_id: int, studio_slug: str, dependent_id: int | None = None) -> list[dict]:
    """The open studio's published forms, each with its current version and whether the person signed it (for the
    child dependent_id of their family: whether a guardian signed it for them; 404 dependent_not_found for another)."""
    if dependent_id is not None:
        child_of(user_id, dependent_id)
    studio = db.session.scalar(select(Studio).where(Studio.slug == studio_slug, Studio.closed_at.is_(None)))
    if studio is None:
        raise api_error("studio_not_found")
    forms = db.session.scalars(
        select(FormDocument)
        .where(FormDocument.studio_id == studio.id, FormDocument.current_version_id.is_not(None))
        .order_by(FormDocument.id)
    )
    newest = _newest_signed(user_id, studio.id, dependent_id)
    return [
        {
            "id": form.id,
            "kind": form.kind,
            "required_before_first_booking": form.required_before_first_booking,
            "current_version": version_document(db.session.get(FormVersion, form.current_version_id)),
            "status": status(form.current_version_id, newest.get(form.id)),
        }
        for form in forms
    ]


def my_signatures(user_id: int) -> list[dict]:
    """Every signature the person gave, newest first."""
    rows = db.session.scalars(
        select(FormSignature).where(FormSignature.user_id == user_id).order_by(FormSignature.id.desc())
    )
    return [signature_document(row) for row in rows]


def client_signatures(studio: Studio, user_id: int) -> list[dict]:
    """The signatures a person gave the studio's forms, newest first (for its staff)."""
    rows = db.session.scalars(
        select(FormSignature)
        .where(FormSignature.studio_id == studio.id, FormSignature.user_id == user_id)
        .order_by(FormSignature.id.desc())
    )
    return [signature_document(row) for row in rows]


def my_signature(user_id: int, signature_id: int) -> FormSignature:
    """One of the person's signatures; 404 form_signature_not_found otherwise (anyone else's too)."""
    return _signature_of(user_id, signature_id)


def client_signature(studio: Studio, user_id: int, signature_id: int) -> FormSignature:
    """One signature the client gave the studio's forms (for its staff's signed copy); 404 form_signature_not_found
    for any other (another client's, another studio's)."""
    return _signature_of(user_id, signature_id, studio.id)


def _signature_of(user_id: int, signature_id: int, studio_id: int | None = None) -> FormSignature:
    """The signature if user_id gave it (to studio_id's forms, when named); else 404 form_signature_not_found."""
    found = db.session.get(FormSignature, signature_id)
    if found is None or found.user_id != user_id or studio_id not in (None, found.studio_id):
        raise api_error("form_signature_not_found")
    return found
