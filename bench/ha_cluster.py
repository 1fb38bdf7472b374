"""The drill's high-availability parts on loopback, from the distribution's packages: three etcd members and three
Patroni nodes configured by deploy/ha (patroni.yml and each node's environment file, its addresses moved to
127.0.0.1 and ports of its own), and Redis with a replica watched by three Sentinels. Each can be killed with SIGKILL
as a lost machine stops it."""

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from stack import HOST, free_port

ROOT = Path(__file__).resolve().parent.parent
HA = ROOT / "deploy" / "ha"
REDIS_SERVICE = "booking-limits"
SHOW_SYNCHRONOUS = "SHOW synchronous_standby_names"


def _as_postgres() -> list[str]:
    """Run as the postgres user when we are root (PostgreSQL refuses root); setpriv execs, so the pid is the tool's."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]


def _wait(check, seconds: float, what: str):
    """Poll check() until it returns something true; RuntimeError naming what after seconds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := check():
            return found
        time.sleep(0.2)
    raise RuntimeError(f"gave up waiting for {what} after {seconds:.0f} s")


def _node_environment(number: int) -> dict[str, str]:
    """deploy/ha/node<number>.conf as a dict (KEY=VALUE lines)."""
    lines = (HA / f"node{number}.conf").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _children(pid: int) -> list[int]:
    """Direct children of pid (a postmaster's backends and helpers), from /proc."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.split("/")[2]))
    return found


class PatroniCluster:
    """Three etcd members and three Patroni nodes in a folder of their own; url(database) is the services' URL."""

    def __init__(self, size: int = 3):
        self.root = Path(tempfile.mkdtemp(prefix="ha-drill-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self.password = secrets.token_hex(12)
        self.names = [f"db{n}" for n in range(1, size + 1)]
        self.pg_ports = {name: free_port() for name in self.names}
        self.api_ports = {name: free_port() for name in self.names}
        self.etcd = {n: (free_port(), free_port()) for n in range(1, size + 1)}  # client, peer
        self.processes: dict[str, subprocess.Popen] = {}
        self.killed: set[str] = set()

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        log = open(self.root / f"{name}.log", "ab")  # noqa: SIM115 - the process writes it until it stops
        self.processes[name] = subprocess.Popen(
            [*_as_postgres(), *argv], env={"PATH": os.environ["PATH"], **env}, stdout=log, stderr=log, cwd=self.root
        )

    def _etcd_env(self, number: int) -> dict[str, str]:
        client, peer = self.etcd[number]
        everyone = ",".join(f"etcd{n}=http://{HOST}:{ports[1]}" for n, ports in self.etcd.items())
        env = {key: value for key, value in _node_environment(number).items() if key.startswith("ETCD_")}
        return env | {
            "ETCD_DATA_DIR": str(self.root / f"etcd{number}"),
            "ETCD_LISTEN_CLIENT_URLS": f"http://{HOST}:{client}",
            "ETCD_ADVERTISE_CLIENT_URLS": f"http://{HOST}:{client}",
            "ETCD_LISTEN_PEER_URLS": f"http://{HOST}:{peer}",
            "ETCD_INITIAL_ADVERTISE_PEER_URLS": f"http://{HOST}:{peer}",
            "ETCD_INITIAL_CLUSTER": everyone,
        }

    def _patroni_env(self, number: int) -> dict[str, str]:
        name = self.names[number - 1]
        env = {key: value for key, value in _node_environment(number).items() if key.startswith("PATRONI_")}
        bin_dir = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(p.split("/")[4]))[-1]
        return env | {
            "PATRONI_NAME": name,
            "PATRONI_RESTAPI_LISTEN": f"{HOST}:{self.api_ports[name]}",
            "PATRONI_RESTAPI_CONNECT_ADDRESS": f"{HOST}:{self.api_ports[name]}",
            "PATRONI_POSTGRESQL_LISTEN": f"{HOST}:{self.pg_ports[name]}",
            "PATRONI_POSTGRESQL_CONNECT_ADDRESS": f"{HOST}:{self.pg_ports[name]}",
            "PATRONI_POSTGRESQL_DATA_DIR": str(self.root / name),
            "PATRONI_POSTGRESQL_BIN_DIR": str(Path(bin_dir).parent),
            "PATRONI_ETCD3_HOSTS": ",".join(f"{HOST}:{client}" for client, _ in self.etcd.values()),
            "PATRONI_SUPERUSER_PASSWORD": self.password,
            "PATRONI_REPLICATION_PASSWORD": self.password,
            "PATRONI_REWIND_PASSWORD": self.password,
        }

    def start(self) -> "PatroniCluster":
        """etcd first, then the first Patroni node (it creates the cluster), then the others (they copy it)."""
        for number in self.etcd:
            self._spawn(f"etcd{number}", ["etcd"], self._etcd_env(number))
        for number, name in enumerate(self.names, start=1):
            self._spawn(name, ["patroni", str(HA / "patroni.yml")], self._patroni_env(number))
            if number == 1:
                _wait(self.leader, 120, "the first node to create the cluster")
        _wait(self._replicating, 180, "two standbys streaming, one of them synchronous")
        return self

    def members(self) -> list[dict]:
        """Patroni's view of the cluster (GET /cluster on any node still answering)."""
        for name in self.names:
            if name in self.killed:
                continue
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.api_ports[name]}/cluster", timeout=2) as answer:
                    return json.load(answer)["members"]
            except OSError:
                continue
        return []

    def leader(self) -> str | None:
        """The node holding the leader key and running, None while there is none."""
        return next((m["name"] for m in self.members() if m["role"] == "leader" and m["state"] == "running"), None)

    def _replicating(self) -> bool:
        roles = [m["role"] for m in self.members() if m.get("state") in ("running", "streaming")]
        return len(roles) == len(self.names) and "sync_standby" in roles

    def synchronous_standby_names(self) -> str:
        """What the primary has in synchronous_standby_names (Patroni writes it)."""
        leader = self.leader()
        done = subprocess.run(
            ["psql", "-h", HOST, "-p", str(self.pg_ports[leader]), "-U", "postgres", "-AtXc", SHOW_SYNCHRONOUS],
            env={"PATH": os.environ["PATH"], "PGPASSWORD": self.password},
            capture_output=True,
            text=True,
            timeout=10,
        )
        return done.stdout.strip()

    def url(self, database: str) -> str:
        """The services' URL: every node, the one taking writes chosen by libpq (target_session_attrs)."""
        hosts = "&".join(f"host={HOST}:{port}" for port in self.pg_ports.values())
        return (
            f"postgresql+psycopg://postgres:{self.password}@/{database}?{hosts}"
            "&target_session_attrs=read-write&connect_timeout=2"
        )

    def kill_leader(self) -> str:
        """SIGKILL the primary's Patroni, postmaster and backends at once, as a machine that dies stops them."""
        name = self.leader()
        pid_file = self.root / name / "postmaster.pid"
        postmaster = int(pid_file.read_text().split()[0])
        _kill([self.processes[name].pid])  # its Patroni first: it would start PostgreSQL again
        os.kill(postmaster, signal.SIGSTOP)  # it starts no process while its children are listed
        _kill([postmaster, *_children(postmaster)])
        self.killed.add(name)
        return name

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for name, process in self.processes.items():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if name in self.names and (self.root / name / "postmaster.pid").exists():
                postmaster = int((self.root / name / "postmaster.pid").read_text().split()[0])
                _kill([postmaster])
        shutil.rmtree(self.root, ignore_errors=True)


