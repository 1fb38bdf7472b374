"""A studio export read back into an empty studio of this install: its people found by email or made (without a
password), every other row written anew with this database's ids, each id it names translated (the staff it names,
who have no rows in the export, become the importing owner). A working step of the studio import: it runs in the
caller's unit of work and keeps its id maps in memory."""

import csv
import io
import json
import zipfile
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy import func, select

from main_app.services.common import NO_PASSWORD

from ...error_codes import api_error
from ...extensions import db
from ...models import Event, PassProduct, Studio, User
from .restore_plan import DROPPED, FILE_OF_TABLE, LISTS_OF_IDS, NAMED_IDS, ORDER, REFUND_REFS

FORMAT, VERSIONS = "booking-platform/studio-export", (1, 2)
CHUNK = 1000  # rows written in one statement
PARSERS = {bool: lambda raw: raw == "true", int: int, datetime: datetime.fromisoformat, date: date.fromisoformat}
PARSERS |= {time: time.fromisoformat, dict: json.loads, list: json.loads}


class Restore:
    """One export being read into one studio: the id maps, file by file."""

    def __init__(self, studio: Studio, owner_id: int):
        self.studio, self.owner_id = studio, owner_id
        self.ids: dict[str, dict[int, int]] = {name: {} for name, _model in ORDER}

    def value(self, name: str, column, raw: str):
        """A cell as its column's value, with the id it names translated."""
        if raw == "":
            return None if column.nullable else ""
        if (name, column.key) in DROPPED:
            return None
        kind = _python_type(column)
        parsed = PARSERS[kind](raw) if kind in PARSERS else raw
        target = self._target(name, column)
        if target == "studio":
            return self.studio.id
        if target is not None:
            return self.ids[target].get(parsed, self.owner_id if target == "clients" else None)
        if (name, column.key) in LISTS_OF_IDS and isinstance(parsed, list):
            return [self.ids[LISTS_OF_IDS[(name, column.key)]][old] for old in parsed]
        return parsed

    def _target(self, name: str, column) -> str | None:
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


def _rows(archive: zipfile.ZipFile, name: str):
    """The file's rows as dicts of its cells, streamed from the ZIP."""
    with archive.open(f"{name}.csv") as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


def restore_studio(studio: Studio, owner_id: int, path) -> dict:
    """Read the export at path into the empty studio, in the caller's unit of work: {file: rows written}. 400
    import_file_invalid for another format, 409 studio_not_empty when the studio has events or passes already."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT or manifest.get("version") not in VERSIONS:
            raise api_error("import_file_invalid", reason="it is not a studio export this version reads")
        _require_empty(studio.id)
        restore = Restore(studio, owner_id)
        written = {name: _write_file(restore, archive, name, model) for name, model in ORDER}
    return written


def _require_empty(studio_id: int) -> None:
    for model in (Event, PassProduct):
        if db.session.scalar(select(func.count()).select_from(model).where(model.studio_id == studio_id)):
            raise api_error("studio_not_empty")


def _write_file(restore: Restore, archive: zipfile.ZipFile, name: str, model) -> int:
    """Every row of one file written, a chunk a statement; its old ids mapped to the new."""
    columns = [column for column in model.__table__.columns if column.key != "id"]
    chunk, count = [], 0
    for row in _rows(archive, name):
        if chunk and _names_unwritten(restore, name, row):  # a credit note of an invoice in this very chunk
            count += _write_chunk(restore, name, model, columns, chunk)
            chunk = []
        chunk.append(row)
        if len(chunk) == CHUNK:
            count += _write_chunk(restore, name, model, columns, chunk)
            chunk = []
    return count + (_write_chunk(restore, name, model, columns, chunk) if chunk else 0)


def _names_unwritten(restore: Restore, name: str, row: dict) -> bool:
    """Whether the row names a row of its own file not written yet (an invoice's credit note)."""
    credited = row.get("credits_id") if name == "invoices" else None
    return bool(credited) and int(credited) not in restore.ids[name]


def _write_chunk(restore: Restore, name: str, model, columns: list, rows: list[dict]) -> int:
    """One chunk of a file's rows: people found by email or made, the rest inserted; their ids mapped."""
    if model is User:
        for row in rows:
            restore.ids[name][int(row["id"])] = _person(restore, columns, row)
        return len(rows)
    values = [{column.key: _cell(restore, name, column, row) for column in columns} for row in rows]
    table = model.__table__
    made = db.session.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), values).scalars()
    restore.ids[name].update(zip((int(row["id"]) for row in rows), made, strict=True))
    return len(rows)


def _cell(restore: Restore, name: str, column, row: dict):
    if name == "invoices" and column.key == "refund_ref" and row.get("refund_ref"):
        return restore.ids[REFUND_REFS[row["refund_kind"]]][int(row["refund_ref"])]
    return restore.value(name, column, row.get(column.key, ""))


def _person(restore: Restore, columns: list, row: dict) -> int:
    """The account with the row's email, or one made from the row (its secrets are not in an export)."""
    found = db.session.scalar(select(User.id).where(User.email == row["email"]))
    if found is not None:
        return found
    values = {column.key: restore.value("clients", column, row[column.key]) for column in columns if column.key in row}
    values["password_hash"] = NO_PASSWORD
    return db.session.execute(sa.insert(User).values(**values).returning(User.id)).scalar_one()
