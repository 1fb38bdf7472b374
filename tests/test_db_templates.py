"""A used PostgreSQL copy of a template is emptied back to the template, its seeded rows and sequences included, so
that a test's database is reused instead of dropped (each DROP DATABASE forces a checkpoint of the whole server)."""

import json

import pytest
import sqlalchemy as sa
from db_templates import RECYCLABLE_KINDS, SEED_LIMIT, Blank, empty_on

SEEDED = """
CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
INSERT INTO alembic_version VALUES ('0001');
CREATE TABLE marks (id serial PRIMARY KEY, name text NOT NULL, through timestamptz,
                    upper_name text GENERATED ALWAYS AS (upper(name)) STORED);
CREATE TABLE notes (id serial PRIMARY KEY, body jsonb);
INSERT INTO marks (name) VALUES ('client_days'), ('session_tallies');
"""


def _blank(url: str) -> Blank:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return Blank.of(conn)
    finally:
        engine.dispose()


def _contents(url: str) -> tuple:
    """The blank of the database at url with each table's rows as a set: a row updated in a template (the demo's
    sessions) sits elsewhere on disk than the same row put back, and a table without ORDER BY reads in disk order."""
    blank = _blank(url)
    rows = {
        table: sorted(json.dumps(row, sort_keys=True) for row in json.loads(held)) for table, _c, held in blank.seed
    }
    return blank.fingerprint, blank.sequences, rows


def test_every_recyclable_template_is_emptied_and_handed_out_again(db_templates, pg_databases):
    for kind in RECYCLABLE_KINDS:
        template = db_templates.template("postgresql", kind)
        assert pg_databases.recyclable(template), f"copies of {kind} would be dropped: does it hold data now?"


# What a test writes into its copy: a seeded row changed, another deleted, new rows with ids from a sequence.
WRITES = """
UPDATE counting_marks SET through = now();
DELETE FROM counting_marks WHERE name = 'client_days';
INSERT INTO tally_changes (session_id) VALUES (7), (8);
"""
STATE = "SELECT (SELECT json_agg(m ORDER BY name) FROM counting_marks m), (SELECT count(*) FROM tally_changes)"


def _state(url: str) -> tuple:
    """The copy's counting marks, its count of tally changes and the next id its sequence gives (which moves it)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return (
                *conn.execute(sa.text(STATE)).one(),
                conn.execute(sa.text("SELECT nextval('tally_changes_id_seq')")).scalar(),
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("kind", ["main", "main-demo"])
def test_a_used_copy_is_emptied_back_to_the_template(db_templates, pg_databases, kind):
    template = db_templates.template("postgresql", kind)
    name, url = db_templates.copy_postgres(kind)
    fresh, fresh_url = db_templates.copy_postgres(kind)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(WRITES))
        assert _contents(url) != _contents(fresh_url)
        with engine.begin() as conn:
            assert pg_databases.empty_in_place(conn, template)
        assert _contents(url) == _contents(fresh_url)  # every row of every table, and the sequences
        assert _state(url) == _state(fresh_url)
    finally:
        engine.dispose()
        pg_databases.drop_later(name)
        pg_databases.drop_later(fresh)


def test_a_seed_comes_back_with_its_sequences_and_generated_columns(pg_databases):
    name, url = pg_databases.take()
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(SEEDED))
            blank = Blank.of(conn)
        assert [table for table, _columns, _rows in blank.seed] == ["marks"]
        assert blank.sequences == (("marks_id_seq", 2),)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE marks SET name = 'moved', through = now()"))
            conn.execute(sa.text("""INSERT INTO notes (body) VALUES ('{"a": [1, "x"]}'), (NULL)"""))
            conn.execute(sa.text("INSERT INTO marks (name) VALUES ('third')"))
        with engine.begin() as conn:
            assert empty_on(conn, blank)
        with engine.connect() as conn:
            marks = conn.execute(sa.text("SELECT id, name, through, upper_name FROM marks ORDER BY id")).all()
            assert marks == [(1, "client_days", None, "CLIENT_DAYS"), (2, "session_tallies", None, "SESSION_TALLIES")]
            assert conn.execute(sa.text("SELECT count(*) FROM notes")).scalar() == 0
            assert conn.execute(sa.text("SELECT nextval('marks_id_seq'), nextval('notes_id_seq')")).one() == (3, 1)
        with engine.begin() as conn:
            conn.execute(sa.text("ALTER TABLE notes ADD COLUMN said text"))
        with engine.begin() as conn:
            assert not empty_on(conn, blank), "a changed schema is never emptied: its copy is dropped"
    finally:
        engine.dispose()
        pg_databases.drop_later(name)


def test_a_template_holding_data_is_copied_never_emptied(pg_databases):
    name, url = pg_databases.take()
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE bookings (id serial PRIMARY KEY)"))
            conn.execute(sa.text("INSERT INTO bookings SELECT FROM generate_series(0, :n)"), {"n": SEED_LIMIT})
            assert Blank.of(conn) is None
    finally:
        engine.dispose()
        pg_databases.drop_later(name)
