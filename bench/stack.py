"""The whole system for a benchmark: fresh databases, services on gunicorn, a hanging stand-in CRM."""

import socket
import sqlite3
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from launcher import front_server
from launcher.processes import ServiceProcess, gunicorn_command
from main_app import create_app
from main_app.extensions import db
from start_services import build_services, prepare_databases

SERVICE_TOKEN = "bench-service-token"
JWT_SECRET = "bench-jwt-secret-at-least-32-bytes-long-0123456789"
HOST = "127.0.0.1"  # all traffic stays on loopback


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A TCP (or UDP) port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Databases:
    """Two fresh, empty databases (main, CRM): SQLite files in workdir, or new schemas on a PostgreSQL server."""

    def __init__(self, workdir: Path, server_url: str | None):
        self.schemas: list[str] = []
        self.admin = None
        if not server_url:
            self.backend = "sqlite"
            self.main_url = f"sqlite:///{workdir / 'main.sqlite'}"
            self.crm_url = f"sqlite:///{workdir / 'crm.sqlite'}"
            return
        self.backend = "postgresql"
        # psycopg 3 spelled out: a bare postgresql:// would make SQLAlchemy look for psycopg2.
        base = sa.engine.make_url(server_url).set(drivername="postgresql+psycopg")
        self.admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        self.base = base
        self.main_url = self._new_schema(base, "main")
        self.crm_url = self._new_schema(base, "crm")

    def _new_schema(self, base, role: str) -> str:
        name = f"bench_{uuid.uuid4().hex[:10]}_{role}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
        self.schemas.append(name)
        return base.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)

    def extra_url(self, role: str, workdir: Path) -> str:
        """One more fresh database (a SQLite file, or a schema on the server) for a helper app."""
        if self.backend == "sqlite":
            return f"sqlite:///{workdir / f'{role}.sqlite'}"
        return self._new_schema(self.base, role)

    def describe(self) -> str:
        """Backend name and version, for the report."""
        if self.backend == "sqlite":
            return f"SQLite {sqlite3.sqlite_version} (files, WAL)"
        with self.admin.connect() as conn:
            version = conn.execute(sa.text("SHOW server_version")).scalar()
        return f"PostgreSQL {version} (fresh schemas {', '.join(self.schemas)})"

    def drop(self) -> None:
        """Drop the schemas this run created (SQLite files go with the work directory)."""
        if self.admin is None:
            return
        with self.admin.connect() as conn:
            for name in self.schemas:
                conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self.schemas.clear()
        self.admin.dispose()


