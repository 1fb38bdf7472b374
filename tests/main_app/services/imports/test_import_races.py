"""Two imports of the same client at the same moment (two steps on two lanes, or a retried one): one account, one
client record, one opening balance, whatever the interleaving; on SQLite and PostgreSQL, repeated."""

from datetime import date, timedelta

import pytest
from racing import race
from sqlalchemy import func, select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import ClientImport, ImportedClient, Pass, PassLedgerEntry, Studio, User, utcnow
from main_app.services.imports.writing import MADE, OPENED, UNCHANGED, write_row

pytestmark = pytest.mark.both_databases


def _job(app, studio_id: int) -> int:
    with app.app_context(), unit_of_work():
        job = ClientImport(studio_id=studio_id, source="csv", created_at=utcnow())
        db.session.add(job)
        db.session.flush()
        return job.id


@pytest.mark.parametrize("attempt", range(3))
def test_one_client_written_by_two_imports_at_once_comes_in_once(app, shop, attempt):
    email = f"race{attempt}@example.com"
    row = {"name": "Race Client", "email": email, "product_id": shop.pack_id, "credits": 5}
    row["ends_on"] = (date.today() + timedelta(days=30)).isoformat()
    jobs = [_job(app, shop.id), _job(app, shop.id)]

    def write(job_id: int):
        with app.app_context(), unit_of_work():
            return write_row(db.session.get(Studio, shop.id), job_id, row)

    outcomes = race([lambda job_id=job_id: write(job_id) for job_id in jobs])
    assert sorted(outcomes, key=str) == sorted([(MADE, OPENED), (UNCHANGED, None)], key=str)
    with app.app_context():
        person = db.session.scalar(select(User).where(User.email == email))
        assert db.session.scalar(select(func.count()).select_from(ImportedClient)) == 1
        [opened] = db.session.scalars(select(Pass).where(Pass.user_id == person.id))
        ledger = db.session.execute(select(PassLedgerEntry.kind, PassLedgerEntry.credits)).all()
        assert (opened.credits_left, ledger) == (5, [("imported", 5)])
