"""A hook run just before each unit's commit, in its transaction (UnitOfWork.before_commits: a keyed write takes its
key with its first commit): every unit still commits when it ends, seen at once by other connections."""

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from service_kit.database import COMMITTING, UnitOfWork, make_db

pytestmark = pytest.mark.both_databases

db = make_db()
unit_of_work = UnitOfWork(db)


class Note(db.Model):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(50), unique=True)


@pytest.fixture
def app(kit_app):
    return kit_app(db)


@pytest.fixture
def commits(app):
    """What each commit carried (the notes in the session's transaction), in order."""
    seen = []

    def record(session):
        assert session.info.get(COMMITTING)
        seen.append(sorted(n.text for n in session.new if isinstance(n, Note)))

    sa.event.listen(db.session, "before_commit", record)
    yield seen
    sa.event.remove(db.session, "before_commit", record)


def notes(app) -> list[str]:
    """What another connection sees committed."""
    with app.app_context(), db.engine.connect() as conn:
        return list(conn.scalars(sa.select(Note.text).order_by(Note.id)))


def add(text: str) -> None:
    db.session.add(Note(text=text))


def test_each_unit_commits_when_it_ends_with_the_hook_in_its_transaction(app, commits):
    with app.app_context(), unit_of_work.before_commits(lambda: add(f"before {len(commits)}")):
        with unit_of_work():
            add("hold")
        # Seen at once from another connection (a webhook calling back into the API before the request ends).
        assert notes(app) == ["hold", "before 0"]
        with unit_of_work():
            add("record")
    assert commits == [["before 0", "hold"], ["before 1", "record"]]
    assert notes(app) == ["hold", "before 0", "record", "before 1"]


def test_a_failing_hook_rolls_its_unit_back(app):
    def taken():
        raise LookupError("the key is taken")

    with app.app_context():
        with pytest.raises(LookupError), unit_of_work.before_commits(taken), unit_of_work():
            add("booking")
        with unit_of_work():  # the session goes on, without the failed unit's changes, and without the hook
            add("later")
    assert notes(app) == ["later"]


def test_a_nested_unit_runs_the_hook_once_with_the_outer_commit(app, commits):
    with app.app_context(), unit_of_work.before_commits(lambda: add("claim")), unit_of_work():
        add("outer")
        with unit_of_work():
            add("inner")
    assert commits == [["claim", "inner", "outer"]]