class Stack:
    """CRM, main API (both gunicorn) and dispatcher as processes, plus an in-process app on the same database."""

    def __init__(
        self, workdir: Path, databases: Databases, extra_env: dict | None = None, workers: int = 2, threads: int = 4
    ):
        self.workdir = workdir
        self.main_port, self.crm_port = free_port(), free_port()
        self.main_url = f"http://{HOST}:{self.main_port}"
        self.crm_url = f"http://{HOST}:{self.crm_port}"
        self.mail_folder = workdir / "mail"  # the development transport's .eml files: the emails the run sent
        self.env = {
            "DATABASE_URL": databases.main_url,
            "CRM_DATABASE_URL": databases.crm_url,
            "CRM_AUTH_TOKEN": SERVICE_TOKEN,
            "JWT_SECRET_KEY": JWT_SECRET,
            "JWT_EXPIRES_MINUTES": "600",
            # Our own port for the API's commit wake-ups (SQLite), so no other running stack hears them.
            "DISPATCH_WAKE_PORT": str(free_port(socket.SOCK_DGRAM)),
            "CRM_LOG_FILE": str(workdir / "crm_notifications.log"),
            "NOTIFICATION_LOG_FILE": str(workdir / "notifications.json"),
            "MAIL_FOLDER": str(self.mail_folder),
            **(extra_env or {}),
        }
        self.workers, self.threads = workers, threads  # of each gunicorn service
        self.services = build_services(
            HOST,
            self.main_port,
            self.crm_port,
            dev=False,
            env=self.env,
            log_dir=workdir,
            workers=workers,
            threads=threads,
        )
        self.crm, self.main, self.dispatcher = self.services
        self.front: ServiceProcess | None = None
        self.front_port: int | None = None
        self.more_apis: list[ServiceProcess] = []  # further main API instances on the same database
        self.api_addresses = [f"{HOST}:{self.main_port}"]  # host:port of every main API instance, for nginx
        self.app = None

    def start(self) -> None:
        """Migrate both databases, then start every service and wait for its health check."""
        prepare_databases(self.env)
        self.app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": self.env["DATABASE_URL"],
                "JWT_SECRET_KEY": JWT_SECRET,
                "JWT_ACCESS_TOKEN_EXPIRES": timedelta(minutes=600),
                "CRM_BASE_URL": self.crm_url,
                "DISPATCH_WAKE_PORT": int(self.env["DISPATCH_WAKE_PORT"]),
            }
        )
        for service in self.services:
            service.start().wait_healthy(60)

    def add_api_instance(self) -> ServiceProcess:
        """Start one more main API (gunicorn, as the first) on its own port over the same database; nginx, started
        or restarted after it, takes turns with every instance."""
        port = free_port()
        argv = gunicorn_command("main_app:create_app()", f"{HOST}:{port}", self.workers, self.threads)
        number = len(self.more_apis) + 2
        log = self.workdir / f"main-api-{number}.log"
        service = ServiceProcess(f"main-api-{number}", argv, self.main.env, f"http://{HOST}:{port}/health", log)
        self.more_apis.append(service)
        self.api_addresses.append(f"{HOST}:{port}")
        service.start().wait_healthy(60)
        return service

    def stop_front(self) -> None:
        """Stop nginx (start_front starts it anew, with the instances running then)."""
        if self.front is not None:
            self.front.stop()
            self.front = self.front_port = None

    def start_front(self) -> int | None:
        """nginx in front of the running services as the production profile configures it (the catalogue's
        micro-cache included), on ports of its own; returns the main API's port there, None without nginx. Once:
        a second call returns the same port."""
        if self.front is not None:
            return self.front_port
        try:
            nginx = front_server.find_nginx()
        except RuntimeError:
            return None
        runtime = self.workdir / "front"
        runtime.mkdir(exist_ok=True)
        self.front_port = free_port()
        conf = front_server.write_config(
            runtime,
            host=HOST,
            main_port=self.front_port,
            crm_port=free_port(),
            web_port=free_port(),
            dist=runtime,  # no web app here
            max_body=65536,
            upstreams={"main-api": self.api_addresses, "crm": f"{HOST}:{self.crm_port}"},
        )
        health = f"http://{HOST}:{self.front_port}/health"
        log = self.workdir / "nginx.log"
        self.front = ServiceProcess("nginx", front_server.nginx_command(nginx, conf, runtime), {}, health, log)
        self.front.start().wait_healthy(30)
        return self.front_port

    def settings(self) -> str:
        """The dispatcher settings in effect (the services read the same environment and .env)."""
        c = self.app.config
        return (
            f"CRM_TIMEOUT {c['CRM_TIMEOUT']:g} s, CRM_QUICK_RETRIES {c['CRM_QUICK_RETRIES']}, "
            f"DISPATCH_POLL_INTERVAL {c['DISPATCH_POLL_INTERVAL']:g} s, "
            f"DISPATCH_BATCH_SIZE {c['DISPATCH_BATCH_SIZE']}, "
            f"DISPATCH_MAX_PROBE_INTERVAL {c['DISPATCH_MAX_PROBE_INTERVAL']:g} s"
        )

    def stop(self) -> None:
        """Stop every process (nginx, then the dispatcher first) and close the in-process engine."""
        for service in [s for s in (self.front, *self.more_apis, *reversed(self.services)) if s]:
            try:
                service.stop()
            except Exception as exc:  # keep stopping the others
                print(f"  could not stop {service.name}: {exc}")
        if self.app is not None:
            with self.app.app_context():
                db.engine.dispose()


class HangingServer:
    """Binds the CRM's port, accepts every connection and never answers: a CRM that hangs."""

    MAX_HELD = 2000  # bounded: the dispatcher holds at most a few connections at once

    def __init__(self, port: int):
        self.port = port
        self.held: list[socket.socket] = []
        self.accepted = 0
        self._stop = threading.Event()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._thread = threading.Thread(target=self._serve, name="hanging-crm", daemon=True)

    def start(self, timeout: float = 10.0) -> "HangingServer":
        """Bind (retrying while the stopped CRM's socket lingers) and start accepting."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._listener.bind((HOST, self.port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._listener.listen(128)
        self._listener.settimeout(0.2)
        self._thread.start()
        return self

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            self.accepted += 1
            if len(self.held) >= self.MAX_HELD:
                self.held.pop(0).close()
            self.held.append(conn)

    def stop(self) -> int:
        """Close the listener and every held connection; returns how many connections it accepted."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)
        self._listener.close()
        for conn in self.held:
            conn.close()
        self.held.clear()
        return self.accepted
