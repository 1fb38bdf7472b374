#!/usr/bin/env python3
"""Start the whole system: CRM (5001), main API (5000), the outbox dispatcher and the web app (5173).

Prepares both databases (migrations, demo data on an empty database outside production), starts every
service on gunicorn (or Flask's reloader and Vite's dev server with --dev), waits for their health checks,
prints the URLs and demo accounts, starts a dispatcher that dies again, and stops everything on Ctrl-C or
SIGTERM (SIGKILL for what is left after a grace period or a second Ctrl-C). GUNICORN_WORKERS and
GUNICORN_THREADS size the CRM and the main API; DISPATCHERS says how many dispatchers run.
`python3 dev.py run` builds the web app first; this script serves whatever is in frontend/dist.
--razorpay-stand-in also starts a stand-in for Razorpay (the tests' fake: its API, Checkout and signed webhooks) on
RAZORPAY_STAND_IN_PORT (5004) and points the main API at it with its test keys, to try Razorpay without an account.
Outside production a stand-in for WhatsApp's Cloud API runs on WHATSAPP_STAND_IN_PORT (5005), the install's WhatsApp
number pointed at it (launcher/whatsapp_stand_in.py), unless --no-whatsapp-stand-in or WHATSAPP_PHONE_NUMBER_ID is set.
"""

import argparse
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from launcher import front_server, whatsapp_stand_in
from launcher.processes import ServiceProcess, flask_command, gunicorn_command
from launcher.supervisor import Supervisor
from service_kit.settings import embed_limits

ROOT = Path(__file__).resolve().parent
FRONTEND = ROOT / "frontend"
# The dispatchers and the live stream answer no API request: their app leaves the routes out (main_app says why).
WORKER_APP = "main_app:create_worker_app()"
ENV_FILE = ROOT / ".env"
PORTS = (("MAIN_PORT", 5000), ("CRM_PORT", 5001), ("WEB_PORT", 5173), ("STREAM_PORT", 5003))
# The tests' fake Razorpay, run alone by --razorpay-stand-in; its test keys are in razorpay_shapes.py beside it.
RAZORPAY_STAND_IN = ROOT / "tests" / "main_app" / "main_fake_razorpay.py"
DEMO_ACCOUNTS = [
    ("priya", "priya123", "Dr. Priya Sharma", "facilitator"),
    ("arjun", "arjun123", "Arjun Patel", "facilitator"),
    ("kavya", "kavya123", "Kavya Reddy", "facilitator"),
    ("asha", "asha1234", "Asha Rao", "user"),
    ("admin", "admin1234", "Operations Admin", "admin"),
]


def is_production(env: dict) -> bool:
    """APP_ENV=production in env."""
    return env.get("APP_ENV", "").strip().lower() == "production"


def prepare_databases(env: dict) -> None:
    """Apply migrations of both services and, outside production, seed the demo data into an empty main database (in
    the process that migrates it: each process loads its app, 3 s of CPU)."""
    full_env = {**os.environ, **env}
    commands = [flask_command("crm_microservice", "db", "upgrade")]
    if is_production(full_env):
        print("  APP_ENV=production: no demo data (its accounts have published passwords)")
        commands.append(flask_command("main_app", "db", "upgrade"))
    else:
        commands.append(flask_command("main_app", "seed-demo", "--upgrade", "--if-empty"))
    for argv in commands:
        result = subprocess.run(argv, cwd=ROOT, env=full_env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[3:])} failed:\n{result.stdout}{result.stderr}")
        for line in result.stdout.splitlines():
            if line.strip():
                print(f"  {line}")


def web_origins(host: str, web_port: int) -> str:
    """The browser origins of the web app on web_port, for the services' CORS_ORIGINS."""
    hosts = dict.fromkeys(["localhost", "127.0.0.1", host if host not in ("0.0.0.0", "::") else "localhost"])
    return ",".join(f"http://{name}:{web_port}" for name in hosts)


