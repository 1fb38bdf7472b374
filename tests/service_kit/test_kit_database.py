"""The unit of work both services write through: one commit at the end, a rollback on any error, integrity errors
as domain errors, nested units joining the outer one; SQLite's write turn inside it; and read-only views, which read
in autocommit on PostgreSQL and may not write."""

import json

import pytest
import sqlalchemy as sa
from probes import assert_write_turn_rules, count_statements
from sqlalchemy.orm import Mapped, mapped_column

from service_kit import database
from service_kit.database import ReadOnly, UnitOfWork, holds_write_turn, json_text, make_db, write_turn
from service_kit.errors import Conflict

pytestmark = pytest.mark.both_databases

db = make_db()
unit_of_work = UnitOfWork(db)
read_only = ReadOnly(db)


class Thing(db.Model):
    __tablename__ = "things"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50), unique=True)
    facts: Mapped[dict | None] = mapped_column(sa.JSON)


@pytest.fixture
def app(kit_app):
    return kit_app(db)


@pytest.fixture
def commits(app):
    """Every commit any session makes, as the list of its unit-of-work flags."""
    seen = []

    def record(session):
        seen.append(session.info.get(database.COMMITTING))

    sa.event.listen(db.session, "before_commit", record)
    yield seen
    sa.event.remove(db.session, "before_commit", record)


def names(app) -> list[str]:
    """What another connection sees committed."""
    with app.app_context(), db.engine.connect() as conn:
        return list(conn.scalars(sa.select(Thing.name).order_by(Thing.id)))


def test_one_commit_at_the_end(app, commits):
    with app.app_context(), unit_of_work():
        db.session.add(Thing(name="a"))
        db.session.flush()
        db.session.add(Thing(name="b"))
        assert commits == []
    assert commits == [True]
    assert names(app) == ["a", "b"]


def test_an_error_rolls_everything_back(app, commits):
    with app.app_context(), pytest.raises(RuntimeError, match="boom"), unit_of_work():
        db.session.add(Thing(name="a"))
        db.session.flush()
        raise RuntimeError("boom")
    assert (commits, names(app)) == ([], [])


def test_an_integrity_error_becomes_the_domain_error_given(app):
    with app.app_context():
        with unit_of_work():
            db.session.add(Thing(name="taken"))
        taken = Conflict("That name is already taken.", code="taken")
        with pytest.raises(Conflict, match="already") as caught, unit_of_work(on_integrity_error=lambda _exc: taken):
            db.session.add(Thing(name="other"))
            db.session.add(Thing(name="taken"))
        assert caught.value.code == "taken"
        with pytest.raises(sa.exc.IntegrityError), unit_of_work():  # unmapped, it stays what it is
            db.session.add(Thing(name="taken"))
    assert names(app) == ["taken"]


def test_a_nested_unit_joins_the_outer_one(app, commits):
    with app.app_context():
        with unit_of_work():
            db.session.add(Thing(name="outer"))
            with unit_of_work():
                db.session.add(Thing(name="inner"))
            assert commits == []
        assert commits == [True]
        with pytest.raises(Conflict), unit_of_work():
            db.session.add(Thing(name="second"))
            with unit_of_work(on_integrity_error=lambda _exc: Conflict("taken")):
                db.session.add(Thing(name="inner"))
                db.session.flush()  # the inner unit's error, mapped there; the outer rolls it all back
    assert names(app) == ["outer", "inner"]


def test_keep_loaded_reads_nothing_after_the_commit(app):
    with app.app_context():
        with unit_of_work(keep_loaded=True):
            thing = Thing(name="kept")
            db.session.add(thing)
        assert count_statements(db.engine, lambda: (thing.id, thing.name))[1] == 0
        with unit_of_work():
            other = Thing(name="expired")
            db.session.add(other)
        assert count_statements(db.engine, lambda: other.name)[1] == 1
        assert db.session().expire_on_commit  # the session's own setting is back


def test_the_write_turn_is_held_inside_on_sqlite_only(app):
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        assert not holds_write_turn()
        with unit_of_work():
            assert holds_write_turn() == sqlite
        assert not holds_write_turn()


def test_writers_take_turns_on_sqlite_only_and_a_turn_is_reentrant(app):
    with app.app_context():
        engine = db.engine
    assert_write_turn_rules(app, lambda: write_turn(engine), db)
    assert_write_turn_rules(app, unit_of_work, db)


