"""A chunk of a studio export's rows written into the studio: its people found by email or made (without a
password), every other row inserted with this database's ids, each id it names translated through the import's id
maps (the staff it names, who have no rows in the export, become the importing owner). Runs in the caller's unit of
work; only the chunk's ids are in memory."""

import json
from datetime import date, datetime, time

import sqlalchemy as sa
from marshmallow import ValidationError, validate
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from main_app.services.common import NO_PASSWORD

from ...extensions import db
from ...models import ROLE_USER, ImportedClient, StudioImport, StudioImportId, User, utcnow
from .restore_plan import DROPPED, FILE_OF_TABLE, LINKS, LISTS_OF_IDS, NAMED_IDS, REFUND_REFS, table_of

PARSERS = {bool: lambda raw: raw == "true", int: int, datetime: datetime.fromisoformat, date: date.fromisoformat}
PARSERS |= {time: time.fromisoformat, dict: json.loads, list: json.loads}
LOOKUP = 500  # old ids looked up a statement
# What a made account takes from a client's row; anything else (a role, a verified phone) is this install's to give.
PERSON_COLUMNS = frozenset({"name", "other_name", "email", "username", "phone", "reminders_enabled", "created_at"})
EMAIL = validate.Email()
# What is unique across the install, not per studio: an export's rows holding it are here already only when the
# export was imported before (into another studio).
INSTALL_UNIQUE = {"payments": (("provider", "reference"),), "passes": (("subscription_id",), ("import_key",))}


class RowInvalid(ValueError):
    """A row of the export that cannot be written: the import stops and is undone."""


class Restore:
    """One chunk of one file of an import: the ids its rows name, looked up once."""

    def __init__(self, job: StudioImport, studio_id: int):
        self.job, self.studio_id = job, studio_id
        self.ids: dict[str, dict[int, int]] = {}

    def value(self, name: str, column, raw: str):
        """A cell as its column's value, with the id it names translated."""
        if raw == "":
            return None if column.nullable else ""
        if (name, column.key) in DROPPED:
            return None
        kind = _python_type(column)
        parsed = PARSERS[kind](raw) if kind in PARSERS else raw
        target = target_of(name, column)
        if target == "studio":
            return self.studio_id
        if target is not None:
            return self.ids[target].get(parsed, self.job.owner_id if target == "clients" else None)
        if (name, column.key) in LISTS_OF_IDS and isinstance(parsed, list):
            return [self.ids[LISTS_OF_IDS[(name, column.key)]][old] for old in parsed]
        return parsed

    def load(self, name: str, columns: list, rows: list[dict]) -> None:
        """The id maps of every id the rows name, from the import's stored maps."""
        wanted: dict[str, set[int]] = {}
        for column in columns:
            target = target_of(name, column)
            if target not in (None, "studio"):
                wanted.setdefault(target, set()).update(int(row[column.key]) for row in rows if row.get(column.key))
            if (name, column.key) in LISTS_OF_IDS:
                found = (json.loads(row[column.key]) for row in rows if row.get(column.key))
                wanted.setdefault(LISTS_OF_IDS[(name, column.key)], set()).update(i for ids in found for i in ids)
        for row in rows:
            if name == "invoices" and row.get("refund_ref"):
                wanted.setdefault(REFUND_REFS[row["refund_kind"]], set()).add(int(row["refund_ref"]))
        self.ids = {target: self._stored(target, olds) for target, olds in wanted.items()}

    def _stored(self, target: str, olds: set[int]) -> dict[int, int]:
        found, olds = {}, sorted(olds)
        for start in range(0, len(olds), LOOKUP):
            query = select(StudioImportId.old_id, StudioImportId.new_id).where(
                StudioImportId.import_id == self.job.id,
                StudioImportId.file == target,
                StudioImportId.old_id.in_(olds[start : start + LOOKUP]),
            )
            found.update((old, new) for old, new in db.session.execute(query))
        return found


def target_of(name: str, column) -> str | None:
    """The file whose ids the column names ("studio" for the studio's own), or None."""
    for key in column.foreign_keys:
        table = key.column.table.name
        return "studio" if table == "studios" else FILE_OF_TABLE.get(table)
    return NAMED_IDS.get((name, column.key))


def _python_type(column):
    """The Python type a column holds (a TypeDecorator's: its underlying type's)."""
    try:
        return getattr(column.type, "impl", column.type).python_type
    except NotImplementedError:
        return str