def build_services(
    host: str,
    main_port: int,
    crm_port: int,
    *,
    dev: bool,
    env: dict,
    workers: int = 2,
    threads: int = 4,
    log_dir: Path | None = None,
    web_port: int | None = None,
    dispatchers: int = 1,
    front: Path | None = None,
    stream_port: int | None = None,
) -> list[ServiceProcess]:
    """The CRM, the main API, the dispatchers (`dispatcher`, `dispatcher-2`, ...), (with stream_port) the live
    stream and (with web_port) the web app, in start order; gunicorn runs `workers` processes of `threads` threads
    for each service. With front (the production profile's runtime folder), the services listen on Unix sockets
    there and nginx on the ports (the live stream's path on the main API's)."""
    crm_url = f"http://{host}:{crm_port}"
    main_url = f"http://{host}:{main_port}"
    service_env = _service_env(host, main_port, crm_port, web_port, env)

    def log(name: str) -> Path | None:
        return log_dir / f"{name}.log" if log_dir else None

    crm_argv, main_argv = _api_commands(
        host, main_port, crm_port, dev=dev, workers=workers, threads=threads, front=front
    )
    services = [
        ServiceProcess("crm", crm_argv, service_env, f"{crm_url}/health", log("crm")),
        ServiceProcess("main-api", main_argv, service_env, f"{main_url}/health", log("main-api")),
    ]
    services += _dispatchers(dispatchers, service_env, log)
    if stream_port:
        services.append(_live_stream(host, main_url, stream_port, front, service_env, log("live")))
        # Behind nginx the browser finds the stream at the main API's address.
        service_env = {**service_env, "STREAM_PORT": str(main_port if front else stream_port)}
        service_env["LIVE_STREAM_URL"] = f"http://{host}:{stream_port}"  # Vite's dev proxy
    if web_port:
        services.append(web_service(host, web_port, dev=dev, env=service_env, log_path=log("web"), front=front))
    return services


def _service_env(host: str, main_port: int, crm_port: int, web_port: int | None, env: dict) -> dict:
    """The environment every service starts with: the addresses the launcher derives, then env on top."""
    derived = {"CRM_BASE_URL": f"http://{host}:{crm_port}", "MAIN_API_URL": f"http://{host}:{main_port}"}
    if web_port:
        derived["CORS_ORIGINS"] = web_origins(host, web_port)
        derived["PUBLIC_WEB_URL"] = web_origins(host, web_port).split(",")[0]
    # Derived only where neither the environment nor .env (loaded into it) says otherwise: a CRM on another
    # host or behind a proxy is configured with CRM_BASE_URL, as .env.example documents.
    service_env = {name: os.environ.get(name) or value for name, value in derived.items()}
    service_env.update({"CRM_PORT": str(crm_port), "MAIN_PORT": str(main_port), **env})
    return service_env


def _api_commands(
    host: str, main_port: int, crm_port: int, *, dev: bool, workers: int, threads: int, front: Path | None
) -> tuple[list[str], list[str]]:
    """The CRM's and the main API's commands: Flask's dev servers with --dev, else gunicorn (behind nginx: sockets)."""
    if dev:
        crm_argv = flask_command("crm_microservice", "run", "--host", host, "--port", str(crm_port), "--debug")
        main_argv = flask_command("main_app", "run", "--host", host, "--port", str(main_port), "--debug")
        return crm_argv, main_argv
    crm_bind, main_bind = (
        (front_server.socket_bind(front, "crm"), front_server.socket_bind(front, "main-api"))
        if front
        else (f"{host}:{crm_port}", f"{host}:{main_port}")
    )
    crm_argv = gunicorn_command("crm_microservice:create_app()", crm_bind, workers, threads)
    main_argv = gunicorn_command("main_app:create_app()", main_bind, workers, threads)
    return crm_argv, main_argv


def _dispatchers(count: int, service_env: dict, log) -> list[ServiceProcess]:
    """The outbox dispatchers `dispatcher`, `dispatcher-2`, ...; restarted when they stop."""
    dispatchers = []
    for number in range(1, count + 1):
        # SKIP LOCKED keeps them apart. On SQLite one of them holds the UDP wake-up port; the others poll.
        name = "dispatcher" if number == 1 else f"dispatcher-{number}"
        command = flask_command(WORKER_APP, "crm-dispatch")
        dispatchers.append(
            ServiceProcess(name, command, service_env, None, log(name), ready_text="Dispatching outbox", restart=True)
        )
    return dispatchers


def _live_stream(
    host: str, main_url: str, stream_port: int, front: Path | None, service_env: dict, log_path: Path | None
) -> ServiceProcess:
    """The live stream of notification centres, on its port or (behind nginx) its socket."""
    where = ["--unix", str(front / front_server.SOCKETS["live"])] if front else ["--port", str(stream_port)]
    live = flask_command(WORKER_APP, "live-stream", "--host", host, *where)
    health = f"{main_url if front else f'http://{host}:{stream_port}'}/me/notifications/stream/health"
    return ServiceProcess("live", live, service_env, health, log_path)


