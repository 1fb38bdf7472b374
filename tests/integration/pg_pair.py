"""A PostgreSQL primary and one synchronous standby on loopback, from the distribution's packages (initdb,
pg_basebackup, pg_ctl), for the failover test: started in a folder of their own, the primary killable with SIGKILL
and the standby promotable, as a failover manager (Patroni, pg_auto_failover) would promote it."""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from live_stack import free_port_number

STANDBY = "standby1"


def postgres_bin() -> Path:
    """The newest installed server's bin folder; skipped without one, except in CI."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("no PostgreSQL server package (initdb) on this machine")
        pytest.skip("no PostgreSQL server package (initdb) here")
    return Path(found[-1]).parent


@dataclass
class Node:
    folder: Path
    port: int

    @property
    def postmaster_pid(self) -> int:
        return int((self.folder / "postmaster.pid").read_text().split()[0])


class PgPair:
    """The two nodes, run as the postgres user when the tests run as root (initdb refuses root)."""

    def __init__(self):
        self.bin = postgres_bin()
        # A folder of its own, not pytest's (which is its user's alone): the postgres user must reach it.
        self.root = Path(tempfile.mkdtemp(prefix="pg-pair-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.primary = Node(self.root / "primary", free_port_number())
        self.standby = Node(self.root / "standby", free_port_number())

    def run(self, tool: str, *args: str) -> None:
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run([*as_postgres, str(self.bin / tool), *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")

    def start(self) -> "PgPair":
        """initdb the primary (synchronous replication to ANY 1 of standby1), copy it into the standby, start both."""
        self.run("initdb", "-D", str(self.primary.folder), "-U", "postgres", "--auth=trust", "--no-sync")
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.root}'",
            "wal_level": "replica",
            "max_wal_senders": "4",
            "synchronous_standby_names": f"'ANY 1 ({STANDBY})'",
            "fsync": "off",  # a test's cluster: the kill is of the process, not of the machine's power
        }
        with open(self.primary.folder / "postgresql.conf", "a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        self._pg_ctl(self.primary, "start")
        conninfo = f"host=127.0.0.1 port={self.primary.port} user=postgres application_name={STANDBY}"
        self.run("pg_basebackup", "-d", conninfo, "-D", str(self.standby.folder), "-R", "--no-sync")
        # Promoted, the standby has no standby of its own: waiting for one would hold every commit for ever. A manager
        # in non-strict synchronous mode (Patroni's default) turns synchronous replication off there the same way.
        with open(self.standby.folder / "postgresql.conf", "a") as conf:
            conf.write("synchronous_standby_names = ''\n")
        self._pg_ctl(self.standby, "start")
        return self

    def create_database(self, name: str) -> None:
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.primary.port), "-U", "postgres", name)

    def _pg_ctl(self, node: Node, action: str) -> None:
        log = self.root / f"{node.folder.name}.log"
        self.run("pg_ctl", "-D", str(node.folder), "-o", f"-p {node.port}", "-l", str(log), "-w", action)

    def url(self, database: str) -> str:
        """The libpq multi-host URL the services use: whichever node takes writes."""
        hosts = "&".join(f"host=127.0.0.1:{node.port}" for node in (self.primary, self.standby))
        return f"postgresql+psycopg://postgres@/{database}?{hosts}&target_session_attrs=read-write&connect_timeout=2"

    def crash_primary(self) -> None:
        """SIGKILL the primary's postmaster and every process it started, at once, as a machine's crash stops them:
        with the postmaster alone killed its backends live on for a moment (until they notice it is gone), and one
        may still commit a write the standby acknowledges."""
        postmaster = self.primary.postmaster_pid
        os.kill(postmaster, signal.SIGSTOP)  # it starts no process while its children are listed
        children = [pid for pid, parent in _parents().items() if parent == postmaster]
        for pid in (postmaster, *children):
            with contextlib.suppress(ProcessLookupError):  # one that ended meanwhile
                os.kill(pid, signal.SIGKILL)

    def promote_standby(self) -> None:
        """What the failover manager does once the primary is gone: the standby takes writes."""
        self.run("pg_ctl", "-D", str(self.standby.folder), "-w", "promote")

    def stop(self) -> None:
        for node in (self.standby, self.primary):
            if (node.folder / "postmaster.pid").exists():
                with contextlib.suppress(RuntimeError):  # killed already
                    self.run("pg_ctl", "-D", str(node.folder), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def _parents() -> dict[int, int]:
    """Every process's parent, by pid (Linux's /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):  # ended while listed
            # The command's name, in parentheses, may hold spaces: the fields after its closing one are plain.
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    return parents
