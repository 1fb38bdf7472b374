"""A client import's file read and checked, row by row, before anything is written: each row becomes the client it
names (and the pass balance it brings) or an error per field, with its line, so a dry run shows every problem at
once and the import itself writes only rows that passed."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from marshmallow import ValidationError, validate
from sqlalchemy import select

from main_app.services.accounts import mobile_number
from main_app.services.common import written_name
from service_kit.json_input import text_problem

from ...error_codes import api_error
from ...extensions import db
from ...models import PASS_PACK, PassProduct
from .booking_rows import class_of, upcoming_classes
from .formats import KIND_BOOKINGS

EMAIL = validate.Email()
MAX_NAME, MAX_CREDITS = 200, 1000
SAME_ROW = {
    "clients": "The same email as line {first}: one row per client.",
    "bookings": "The same client and class as line {first}: one row per booking.",
}
ISO_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d %b %Y", "%b %d, %Y", "%d %B %Y")


@dataclass(frozen=True)
class Rules:
    """What a row is checked against: the studio's passes by name, how slashed dates read, and its today."""

    products: dict
    day_first: bool
    today: date
    timezone: str
    classes: dict | None = None  # a bookings file's: the studio's upcoming classes (booking_rows.upcoming_classes)


@dataclass(frozen=True)
class ClientRow:
    """A row that passed: the client and, when the row brings one, the pass balance to open."""

    line: int
    name: str
    email: str
    phone: str | None
    other_name: str | None = None  # their name in another script, if the file gives it
    product_id: int | None = None
    credits: int | None = None
    ends_on: str | None = None  # ISO date: a pack's last day, a membership's next renewal
    session_id: int | None = None  # a bookings file's: the class booked, and when it starts (ISO 8601, UTC)
    class_starts: str | None = None

    def as_json(self) -> dict:
        return {key: value for key, value in self.__dict__.items() if value is not None}


@dataclass
class Checked:
    """A file's check: the rows that passed, the first errors (with their line, field and message) and the counts."""

    passed: list[ClientRow]
    errors: list[dict]
    rows_total: int = 0
    errors_total: int = 0


def parse(text: str) -> tuple[list[str], Iterator[dict]]:
    """The file's headers and its rows ({header: cell}), read as they are asked for (a row's cells are not kept
    after its check); 400 import_file_invalid for an empty file, or while reading one too long."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    headers = [header.strip() for header in reader.fieldnames or []]
    if not any(headers):
        raise api_error("import_file_invalid", reason="it has no header row")
    reader.fieldnames = headers
    return headers, _bounded(reader, current_app.config["CLIENT_IMPORT_MAX_ROWS"])


def _bounded(rows: Iterator[dict], most: int) -> Iterator[dict]:
    for count, row in enumerate(rows):
        if count == most:
            raise api_error("import_file_invalid", reason=f"it has more than {most:,} rows; split it")
        yield row


def check_rows(studio, rows: Iterable[dict], mapping: dict, day_first: bool, keep: int, kind: str) -> Checked:
    """Each row of a file of kind (clients or bookings) mapped and checked: the rows that passed, and the first keep
    errors of the others."""
    today = datetime.now(ZoneInfo(studio.timezone)).date()
    rules = Rules(_products(studio.id), day_first, today, studio.timezone)
    if kind == KIND_BOOKINGS:
        rules = replace(rules, products={}, classes=upcoming_classes(studio.id))
    seen: dict[tuple, int] = {}
    checked = Checked([], [])
    for index, raw in enumerate(rows):
        line = index + 2  # the header is line 1
        values = {field: (raw.get(header) or "").strip() for field, header in mapping.items()}
        found, problems = _check(values, rules)
        if found is not None and (first := seen.setdefault(_once(found), line)) != line:
            problems.append(("email", SAME_ROW[kind].format(first=first)))
        checked.rows_total += 1
        checked.errors_total += len(problems)
        if problems:
            room = max(0, keep - len(checked.errors))
            checked.errors += [{"line": line, "field": f, "message": m} for f, m in problems[:room]]
        else:
            checked.passed.append(ClientRow(line=line, **found))
    return checked


def _once(found: dict) -> tuple:
    """What a file names once: a client (a clients file), a client's seat in a class (a bookings file)."""
    return found["email"], found.get("session_id")