def web_service(
    host: str, web_port: int, *, dev: bool, env: dict, log_path: Path | None, front: Path | None = None
) -> ServiceProcess:
    """The web app: the built frontend/dist on gunicorn, or Vite's dev server (proxying to the services) with --dev."""
    web_env = {
        **env,
        "WEB_PORT": str(web_port),
        "WEB_HOST": host,
        "MAIN_API_URL": env["MAIN_API_URL"],
        "CRM_API_URL": env["CRM_BASE_URL"],
    }
    url = f"http://{host}:{web_port}"
    if dev:
        # Vite itself, not `npx vite`: killing npx would leave vite running.
        vite = FRONTEND / "node_modules" / ".bin" / "vite"
        return ServiceProcess(
            "web",
            [str(vite), "--host", host, "--port", str(web_port), "--strictPort"],
            web_env,
            f"{url}/",
            log_path,
            cwd=FRONTEND,
        )
    bind = front_server.socket_bind(front, "web") if front else f"{host}:{web_port}"
    return ServiceProcess(
        "web", gunicorn_command("web_ui:create_app()", bind, 1, 4), web_env, f"{url}/health", log_path
    )


def mail_destination(env=os.environ) -> str:
    """Where the dispatcher sends emails, as the banner says it: an SMTP server (no password), or the folder."""
    url = env.get("MAIL_URL", "").strip()
    if url:
        from main_app.services.emails.transport import SmtpTransport

        try:
            return f"sent to {SmtpTransport(url).describe()}"
        except ValueError:
            return "MAIL_URL is not an smtp:// or smtps:// address"
    folder = Path(__file__).resolve().parent / (env.get("MAIL_FOLDER") or "instance/mail")
    return f"written as .eml files to {folder}"


def print_banner(
    host: str,
    main_port: int,
    crm_port: int,
    web_port: int,
    demo: bool = True,
    front: Path | None = None,
    stream_port: int | None = None,
    stand_in: int | None = None,
    whatsapp: int | None = None,
) -> None:
    """Tell the person at the terminal where everything is (and the demo accounts, when demo; the stand-ins for
    Razorpay's and WhatsApp's ports, when they run)."""
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    print(f"""
All services are up.
  Web app    http://{shown}:{web_port}   <- open this in your browser
  Main API   http://{host}:{main_port}   (try: curl http://{host}:{main_port}/events)
  CRM        http://{host}:{crm_port}   (try: curl http://{host}:{crm_port}/notifications)
  API docs   http://{host}:{main_port}/openapi.json
  Live       http://{host}:{main_port if front else stream_port}/me/notifications/stream   (notification counts)
  Emails     {mail_destination()}""")
    if not os.environ.get("MAIL_URL", "").strip() and not is_production(os.environ):
        print(f"             read them in the web app's mailbox: http://{shown}:{web_port}/mailbox")
    if front:
        print(f"  nginx in front on all three ports (production profile); its config: {front / 'nginx.conf'}")
    if stand_in:
        print(
            f"  Razorpay   http://127.0.0.1:{stand_in}   a stand-in with test keys: payments go there, no money moves"
        )
    if whatsapp:
        print(f"  WhatsApp   http://127.0.0.1:{whatsapp}   a stand-in for Meta: its conversations are in the mailbox")
    if demo:
        print('\nDemo accounts (log in on the web app, or POST /auth/login with {"username": ..., "password": ...}):')
        for username, password, name, role in DEMO_ACCOUNTS:
            print(f"  {username:<7} {password:<10} {name:<18} {role}")
    print("\nPress Ctrl-C to stop everything.", flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev",
        action="store_true",
        help="Flask's debug server and Vite's dev server, both reloading on change, instead of gunicorn",
    )
    parser.add_argument(
        "--production",
        action="store_true",
        help="the production profile: nginx in front on the ports, gunicorn behind it, APP_ENV=production",
    )
    parser.add_argument(
        "--host", default=os.environ.get("HOST", "127.0.0.1"), help="address to bind (default 127.0.0.1)"
    )
    parser.add_argument(
        "--razorpay-stand-in",
        action="store_true",
        help="a stand-in for Razorpay on RAZORPAY_STAND_IN_PORT (5004), the main API paying through it with test keys",
    )
    parser.add_argument(
        "--no-whatsapp-stand-in",
        action="store_true",
        help="no stand-in for WhatsApp on WHATSAPP_STAND_IN_PORT (5005): the WHATSAPP_* settings as they are",
    )
    args = parser.parse_args(argv)
    if args.dev and args.production:
        parser.error("--dev and --production exclude each other")
    if args.razorpay_stand_in and args.production:
        parser.error("--razorpay-stand-in is for trying Razorpay locally, not for the production profile")
    return args