class RedisWithSentinels:
    """A Redis primary, its replica and three Sentinels (quorum 2) that promote the replica when the primary dies;
    storage_uri is what RATELIMIT_STORAGE_URI names (service_kit.rate_limit_storage)."""

    DOWN_AFTER_MS = 2000  # a primary silent this long is down for a Sentinel

    def __init__(self, folder: Path):
        self.folder = folder
        self.ports = {"primary": free_port(), "replica": free_port()}
        self.sentinels = [free_port() for _ in range(3)]
        self.processes: dict[str, subprocess.Popen] = {}

    def _spawn(self, name: str, config: str, *flags: str) -> None:
        path = self.folder / f"{name}.conf"
        path.write_text(config)  # each its own file: a Sentinel rewrites it
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 - the process writes it until it stops
        self.processes[name] = subprocess.Popen(["redis-server", str(path), *flags], stdout=log, stderr=log)

    def start(self) -> "RedisWithSentinels":
        common = f'bind {HOST}\nsave ""\nappendonly no\ndir {self.folder}\n'
        self._spawn("primary", f"port {self.ports['primary']}\n{common}")
        self._spawn("replica", f"port {self.ports['replica']}\n{common}replicaof {HOST} {self.ports['primary']}\n")
        for n, port in enumerate(self.sentinels, start=1):
            watch = (
                f"port {port}\nbind {HOST}\ndir {self.folder}\n"
                f"sentinel monitor {REDIS_SERVICE} {HOST} {self.ports['primary']} 2\n"
                f"sentinel down-after-milliseconds {REDIS_SERVICE} {self.DOWN_AFTER_MS}\n"
                f"sentinel failover-timeout {REDIS_SERVICE} 10000\n"
            )
            self._spawn(f"sentinel{n}", watch, "--sentinel")
        _wait(lambda: self.primary_port() == self.ports["primary"], 30, "the Sentinels naming the Redis primary")
        return self

    @property
    def storage_uri(self) -> str:
        hosts = ",".join(f"{HOST}:{port}" for port in self.sentinels)
        return f"redis+sentinel://{hosts}/{REDIS_SERVICE}"

    def primary_port(self) -> int | None:
        """The port of the primary the Sentinels name now."""
        import redis  # the services' own client, from requirements.txt

        for port in self.sentinels:
            try:
                asking = redis.Redis(host=HOST, port=port, socket_timeout=1)
                named = asking.execute_command("SENTINEL", "get-master-addr-by-name", REDIS_SERVICE)
                return int(named[1]) if named else None
            except redis.RedisError:
                continue
        return None

    def kill_primary(self) -> None:
        """SIGKILL the Redis primary (the Sentinels promote its replica within DOWN_AFTER_MS and an election)."""
        _kill([self.processes["primary"].pid])

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.kill()
            process.wait()
