"""Test databases: each service's schema migrated once per run into a template database, copied for every test.

SQLite templates are files, copied with shutil.copyfile; PostgreSQL templates are databases with a name unique
to the run (tpl_<run>_<kind>), copied with CREATE DATABASE ... TEMPLATE into a database per test (t_<random>) and
dropped when the run ends. A used copy of a template (whose rows are at most the few its migrations seed, or the
demo data) is emptied back to the template's rows and handed to a later test instead of being dropped, when its
schema is still the template's. The migrations' own tests still run them on an empty database.
"""

import logging
import queue
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import flask_migrate
import sqlalchemy as sa

# What each template holds: "main" and "crm" are the services' migrated schemas, "main-demo" is "main" with the
# demo data that start_services.py seeds into an empty database outside production (what a started stack sees).
TEMPLATE_KINDS = ("main", "crm", "main-demo")
RECYCLABLE_KINDS = TEMPLATE_KINDS  # a used copy of each is emptied back to its template's rows
# The most rows a template may hold (a migration's seed, as counting_marks' two marks; the demo data, ~250) for its
# copies to be emptied back to them. Every DROP DATABASE forces a checkpoint of the whole server: with copies of main
# dropped rather than emptied (its seed once made it look like data), 3 test processes' drops fell 30-90 behind and
# the run's end waited 50-76 s for them.
SEED_LIMIT = 1000
# CREATE DATABASE's copy strategy. A copy is ~8 MB, nearly all of it the system catalogues. WAL_LOG (PostgreSQL
# 15's default) writes it block by block to the WAL; FILE_COPY copies the files but checkpoints twice per copy.
# Measured here (PostgreSQL 15, 30 creates+drops in a row, two rounds): WAL_LOG 2.1-5.1 s and 138 MB written,
# FILE_COPY 6.1-9.8 s and 240 MB written (a DROP DATABASE alone: 10-80 ms either way).
PG_COPY_STRATEGY = "WAL_LOG"
DROP_DELAY = 1.0  # seconds between a test's end and the drop of its PostgreSQL databases
# Threads dropping finished tests' databases. A drop took 92 ms here, one test's database or two came free every
# ~100 ms, and one thread fell 15-30 s behind by the end of the run (time the run then waited); three at once take
# 60 ms a drop and keep up.
DROP_THREADS = 3
# The tables a recycled database is emptied of: all of the public schema's but the migration revision.
TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version' ORDER BY 1"
# The sequences a template's seed moved, set back where the template has them after the others restart.
MOVED_SEQUENCES = """
SELECT format('%I', sequencename), last_value FROM pg_sequences
 WHERE schemaname = 'public' AND last_value IS NOT NULL
"""
INSERTABLE_COLUMNS = """
SELECT string_agg(format('%I', attname), ', ' ORDER BY attnum) FROM pg_attribute
 WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
"""
RESTART_SEQUENCES = """
SELECT setval(c.oid, s.seqstart, false)
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public'
"""
# What must be unchanged for a used copy to be emptied and handed out again instead of dropped: the catalogue rows of
# the public schema's tables, columns, defaults, constraints and triggers, by oid and the transaction that wrote them
# (xmin), and the migration revision. A copy of a database has its template's catalogue rows as they are, and any DDL
# writes new ones (VACUUM and ANALYZE update pg_class in place, keeping xmin). Measured on a main copy: 7 ms a check,
# where comparing information_schema's descriptions took 24 ms.
SCHEMA_FINGERPRINT = """
SELECT md5(concat_ws('|',
  (SELECT string_agg(c.oid || ':' || c.xmin, ',' ORDER BY c.oid) FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(a.attrelid || '.' || a.attnum || ':' || a.xmin, ',' ORDER BY a.attrelid, a.attnum)
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(d.oid || ':' || d.xmin, ',' ORDER BY d.oid)
     FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(oid || ':' || xmin, ',' ORDER BY oid) FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace),
  (SELECT string_agg(t.oid || ':' || t.xmin, ',' ORDER BY t.oid)
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace),
  (SELECT string_agg(version_num, ',') FROM alembic_version)))
"""