def stand_in_port() -> int:
    """RAZORPAY_STAND_IN_PORT from the environment (default 5004)."""
    return int(os.environ.get("RAZORPAY_STAND_IN_PORT") or 5004)


def _stand_in_keys():
    """The stand-in's test keys, read from the tests' razorpay_shapes.py by its path: a test module, never a package
    the services import (nor one on their path)."""
    spec = importlib.util.spec_from_file_location("razorpay_shapes", RAZORPAY_STAND_IN.with_name("razorpay_shapes.py"))
    shapes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shapes)
    return shapes


def razorpay_stand_in(host: str, main_port: int) -> ServiceProcess:
    """The stand-in for Razorpay, and the main API's settings pointed at it: PAYMENT_PROVIDER=razorpay, its API and
    Checkout addresses and its test keys (these win over .env: the stand-in takes no other keys). Its webhooks,
    signed as Razorpay signs them, go to the main API."""
    keys = _stand_in_keys()
    url = f"http://127.0.0.1:{stand_in_port()}"
    os.environ.update(
        PAYMENT_PROVIDER="razorpay",
        RAZORPAY_API_BASE=url,
        RAZORPAY_CHECKOUT_JS=f"{url}/v1/checkout.js",
        RAZORPAY_KEY_ID=keys.KEY_ID,
        RAZORPAY_KEY_SECRET=keys.KEY_SECRET,
        RAZORPAY_WEBHOOK_SECRET=keys.WEBHOOK_SECRET,
    )
    webhook = f"http://{host}:{main_port}/payments/webhook/razorpay"
    argv = [sys.executable, str(RAZORPAY_STAND_IN), "--port", str(stand_in_port()), "--webhook", webhook]
    return ServiceProcess("razorpay", argv, {}, f"{url}/v1/checkout.js")


def service_ports() -> tuple[int, int, int, int]:
    """MAIN_PORT, CRM_PORT, WEB_PORT and STREAM_PORT from the environment (defaults 5000, 5001, 5173, 5003)."""
    try:
        return tuple(int(os.environ.get(name) or default) for name, default in PORTS)
    except ValueError as exc:
        raise RuntimeError(f"MAIN_PORT, CRM_PORT, WEB_PORT and STREAM_PORT must be port numbers ({exc})") from None


def ports_in_use(host: str, ports) -> list[int]:
    """The ports a plain bind on host cannot take. gunicorn binds with SO_REUSEPORT, so a second copy of the
    system would share the first one's ports without a word: this check is what stops it."""
    taken = []
    for port in ports:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a stopped run's TIME_WAIT is no owner
            try:
                probe.bind((host, port))
            except OSError:
                taken.append(port)
    return taken


def plan(argv=None) -> tuple[argparse.Namespace, list[ServiceProcess]]:
    """The arguments and the services to start, from argv, the environment and ENV_FILE (which never overrides
    the environment); a RuntimeError names a bad setting."""
    sys.path.insert(0, str(ROOT))
    from dotenv import load_dotenv

    from main_app.config import load_launcher_settings

    load_dotenv(ENV_FILE, override=False)  # first: HOST there is --host's default
    args = parse_args(argv)
    scale = load_launcher_settings()  # GUNICORN_WORKERS, GUNICORN_THREADS, DISPATCHERS
    main_port, crm_port, web_port, stream_port = service_ports()
    args.front, front = None, []
    if args.production:
        args.front, nginx = _nginx(args.host, main_port, crm_port, web_port)
        front = [nginx]
    if args.razorpay_stand_in:  # first: the services read the settings it makes
        front = [razorpay_stand_in(args.host, main_port)]
    production = args.production or is_production(os.environ)
    args.whatsapp = whatsapp_stand_in.wanted(production, args.no_whatsapp_stand_in)
    if args.whatsapp:  # likewise
        front.append(whatsapp_stand_in.whatsapp_stand_in(args.host, main_port))
        args.web_url = os.environ.get("PUBLIC_WEB_URL") or web_origins(args.host, web_port).split(",")[0]
    services = build_services(
        args.host,
        main_port,
        crm_port,
        dev=args.dev,
        env={},
        web_port=web_port,
        front=args.front,
        stream_port=stream_port,
        **scale,
    )
    return args, front + services