@pytest.fixture
def statements(app):
    """Every statement the engine runs, as (its isolation_level execution option, whether the driver's connection
    was in autocommit, which driver connection ran it)."""
    seen = []

    def record(conn, *_args):
        driver = conn.connection.dbapi_connection
        seen.append((conn.get_execution_options().get("isolation_level"), getattr(driver, "autocommit", None), driver))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", record)
    yield seen
    sa.event.remove(engine, "before_cursor_execute", record)


@read_only
def list_things():
    return db.session.scalars(sa.select(Thing.name)).all()


def test_a_read_only_view_reads_in_autocommit_on_postgresql_then_its_connection_writes_in_a_transaction(
    app, statements, db_backend
):
    with app.test_request_context():
        assert list_things() == []
    with app.test_request_context(), unit_of_work():  # the next request, on the connection the pool gives back
        db.session.add(Thing(name="a"))
    (read_option, read_autocommit, read_on), (write_option, write_autocommit, write_on) = statements
    if db_backend == "postgresql":
        assert (read_option, read_autocommit) == ("AUTOCOMMIT", True)
        assert (write_option, write_autocommit, write_on) == (None, False, read_on)
    else:  # SQLite reads outside a transaction anyway: nothing changes there
        assert read_option is write_option is None
    assert names(app) == ["a"]


def test_a_unit_of_work_in_a_read_only_view_is_refused_and_writes_nothing(app):
    @read_only
    def sneaky_write():
        with unit_of_work():
            db.session.add(Thing(name="b"))

    with app.test_request_context(), pytest.raises(RuntimeError, match="read-only"):
        sneaky_write()
    with app.test_request_context(), unit_of_work():  # the same session later in a request that may write
        db.session.add(Thing(name="c"))
    assert names(app) == ["c"]


FACTS = {"name": "Zoë Ångström-Đặng", "seats": [1, 2.5, None, True], "big": 2**70, "nested": {"a": {"b": "\u2603"}}}


def test_json_columns_are_written_by_orjson_and_read_back_as_json_wrote_them(app):
    """orjson writes what json reads back equal, an integer beyond 64 bits too (json writes that one), int keys as
    strings as json did; the database takes and returns the same."""
    assert json.loads(json_text(FACTS)) == json.loads(json.dumps(FACTS)) == FACTS
    assert json_text({1: "x"}) == '{"1":"x"}' and json.loads(json_text([2**70])) == [2**70]
    with app.app_context(), unit_of_work():
        db.session.add(Thing(name="facts", facts=FACTS))
    with app.app_context():
        assert db.session.scalars(sa.select(Thing.facts).where(Thing.name == "facts")).one() == FACTS


def _pings(monkeypatch) -> list:
    """Record each ping the pool makes from now on (the dialect's do_ping, on the driver's connection)."""
    seen, ping = [], db.engine.dialect.do_ping

    def counted(dbapi_connection):
        seen.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(db.engine.dialect, "do_ping", counted)
    return seen


def test_a_connection_handed_back_a_moment_ago_is_not_pinged_one_idle_for_a_while_is(app, db_backend, monkeypatch):
    if db_backend != "postgresql":
        pytest.skip("SQLite's connections are files, never closed by a server")
    with app.app_context():
        assert names(app) == []
        pings = _pings(monkeypatch)
        names(app)  # at once: the pooled connection is used as it is
        assert pings == []
        monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0.0)
        names(app)
        assert len(pings) == 1


def test_a_connection_the_server_closed_while_idle_is_replaced_unseen(app, db_backend, monkeypatch):
    if db_backend != "postgresql":
        pytest.skip("SQLite's connections are files, never closed by a server")
    with app.app_context():
        idle, killer = db.engine.connect(), db.engine.connect()
        backend = idle.scalar(sa.text("SELECT pg_backend_pid()"))
        idle.close()  # back in the pool, idle
        assert killer.scalar(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        monkeypatch.setattr(database, "IDLE_PING_SECONDS", 0.0)
        with db.engine.connect() as conn:  # the pool's idle one is dead: another answers, and nobody sees an error
            assert conn.scalar(sa.text("SELECT pg_backend_pid()")) not in (backend, None)
        killer.close()