@dataclass(frozen=True)
class Blank:
    """What a used copy of a template is emptied back to: the template's schema (its fingerprint), the rows its
    migrations seeded (table, its insertable columns, the rows as a JSON array) and the sequences they moved."""

    fingerprint: str
    seed: tuple[tuple[str, str, str], ...] = ()
    sequences: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, conn) -> "Blank | None":
        """The blank of the database conn is on; None when it holds more than SEED_LIMIT rows."""
        seed, held = [], 0
        for table in conn.execute(sa.text(TABLES)).scalars().all():
            rows = conn.execute(sa.text(f'SELECT count(*), CAST(json_agg(t) AS text) FROM "{table}" t')).one()
            held += rows[0]
            if held > SEED_LIMIT:
                return None
            if rows[0]:
                columns = conn.execute(sa.text(INSERTABLE_COLUMNS), {"table": f'"{table}"'}).scalar()
                seed.append((table, columns, rows[1]))
        sequences = tuple(tuple(row) for row in conn.execute(sa.text(MOVED_SEQUENCES)))
        return cls(conn.execute(sa.text(SCHEMA_FINGERPRINT)).scalar(), tuple(seed), sequences)

    def put_back(self, conn) -> None:
        """Insert the seed's rows again and move its sequences where the template has them."""
        for table, columns, rows in self.seed:
            conn.execute(
                sa.text(
                    f'INSERT INTO "{table}" ({columns}) SELECT {columns} '
                    f'FROM json_populate_recordset(NULL::"{table}", CAST(:rows AS json))'
                ),
                {"rows": rows},
            )
        for sequence, value in self.sequences:
            conn.execute(sa.text("SELECT setval(CAST(:name AS regclass), :value)"), {"name": sequence, "value": value})