def _nginx(host: str, main_port: int, crm_port: int, web_port: int) -> tuple[Path, ServiceProcess]:
    """The production profile's runtime folder and nginx, its config written there; the services learn they are
    behind it."""
    # nginx is the one proxy the services believe; the environment and .env still win.
    os.environ.setdefault("APP_ENV", "production")
    os.environ.setdefault("TRUSTED_PROXIES", "1")
    nginx = front_server.find_nginx()
    front = Path(tempfile.mkdtemp(prefix="booking-front-"))
    conf = front_server.write_config(
        front,
        host=host,
        main_port=main_port,
        crm_port=crm_port,
        web_port=web_port,
        dist=FRONTEND / "dist",
        max_body=int(os.environ.get("MAX_CONTENT_LENGTH") or 65536),
        max_batch_body=int(os.environ.get("NOTIFY_BATCH_MAX_CONTENT_LENGTH") or 2 * 1024 * 1024),
        max_import_body=int(os.environ.get("CLIENT_IMPORT_MAX_BYTES") or 8 * 1024 * 1024),
        max_studio_import_body=int(os.environ.get("STUDIO_IMPORT_MAX_BYTES") or 64 * 1024 * 1024),
        embed_limits=embed_limits(os.environ),
    )
    return front, ServiceProcess("nginx", front_server.nginx_command(nginx, conf, front))


def main(argv=None) -> int:
    """Prepare, start, watch and stop the system."""
    try:
        args, services = plan(argv)
    except RuntimeError as exc:
        print(f"Start-up failed: {exc}", file=sys.stderr)
        return 1
    try:
        return run(args, services)
    finally:
        if args.front:  # the production profile's nginx.conf, sockets and temporary files
            shutil.rmtree(args.front, ignore_errors=True)
        if args.whatsapp:
            whatsapp_stand_in.templates_path().unlink(missing_ok=True)


def run_ports(args: argparse.Namespace) -> tuple[int, ...]:
    """The TCP ports this run listens on, the stand-ins' included."""
    main_port, crm_port, web_port, stream_port = service_ports()
    # Behind nginx the live stream listens on a socket, not its port.
    ports = (main_port, crm_port, web_port) if args.front else (main_port, crm_port, web_port, stream_port)
    ports += (stand_in_port(),) if args.razorpay_stand_in else ()
    return ports + ((whatsapp_stand_in.port(),) if args.whatsapp else ())


def run(args: argparse.Namespace, services: list[ServiceProcess]) -> int:
    """Check the ports, migrate, start every service, watch them until Ctrl-C or SIGTERM, then stop them all."""
    main_port, crm_port, web_port, stream_port = service_ports()
    if taken := ports_in_use(args.host, run_ports(args)):
        print(
            f"Start-up failed: port {', '.join(map(str, taken))} on {args.host} is in use (is the system already "
            "running?). Stop it, or choose other ports with MAIN_PORT, CRM_PORT, WEB_PORT and STREAM_PORT.",
            file=sys.stderr,
        )
        return 1
    # SIGTERM stops it as Ctrl-C does, starting up included; and Ctrl-C stops it even when it was started with SIGINT
    # ignored (a shell's background job inherits that).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        print("Preparing databases...", flush=True)
        prepare_databases({})
        if args.whatsapp:
            whatsapp_stand_in.write_templates(args.web_url)
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(f"Start-up failed: {exc}", file=sys.stderr)
        return 1
    supervisor = Supervisor(services)
    try:
        supervisor.start()
        demo = not is_production(os.environ)
        stand_in = stand_in_port() if args.razorpay_stand_in else None
        whatsapp = whatsapp_stand_in.port() if args.whatsapp else None
        print_banner(args.host, main_port, crm_port, web_port, demo, args.front, stream_port, stand_in, whatsapp)
        return supervisor.watch()
    except KeyboardInterrupt:
        return 0
    except RuntimeError as exc:
        print(f"\nStart-up failed: {exc}", file=sys.stderr)
        return 1
    finally:
        supervisor.stop()


if __name__ == "__main__":
    sys.exit(main())
