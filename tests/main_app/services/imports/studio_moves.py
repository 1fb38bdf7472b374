"""A studio's move between installs, as the tests see it: its export written by an install's timers lane, and an
export's files read with each id as the position of the row it names, so two exports of one studio compare equal."""

import csv
import io
import json
import zipfile
from pathlib import Path

from money_check import money_disagreements
from sqlalchemy import func, select

from main_app.extensions import db
from main_app.lanes import build_dispatcher
from main_app.models import CHANNEL_TIMERS, Pass, PassLedgerEntry, StudioExport
from main_app.services import exports, studios
from main_app.services.imports.restore_plan import DROPPED, FILE_OF_TABLE, NAMED_IDS, ORDER, REFUND_REFS, table_of
from main_app.services.imports.restore_plan import LISTS_OF_IDS as LISTS


def balanced(app) -> None:
    """The money checks on an install: payment plans agree with their money, packs with their ledgers."""
    assert money_disagreements(app) == []
    with app.app_context():
        summed = select(func.coalesce(func.sum(PassLedgerEntry.credits), 0)).where(PassLedgerEntry.pass_id == Pass.id)
        packs = db.session.execute(select(Pass.credits_left, summed.scalar_subquery())).all()
        db.session.rollback()
    assert all(left == total for left, total in packs if left is not None)


def drain_lane(app, channel: str = CHANNEL_TIMERS) -> None:
    """Everything due on one of the app's lanes delivered (its timers' by default)."""
    with app.app_context():
        lane = build_dispatcher(app.config, channel=channel)
        try:
            while lane.run_once() and not lane.down:
                pass
        finally:
            lane.close()


def export(app, studio_id: int, actor_id: int) -> Path:
    """The studio's export, written by the app's timers lane: the ZIP's path."""
    with app.app_context():
        job = exports.start_export(studio_id, studios.Actor(actor_id, "owner", None))
    drain_lane(app)
    with app.app_context():
        done = db.session.get(StudioExport, job["id"])
        assert done.status == "ready", done.failure
        return Path(app.config["EXPORTS_DIR"]) / done.file_name


def _target(name: str, column) -> str | None:
    """The file a column's ids are of ("studio": the studio's own), as the format's description says."""
    for key in column.foreign_keys:
        return "studio" if key.column.table.name == "studios" else FILE_OF_TABLE.get(key.column.table.name)
    return NAMED_IDS.get((name, column.key)) or LISTS.get((name, column.key))


def canonical(path: Path) -> dict:
    """Every restored file's rows with each id read as the position of the row it names in its file ("staff" for
    a person the export does not hold); the columns this format does not carry left out."""
    with zipfile.ZipFile(path) as archive:
        files = {name: _read(archive, name) for name, _model in ORDER}
    with_ids = {name for name, model in ORDER if "id" in table_of(model).c}
    rank = {name: {row["id"]: n for n, row in enumerate(rows)} for name, rows in files.items() if name in with_ids}
    found = {}
    for name, model in ORDER:
        targets = {column.key: _target(name, column) for column in table_of(model).columns}
        rows = [_canonical_row(name, row, targets, rank) for row in files[name]]
        found[name] = rows if name in rank else sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
    return found


def _canonical_row(name: str, row: dict, targets: dict, rank: dict) -> dict:
    canon = {}
    for key, value in row.items():
        target = REFUND_REFS.get(row.get("refund_kind")) if key == "refund_ref" else targets.get(key)
        if (name, key) in DROPPED or not value:
            canon[key] = value if (name, key) not in DROPPED else None
        elif key == "id":
            canon[key] = rank[name][value]
        elif (name, key) in LISTS:
            canon[key] = [rank["events"][str(old)] for old in json.loads(value)]
        elif target == "studio":
            canon[key] = "studio"
        elif target is not None:
            canon[key] = rank[target].get(value, "staff")
        else:
            canon[key] = value
    return canon


def _read(archive: zipfile.ZipFile, name: str) -> list[dict]:
    rows = csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8")))
    return sorted(rows, key=lambda row: int(row.get("id") or 0))  # a file of pairs keeps its order: sorted later