def write_rows(job: StudioImport, studio_id: int, name: str, model, rows: list[dict]) -> None:
    """The rows of one file written, their old ids mapped to the new; RowInvalid for a row that cannot be (before
    anything of the chunk is written)."""
    table = table_of(model)
    columns = [column for column in table.columns if column.key != "id"]
    restore = Restore(job, studio_id)
    restore.load(name, columns, rows)
    try:
        values = [_values(restore, name, columns, row) for row in rows]
    except (ValueError, KeyError, TypeError) as exc:
        raise RowInvalid(f"A row of {name}.csv cannot be read ({type(exc).__name__}: {str(exc)[:120]}).") from None
    if model is User:
        _write_people(job, studio_id, values)
        return
    _refuse_taken(name, model, values)
    if name in LINKS:
        db.session.execute(table.insert(), values)
        return
    made = db.session.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), values).scalars()
    _remember(job.id, name, list(zip((int(row["id"]) for row in rows), made, strict=True)))


def _refuse_taken(name: str, model, values: list[dict]) -> None:
    """RowInvalid when a row holds what must be unique across the install and is here already (a payment's
    provider reference, a subscription): the same export imported into a second studio."""
    for columns in INSTALL_UNIQUE.get(name, ()):
        held = {tuple(row[key] for key in columns) for row in values if all(row[key] is not None for key in columns)}
        if not held:
            continue
        keys = sa.tuple_(*(getattr(model, key) for key in columns))
        taken = db.session.execute(select(*(getattr(model, key) for key in columns)).where(keys.in_(held))).first()
        if taken is not None:
            held_here = ", ".join(f"{key} {value}" for key, value in zip(columns, taken, strict=True))
            raise RowInvalid(f"A row of {name}.csv is on this install already ({held_here}).")


def _values(restore: Restore, name: str, columns: list, row: dict) -> dict:
    """A row's values to insert, refused when a column that must hold something is empty (an id the export does
    not hold) or a text is longer than its column."""
    if name == "clients":
        return _person_values(restore, [column for column in columns if column.key in PERSON_COLUMNS], row)
    values = {column.key: _cell(restore, name, column, row) for column in columns}
    return _checked(values, columns, row)


def _person_values(restore: Restore, columns: list, row: dict) -> dict:
    """An account to find or make from a client's row: what a person tells about themselves only, a plain client
    without a password, texts off until they verify their phone here (an export's role or verification is no
    proof on this install)."""
    values = {column.key: restore.value("clients", column, row.get(column.key, "")) for column in columns}
    values = _checked(values | {"email": str(values.get("email") or "").strip().lower()}, columns, row)
    try:
        EMAIL(values["email"])
    except ValidationError:
        raise ValueError(f"row {row.get('id')} has no email address") from None
    return values | {"role": ROLE_USER, "sms_enabled": False, "password_hash": NO_PASSWORD, "id": int(row["id"])}


def _checked(values: dict, columns: list, row: dict) -> dict:
    """values, refused when a column that must hold something is empty or a text is longer than its column."""
    for column in columns:
        if values[column.key] is None and not column.nullable and column.server_default is None:
            raise ValueError(f"row {row.get('id')} names no {column.key} this export holds")
        length = getattr(column.type, "length", None)
        if length and isinstance(values[column.key], str) and len(values[column.key]) > length:
            raise ValueError(f"row {row.get('id')} has a {column.key} longer than {length}")
    return values


def _write_people(job: StudioImport, studio_id: int, values: list[dict]) -> None:
    """Each client found by email or made from its row (its secrets are not in an export), and added to the
    studio's clients; the accounts made and the clients added remembered for an undo."""
    people = []
    for person in values:
        old = person.pop("id")
        found = db.session.scalar(select(User.id).where(User.email == person["email"]))
        made = found is None
        if (
            made
            and person.get("username")
            and db.session.scalar(select(User.id).where(User.username == person["username"]))
        ):
            person["username"] = None  # another account's here: they sign in with their email
        if made:
            found = db.session.execute(sa.insert(User).values(**person).returning(User.id)).scalar_one()
        people.append((old, found, made))
    _remember(job.id, "clients", [(old, new) for old, new, _made in people])
    _remember(job.id, "made", [(new, new) for _old, new, made in people if made])
    _remember(job.id, "book", [(new, new) for new in _add_to_book(studio_id, [new for _old, new, _m in people])])


def _cell(restore: Restore, name: str, column, row: dict):
    if name == "invoices" and column.key == "refund_ref" and row.get("refund_ref"):
        return restore.ids[REFUND_REFS[row["refund_kind"]]][int(row["refund_ref"])]
    return restore.value(name, column, row.get(column.key, ""))


def _add_to_book(studio_id: int, user_ids: list[int]) -> list[int]:
    """The people added to the studio's clients (those it had already are left): the ids added."""
    if not user_ids:
        return []
    insert = pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [{"studio_id": studio_id, "user_id": user_id, "created_at": utcnow()} for user_id in dict.fromkeys(user_ids)]
    statement = insert(ImportedClient).values(rows).on_conflict_do_nothing().returning(ImportedClient.user_id)
    return list(db.session.execute(statement).scalars())


def _remember(import_id: int, file: str, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        rows = [{"import_id": import_id, "file": file, "old_id": old, "new_id": new} for old, new in pairs]
        db.session.execute(sa.insert(StudioImportId), rows)