def _products(studio_id: int) -> dict:
    """The studio's passes (on sale or retired) by their name, compared ignoring case."""
    found = db.session.scalars(select(PassProduct).where(PassProduct.studio_id == studio_id))
    return {" ".join(product.name.lower().split()): product for product in found}


def _check(values: dict, rules: "Rules") -> tuple[dict | None, list]:
    """One row's client and balance, and what is wrong with it: (found or None, [(field, message)])."""
    problems = [(field, problem) for field, value in values.items() if (problem := text_problem(value))]
    if problems:
        return None, problems
    email = values.get("email", "").lower()
    try:
        EMAIL(email)
    except ValidationError:
        problems.append(("email", "Not an email address." if email else "No email: a client is found or made by it."))
    name = values.get("name") or " ".join(filter(None, (values.get("first_name"), values.get("last_name"))))
    names = {"name": written_name(name), "other_name": written_name(values.get("other_name") or "") or None}
    too_long = [field for field, text in names.items() if len(text or "") > MAX_NAME]
    problems += [(field, f"Longer than {MAX_NAME} characters.") for field in too_long]
    phone = None
    if values.get("phone"):
        try:
            phone = mobile_number(values["phone"], current_app.config["PHONE_DEFAULT_REGION"])
        except ValueError as exc:
            problems.append(("phone", str(exc)))
    brings = _balance(values, rules, problems) if rules.classes is None else class_of(values, rules, problems)
    if problems:
        return None, problems
    return {**names, "name": names["name"] or email.split("@")[0], "email": email, "phone": phone, **brings}, problems


def _balance(values: dict, rules: "Rules", problems: list) -> dict:
    """The pass balance a row brings ({} for none), adding to problems what is wrong with it."""
    wanted = " ".join(values.get("pass_name", "").lower().split())
    if not wanted:
        return {}
    product = rules.products.get(wanted)
    if product is None:
        problems.append(("pass_name", f"No pass of this studio is called {values['pass_name']!r}: make it first."))
        return {}
    ends_on = _date(values.get("pass_ends", ""), rules, problems)
    if product.kind != PASS_PACK:
        if ends_on is None and not any(field == "pass_ends" for field, _ in problems):
            problems.append(("pass_ends", "A membership needs its next renewal date."))
        return {"product_id": product.id, "ends_on": ends_on and ends_on.isoformat()}
    credits = _credits(values.get("credits_left", ""), problems)
    if credits == 0:
        return {}  # nothing left to carry over: the client comes in without it
    ends_on = ends_on or rules.today + timedelta(days=product.valid_days)
    return {"product_id": product.id, "credits": credits, "ends_on": ends_on.isoformat()}


def _credits(raw: str, problems: list) -> int | None:
    """A pack's credits left: a whole number from 0 to MAX_CREDITS."""
    if not re.fullmatch(r"\d{1,4}(\.0+)?", raw) or int(float(raw)) > MAX_CREDITS:
        problems.append(("credits_left", f"Give the credits left as a whole number from 0 to {MAX_CREDITS}."))
        return None
    return int(float(raw))


def _date(raw: str, rules: "Rules", problems: list) -> date | None:
    """A date in ISO 8601, 27 Nov 2026, or with slashes (day first or month first, as the import says)."""
    if not raw:
        return None
    slashed = "%d/%m/%Y" if rules.day_first else "%m/%d/%Y"
    for pattern in (*ISO_FORMATS, slashed, slashed.replace("%Y", "%y")):
        try:
            found = datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
        if found < rules.today:
            problems.append(("pass_ends", f"{raw} has passed: nothing is left to bring over."))
            return None
        return found
    problems.append(("pass_ends", f"Not a date: {raw!r} (write it as 2026-12-31)."))
    return None