def empty_on(conn, blank: Blank) -> bool:
    """On conn, in its transaction: if the database's schema is the blank's, delete every row, restart every
    sequence and put the blank's seed back, and say so; else change nothing."""
    if conn.execute(sa.text(SCHEMA_FINGERPRINT)).scalar() != blank.fingerprint:
        return False
    tables = conn.execute(sa.text(TABLES)).scalars().all()
    superuser = conn.execute(sa.text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if superuser:  # rows of small tables go far faster one DELETE each, foreign keys off meanwhile
        conn.execute(sa.text("SET LOCAL session_replication_role = replica"))
        # Every DELETE in one round trip: sent without parameters, psycopg passes the text as it is (the simple
        # query protocol), where a statement each cost ~0.3 ms of the client's CPU and as much waiting, for ~110.
        with conn.connection.cursor() as cursor:
            cursor.execute("; ".join(f'DELETE FROM "{table}"' for table in tables))
        conn.execute(sa.text(RESTART_SEQUENCES))
    else:
        conn.execute(sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY"))
    blank.put_back(conn)
    return True


def migrate_schema(app, command=flask_migrate.upgrade, *args) -> None:
    """Run a Flask-Migrate command (upgrade by default) on app, leaving the test run's logging as it was.

    The migrations' env.py calls logging.config.fileConfig, which disables every logger that already
    exists and replaces the root handlers (caplog would then see nothing); put both back afterwards.
    """
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    loggers = {name: lg for name, lg in logging.Logger.manager.loggerDict.items() if isinstance(lg, logging.Logger)}
    disabled = {name: lg.disabled for name, lg in loggers.items()}
    try:
        with app.app_context():
            command(*args)
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
        for name, lg in loggers.items():
            lg.disabled = disabled[name]


def crm_log_handlers() -> list[logging.Handler]:
    """The file handlers CRM apps attached to the crm_microservice logger."""
    return [h for h in logging.getLogger("crm_microservice").handlers if getattr(h, "crm_handler", False)]


def detach_crm_log_handlers(keep=()) -> None:
    """Detach and close the CRM apps' file handlers (but those in keep): their files live in a temporary folder."""
    logger = logging.getLogger("crm_microservice")
    for handler in crm_log_handlers():
        if handler not in keep:
            logger.removeHandler(handler)
            handler.close()


class PostgresDatabases:
    """Creates and drops whole databases on the configured PostgreSQL server.

    take() and drop_later() leave the work to threads (one copying, DROP_THREADS dropping): during a run a copy took
    ~0.06 s and a drop ~0.1 s of the server's time here (mostly disk), so the copy for the next test is made while
    this one runs and a finished test's database is dropped while later ones run, instead of each test waiting for
    both.

    Copying and dropping a database costs the server far more than emptying a few small tables, so a finished
    test's copy of a template without rows (recyclable()) is emptied instead: every row deleted, every sequence
    restarted, after a check that its schema is still the template's (else it is dropped), and taken by the next
    test that asks for that template.
    """

    def __init__(self, admin_url: str):
        self.admin_url = admin_url
        self._recyclable: dict[str, Blank] = {}  # template -> what its used copies are emptied back to
        self._template_of: dict[str, str] = {}  # database handed out -> the template it is a copy of
        self._recycled: dict[str, queue.Queue] = {}  # template -> emptied copies (name, URL)
        self.engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        self._creates: queue.Queue = queue.Queue()  # templates to make a copy of ahead (None: stop)
        self._drops: queue.Queue = queue.Queue()  # (when, name) of databases to drop (None: stop)
        self._ready: dict[str, queue.Queue] = {}  # template -> copies made (name, URL), or the error making one
        self._threads: list[threading.Thread] = []
        self.failed_drops: list[str] = []
        self._kept: set[str] = set()  # databases refill() keeps under one name for a whole run

    def url(self, name: str) -> str:
        """The URL of database name on this server."""
        return sa.engine.make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> tuple[str, str]:
        """A new database, empty (from template0) or a copy of template; returns (name, URL)."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.create_named(name, template)
        return name, self.url(name)

    def create_named(self, name: str, template: str | None = None) -> None:
        strategy = f" STRATEGY {PG_COPY_STRATEGY}" if template else ""
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template or "template0"}"{strategy}'))

    def drop(self, name: str) -> None:
        """Drop a database made here; FORCE ends any connection a stopped process left behind."""
        with self.engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    # -- emptied and handed out again ------------------------------------------------------------

    def blank(self, name: str) -> Blank | None:
        """Database name's blank (Blank.of): its schema as one hash, its seed rows; None when it holds data."""
        engine = sa.create_engine(self.url(name), poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                return Blank.of(conn)
        finally:
            engine.dispose()

    def make_recyclable(self, template: str) -> None:
        """Copies of template may be emptied and handed out again (a template with data never is)."""
        blank = self.blank(template)
        if blank:
            self._recyclable[template] = blank

    def recyclable(self, template: str) -> bool:
        """Whether used copies of template are emptied and handed out again."""
        return template in self._recyclable

    def _empty(self, name: str, blank: Blank) -> bool:
        """End every connection to database name; if its schema is still the template's, empty it back to the
        blank (one transaction) and say so; else leave it to be dropped."""
        with self.engine.connect() as conn:
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                {"name": name},
            )
        engine = sa.create_engine(self.url(name), poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as conn:
                return empty_on(conn, blank)
        finally:
            engine.dispose()

    def empty_in_place(self, conn, template: str) -> bool:
        """Empty the copy of template that conn (in a transaction of its own) is on, as _empty does but on a
        connection the caller keeps warm; False (nothing changed) when the schema changed, a test left a lock
        behind or template's copies are never emptied."""
        blank = self._recyclable.get(template)
        if blank is None:
            return False
        conn.execute(sa.text("SET LOCAL lock_timeout = '1s'"))  # a lock a test's stray session holds: copy instead
        try:
            return empty_on(conn, blank)
        except sa.exc.OperationalError:
            return False

    # -- made ahead, dropped behind ---------------------------------------------------------------

    def take(self, template: str | None = None) -> tuple[str, str]:
        """A new database like create(template) makes, made ahead by a thread, which starts on the next one."""
        key = template or "template0"
        recycled = self._recycled.get(key)
        if recycled is not None and not recycled.empty():
            made = recycled.get()
            self._template_of[made[0]] = key
            return made
        ready = self._ready.get(key)
        if ready is None:
            ready = self._ready[key] = queue.Queue()
            self._submit(self._creates, key)
        made = ready.get(timeout=120)
        self._submit(self._creates, key)  # the next test's copy, made while this test runs
        if isinstance(made, BaseException):
            raise RuntimeError(f"copying the template database {key} failed") from made
        self._template_of[made[0]] = key
        return made

    def refill(self, name: str, template: str) -> str:
        """Give database name (made by an earlier refill) a fresh copy of template's contents and return its URL: the
        used database is renamed away, to be emptied or dropped behind, and a copy made ahead takes its name. A
        rename costs the server a catalogue row, where a copy costs it ~8 MB."""
        fresh, _url = self.take(template)
        used = f"t_{uuid.uuid4().hex[:16]}"
        with self.engine.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar()
            if exists:
                self._rename(conn, name, used)
            self._rename(conn, fresh, name)
        self._template_of.pop(fresh, None)
        self._kept.add(name)
        if exists:
            self._template_of[used] = template
            self.drop_later(used)
        return self.url(name)

    @staticmethod
    def _rename(conn, old: str, new: str) -> None:
        """ALTER DATABASE ... RENAME, which needs the database without sessions: end any a closed pool left, and try
        again while the server lets them go (a session ended by pg_terminate_backend leaves a moment later)."""
        for attempt in range(100):
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"), {"n": old}
            )
            try:
                conn.execute(sa.text(f'ALTER DATABASE "{old}" RENAME TO "{new}"'))
                return
            except sa.exc.OperationalError:
                if attempt == 99:
                    raise
                time.sleep(0.02)

    def drop_later(self, name: str) -> None:
        """Drop the database a little later, from a thread (finish() waits for every drop).

        A client's closed connections take a moment to end on the server, and DROP DATABASE waits for them in
        steps of 0.1 s (FORCE or not): by DROP_DELAY after the test they are gone."""
        self._submit(self._drops, (time.monotonic() + DROP_DELAY, name))

    def _submit(self, jobs: queue.Queue, job) -> None:
        if not self._threads:
            self._threads = [
                threading.Thread(target=work, name=f"test-databases-{work.__name__}", daemon=True)
                for work in (self._make_copies, *[self._drop_copies] * DROP_THREADS)
            ]
            for thread in self._threads:
                thread.start()
        jobs.put(job)

    def _make_copies(self) -> None:
        while (key := self._creates.get()) is not None:
            try:
                made = self.create(None if key == "template0" else key)
            except Exception as exc:
                made = exc
            self._ready[key].put(made)

    def _drop_copies(self) -> None:
        while (job := self._drops.get()) is not None:
            due, name = job
            time.sleep(max(0.0, due - time.monotonic()))
            template = self._template_of.pop(name, None)
            try:
                if template in self._recyclable and self._empty(name, self._recyclable[template]):
                    self._recycled.setdefault(template, queue.Queue()).put((name, self.url(name)))
                    continue
            except Exception:
                pass  # whatever went wrong, a fresh copy is the safe answer: drop this one
            try:
                self.drop(name)
            except Exception:
                self.failed_drops.append(name)

    def finish(self) -> None:
        """Wait for every drop, then drop the copies nobody took."""
        if self._threads:
            self._creates.put(None)
            for _ in range(DROP_THREADS):
                self._drops.put(None)
            for thread in self._threads:
                thread.join()
            self._threads = []
            untaken = []
            for ready in (*self._ready.values(), *self._recycled.values()):
                while not ready.empty():
                    made = ready.get()
                    if not isinstance(made, BaseException):
                        untaken.append(made[0])
            self.drop_all(untaken)
            self._ready.clear()
            self._recycled.clear()
        self.drop_all(sorted(self._kept))
        self._kept.clear()
        self.drop_all(self.failed_drops)  # once more, and fail loudly this time
        self.failed_drops.clear()

    def drop_all(self, names: list[str]) -> None:
        """Drop these databases at once: one after another, on a busy server, each took seconds at the run's end
        (mostly waiting on the disk), and the run's last process waits for them."""
        with ThreadPoolExecutor(max_workers=max(1, min(len(names), 8))) as pool:
            list(pool.map(self.drop, names))  # the first error, if any, is raised here

    def close(self) -> None:
        self.finish()
        self.engine.dispose()


class DatabaseTemplates:
    """The run's template databases, each made on first use: (backend, kind) → a file or a database name."""

    def __init__(self, folder: Path, postgres: PostgresDatabases | None):
        self.folder = folder
        self.postgres = postgres
        self.run_id = uuid.uuid4().hex[:12]  # runs sharing a server (CI and a developer) keep apart
        self._made: dict[tuple[str, str], str] = {}

    # -- copies for tests -----------------------------------------------------------------------

    def copy_sqlite(self, kind: str, path: Path) -> str:
        """Copy the SQLite template of kind to path; returns its URL."""
        shutil.copyfile(self.template("sqlite", kind), path)
        return f"sqlite:///{path}"

    def copy_postgres(self, kind: str) -> tuple[str, str]:
        """A new PostgreSQL database copied from the template of kind (made ahead); returns (name, URL)."""
        return self.postgres.take(self.template("postgresql", kind))

    # -- the templates --------------------------------------------------------------------------

    def template(self, backend: str, kind: str) -> str:
        """The SQLite file or PostgreSQL database name of the template, made now if it is not there yet."""
        if kind not in TEMPLATE_KINDS:
            raise ValueError(f"unknown template {kind!r}: one of {TEMPLATE_KINDS}")
        key = (backend, kind)
        if key not in self._made:
            self._made[key] = self._make(backend, kind)
        return self._made[key]

    def _make(self, backend: str, kind: str) -> str:
        base = "main" if kind == "main-demo" else None  # the demo data goes on top of the migrated schema
        if backend == "sqlite":
            path = self.folder / f"{kind}.sqlite"
            if base:
                shutil.copyfile(self.template(backend, base), path)
            self._fill(kind, f"sqlite:///{path}")
            # The last connection to close checkpointed the WAL: every page is in the file that is copied.
            assert not Path(f"{path}-wal").exists(), f"{path}-wal left behind"
            return str(path)
        name = f"tpl_{self.run_id}_{kind.replace('-', '_')}"
        self.postgres.create_named(name, self.template(backend, base) if base else None)
        try:
            self._fill(kind, self.postgres.url(name))
            # A template must have no connections while it is copied: refuse any from here on.
            if kind in RECYCLABLE_KINDS:
                self.postgres.make_recyclable(name)
            with self.postgres.engine.connect() as conn:
                conn.execute(sa.text(f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false'))
        except BaseException:
            self.postgres.drop(name)
            raise
        return name

    def _fill(self, kind: str, url: str) -> None:
        """Run the migrations (or the demo seed) on the database at url, then close every connection to it."""
        if kind == "crm":
            from crm_microservice import create_app
            from crm_microservice.extensions import db

            existing = crm_log_handlers()
            app = create_app(
                {
                    "TESTING": True,
                    "APP_ENV": "development",
                    "CRM_AUTH_TOKEN": "template-token",
                    "JWT_SECRET_KEY": "template-jwt-secret-at-least-32-bytes",
                    "CRM_STORAGE": "sqlite",
                    "CRM_DATABASE_URL": url,
                    "CRM_LOG_FILE": str(self.folder / "crm.log"),
                    "NOTIFICATION_LOG_FILE": str(self.folder / "notifications.json"),
                    "CRM_SIGNING_SECRET": "",
                }
            )
            try:
                migrate_schema(app)
            finally:
                with app.app_context():
                    db.session.remove()
                    db.engine.dispose()
                detach_crm_log_handlers(keep=existing)
            return

        from main_app import create_app
        from main_app.extensions import db
        from main_app.services.catalogue.demo_data import database_is_empty, seed_demo

        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
        try:
            if kind == "main":
                migrate_schema(app)
            else:
                with app.app_context():
                    assert database_is_empty()
                    seed_demo()
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()

    def close(self) -> None:
        """Drop the run's PostgreSQL templates (the SQLite ones go with pytest's temporary folders)."""
        if self.postgres is None:
            return
        self.postgres.finish()  # no copy is being made from a template while it is dropped
        self.postgres.drop_all([name for (backend, _kind), name in self._made.items() if backend == "postgresql"])
        self.postgres.close()
