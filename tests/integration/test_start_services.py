"""The run command's launcher, as a person uses it: start, use the seed 000 examples, Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from live_stack import wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SEED_000_BODY = {
    "booking_id": 123,
    "user": {"id": 456, "name": "Test User", "email": "test@example.com"},
    "event": {"id": 789, "title": "Test Event", "start_date": "2024-01-15T09:00:00"},
    "facilitator_id": 101,
}


def _port_is_free(port: int) -> bool:
    try:
        requests.get(f"http://127.0.0.1:{port}/health", timeout=0.5)
    except requests.ConnectionError:
        return True
    return False


def _kill_processes_started_for(tmp_path) -> None:
    """SIGKILL every process whose environment names tmp_path (the launcher's children hold it in DATABASE_URL)."""
    marker = str(tmp_path).encode()
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes():
                os.kill(int(environ.parent.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue  # gone already, or not ours to read


@pytest.mark.parametrize("mode", ["gunicorn", "dev"])
def test_start_services_serves_demo_and_seed_examples_then_stops_on_ctrl_c(tmp_path, free_port, mode):
    main_port, crm_port, web_port, stream_port = free_port(), free_port(), free_port(), free_port()
    whatsapp_port = free_port()
    env = {
        **os.environ,
        "MAIN_PORT": str(main_port),
        "CRM_PORT": str(crm_port),
        "WEB_PORT": str(web_port),
        "STREAM_PORT": str(stream_port),
        "WHATSAPP_STAND_IN_PORT": str(whatsapp_port),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'main.sqlite'}",
        "CRM_DATABASE_URL": f"sqlite:///{tmp_path / 'crm.sqlite'}",
        "CRM_LOG_FILE": str(tmp_path / "crm.log"),
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("CRM_AUTH_TOKEN", "APP_ENV", "CRM_ANONYMOUS_READ"):
        env.pop(name, None)  # the seed's defaults are what the curl examples in docs/api.md rely on
    output = open(tmp_path / "start_services.out", "w+")  # noqa: SIM115 (the launcher writes to it)
    args = ["--dev"] if mode == "dev" else []
    # The gunicorn run starts as a shell's background job would, with SIGINT ignored: Ctrl-C must stop it all the same.
    ignoring = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if mode == "gunicorn" else None
    launcher = subprocess.Popen(
        [sys.executable, "start_services.py", *args],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        preexec_fn=ignoring,
    )
    try:
        # Start-up's length depends on the machine's load (migrations, demo data, Vite); the deadline only catches a
        # hang, and a launcher that gave up fails the test at once with what it said.
        wait_for(
            lambda: (
                "All services are up" in (tmp_path / "start_services.out").read_text() or launcher.poll() is not None
            ),
            timeout=300,
            interval=0.2,
            message="start_services banner",
        )
        banner = (tmp_path / "start_services.out").read_text()
        assert launcher.poll() is None, banner
        assert "priya" in banner and "Dr. Priya Sharma" in banner and f":{main_port}" in banner

        events = requests.get(f"http://127.0.0.1:{main_port}/events", params={"per_page": 100}, timeout=5).json()
        assert events["total"] >= 6
        assert all(any(s["seats_left"] > 0 for s in e["sessions"]) for e in events["items"])

        notify = requests.post(
            f"http://localhost:{crm_port}/notify",
            json=SEED_000_BODY,
            headers={"Authorization": "Bearer your-static-bearer-token-here"},
            timeout=5,
        )
        assert notify.status_code in (200, 201), notify.text
        listed = requests.get(f"http://localhost:{crm_port}/notifications", timeout=5).json()["items"]
        assert [n["booking_id"] for n in listed] == [123]
        assert listed[0]["user"]["email"] != "test@example.com"  # masked for anonymous readers

        web = f"http://127.0.0.1:{web_port}"
        assert f"localhost:{web_port}" in banner
        assert 'id="root"' in requests.get(f"{web}/events/1", timeout=5).text  # a deep link gets the app
        if mode == "dev":  # Vite's dev server proxies the services under one origin
            assert requests.get(f"{web}/main-api/health", timeout=5).json()["status"] == "ok"
            assert requests.get(f"{web}/crm-api/health", timeout=5).json()["service"] == "crm"
        else:  # the built app calls the services on their own ports, which allow its origin
            assert f"http://127.0.0.1:{main_port}" in requests.get(f"{web}/config.js", timeout=5).text
            allowed = requests.get(f"http://127.0.0.1:{main_port}/events", headers={"Origin": web}, timeout=5)
            assert allowed.headers["Access-Control-Allow-Origin"] == web

        # The WhatsApp stand-in, the install's number pointed at it: Meta's handshake with the main API's webhook
        # passes (its address and verify token), and the mailbox reads its conversations.
        stand_in = f"http://127.0.0.1:{whatsapp_port}"
        assert f"WhatsApp   {stand_in}" in banner
        verified = requests.post(f"{stand_in}/_standin/106540352242922/verify", json={}, timeout=10).json()
        assert verified == {"verified": True}
        assert requests.get(f"http://127.0.0.1:{main_port}/dev/whatsapp", timeout=5).json()["conversations"] == []
    finally:
        launcher.send_signal(signal.SIGINT)
        try:
            code = launcher.wait(30)
        except subprocess.TimeoutExpired:
            launcher.kill()
            _kill_processes_started_for(tmp_path)  # in their own sessions, they would outlive the launcher
            raise
        output.close()
    assert code == 0, (tmp_path / "start_services.out").read_text()
    assert "All services stopped." in (tmp_path / "start_services.out").read_text()
    # Nothing is left listening: every child, gunicorn workers and reloaders included, is gone.
    deadline = time.monotonic() + 5
    ports = (main_port, crm_port, web_port, stream_port, whatsapp_port)
    while time.monotonic() < deadline and not all(map(_port_is_free, ports)):
        time.sleep(0.1)
    assert all(map(_port_is_free, ports))


def test_a_second_copy_on_ports_in_use_refuses_to_start_instead_of_sharing_them(tmp_path, free_port):
    with socket.socket() as running:  # as a running gunicorn holds it: SO_REUSEPORT, listening
        running.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        running.bind(("127.0.0.1", 0))
        running.listen()
        port = running.getsockname()[1]
        env = {**os.environ, "MAIN_PORT": str(port), "CRM_PORT": str(free_port()), "WEB_PORT": str(free_port())}
        env["STREAM_PORT"] = str(free_port())
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'main.sqlite'}"
        result = subprocess.run(
            [sys.executable, "start_services.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
    assert "Preparing databases" not in result.stdout  # nothing was touched
