"""Commits deferred for a keyed write (UnitOfWork.deferred): a finished unit's commit waits for the next unit, a
rollback that ends reads, or the answer, which joins the last unit's transaction; an error keeps nothing waiting."""

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Mapped, mapped_column

from service_kit import database
from service_kit.commits import COMMITTING
from service_kit.database import UnitOfWork, make_db

pytestmark = pytest.mark.both_databases

db = make_db()
unit_of_work = UnitOfWork(db)


class Note(db.Model):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.String(50), unique=True)


@pytest.fixture
def app(database_url):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    database.init_app(app, db)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


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


def test_the_answer_is_committed_with_the_last_units_changes(app, commits):
    with app.app_context(), unit_of_work.deferred(lambda: add("claim")) as finish:
        with unit_of_work():
            add("booking")
        assert (commits, notes(app)) == ([], [])  # flushed, not committed
        finish(lambda pending: add(f"answer {pending}"))
    assert len(commits) == 1
    assert notes(app) == ["booking", "answer True"]


def test_a_second_unit_commits_the_first_with_what_comes_before_each_commit(app, commits):
    with app.app_context(), unit_of_work.deferred(lambda: add(f"before {len(commits)}")) as finish:
        with unit_of_work():
            add("hold")
        with unit_of_work():
            assert notes(app) == ["hold", "before 0"]
            add("record")
        finish(lambda pending: None)
    assert notes(app) == ["hold", "before 0", "record"] and len(commits) == 2


def test_a_rollback_ending_reads_commits_the_waiting_unit_first(app):
    with app.app_context(), unit_of_work.deferred(lambda: None) as finish:
        with unit_of_work():
            add("hold")
        db.session.rollback()  # as before a payment provider's call: no transaction open across it
        assert notes(app) == ["hold"]
        finish(lambda pending: add(f"answer {pending}"))  # nothing waited any more
    assert notes(app) == ["hold", "answer False"]


def test_an_error_before_the_answer_keeps_nothing_waiting(app, commits):
    with app.app_context():
        with pytest.raises(RuntimeError), unit_of_work.deferred(lambda: add("claim")):
            with unit_of_work():
                add("booking")
            raise RuntimeError("the answer could not be made")
        with unit_of_work():  # the session goes on, without the lost unit's changes
            add("later")
    assert notes(app) == ["later"] and commits == [["later"]]


def test_a_failing_before_commit_undoes_the_waiting_unit(app):
    with app.app_context(), unit_of_work.deferred(lambda: add("taken")) as finish:
        with unit_of_work():
            add("taken")
        with pytest.raises(sa.exc.IntegrityError):
            finish(lambda pending: add("taken"))
    assert notes(app) == []
