"""Commands: flask --app main_app seed-demo | create-admin | crm-dispatch | crm-reconcile | live-stream |
rotate-payment-keys | rotate-whatsapp-keys | whatsapp-templates."""

import json
import logging
import signal
import threading

import click
import flask_migrate
from flask import current_app
from flask.cli import with_appcontext

from main_app.delivery import name_os_thread, yield_cpu
from main_app.services.accounts import register_user
from main_app.services.catalogue import database_is_empty, seed_demo
from main_app.services.chats import rotate_secrets as rotate_whatsapp_secrets
from main_app.services.crm import reconcile_studio
from main_app.services.payments import rotate_payment_keys
from main_app.services.whatsapp import submissions
from service_kit.errors import APIError

from .lanes import build_lanes
from .models import ROLE_ADMIN

PASSWORD_LENGTH = (8, 128)  # as registration asks


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no accounts yet.")
@click.option("--upgrade", is_flag=True, help="Apply the migrations first, as `flask db upgrade` does.")
def seed_demo_command(if_empty: bool, upgrade: bool) -> None:
    """Create the demo facilitators, a demo user and their events."""
    if upgrade:  # start-up's one process for both: loading the app costs about as much as either
        flask_migrate.upgrade()
    if if_empty and not database_is_empty():
        click.echo("Database already has data; demo seed skipped.")
        return
    result = seed_demo()
    click.echo(f"Demo data ready: {result['facilitators']} facilitators, {result['events_created']} new events.")


@click.command("create-admin")
@with_appcontext
@click.option("--email", prompt=True, help="The admin's email, which they sign in with.")
@click.option("--name", prompt=True, help="The name shown for them.")
@click.password_option(help="Asked for (twice) when not given; 8 to 128 characters.")
def create_admin_command(email: str, name: str, password: str) -> None:
    """Create a platform admin account: a production install starts with none (STUDIO_SIGNUP=admin lets only
    platform admins make studios, and they can make any account a studio's owner)."""
    if "@" not in email.strip()[1:-1]:
        raise click.BadParameter("not an email address", param_hint="email")
    if not PASSWORD_LENGTH[0] <= len(password) <= PASSWORD_LENGTH[1]:
        raise click.BadParameter("8 to 128 characters", param_hint="password")
    try:
        admin = register_user(name, email, password, role=ROLE_ADMIN)
    except APIError as refused:
        raise click.ClickException(refused.message) from None
    click.echo(f"Platform admin {admin.email} created (account {admin.id}).")


# Libraries that say too much at INFO: fontTools, subsetting an invoice PDF's fonts, logs every glyph it keeps (the
# letters of a person's name among them) and the dispatcher makes one for every paid booking.
QUIET_LIBRARIES = ("fontTools",)


def log_at_info(process: str) -> None:
    """A long-running command's log: INFO and up with the time and the process's name; chatty libraries at WARNING."""
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s {process} %(levelname)s %(message)s")
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)


@click.command("crm-dispatch")
@with_appcontext
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
def crm_dispatch_command(once: bool) -> None:
    """Deliver the outbox until stopped (SIGINT/SIGTERM): notifications to the CRM and emails, each on its own lane."""
    log_at_info("dispatcher")
    app = current_app._get_current_object()
    priority = yield_cpu(app.config["DISPATCHER_NICENESS"])  # before any thread starts: they inherit it
    lanes, shared = build_lanes(app.config, listen=not once)
    if once:
        _deliver_what_is_due(lanes)
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: [lane.request_stop() for lane in lanes])
    where = ", ".join(f"{lane.channel} to {lane.client.base_url}" for lane in lanes)
    click.echo(f"Dispatching outbox: {where} ({priority}; Ctrl-C to stop)")
    try:
        crashed = _run_lanes(app, lanes)
    finally:
        shared.close()
    if crashed:
        raise SystemExit(1)


def _deliver_what_is_due(lanes) -> None:
    """--once: each lane delivers until nothing is due (or its receiver is down), then closes."""
    for lane in lanes:
        while lane.run_once() and not lane.down:
            pass
        lane.close()


def _run_lanes(app, lanes) -> list[str]:
    """Run each lane in its own thread until all stop; the channels of the lanes that crashed."""
    crashed = []

    def run(lane) -> None:
        name_os_thread()
        with app.app_context():  # each lane its own database session
            try:
                lane.run()
            except Exception:
                crashed.append(lane.channel)
                logging.getLogger(__name__).exception("the %s lane stopped", lane.channel)
            finally:
                lane.close()

    threads = [threading.Thread(target=run, args=(lane,), name=f"{lane.channel}-lane") for lane in lanes]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        for thread in threads:
            thread.join(timeout=0.5)  # short joins: the main thread stays free to run the signal handler
        if crashed:  # one lane died: stop the other and exit non-zero, so a supervisor restarts us
            for lane in lanes:
                lane.request_stop()
    return crashed


@click.command("crm-reconcile")
@with_appcontext
@click.argument("slug")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the endpoint's JSON report instead (1000 differences at most)."
)
def crm_reconcile_command(slug: str, as_json: bool) -> None:
    """Compare the studio's client book in the CRM with the main API's records; list every difference (user id,
    field, CRM value, main API value) and exit 1 when there is any."""

    def show(difference) -> None:
        click.echo(f"user {difference.user_id}\t{difference.field}\tcrm={difference.crm}\tmain={difference.main}")

    try:
        report = reconcile_studio(slug, current_app.config, 0 if not as_json else 1000, None if as_json else show)
    except APIError as refused:
        raise click.ClickException(refused.message) from None
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        fields = ", ".join(f"{name} {count}" for name, count in report["by_field"].items()) or "none"
        compared, found = report["clients_compared"], report["difference_count"]
        click.echo(f"{compared} clients compared, {found} differences ({fields})")
    if report["difference_count"]:
        raise SystemExit(1)


@click.command("live-stream")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=5003, show_default=True)
@click.option("--unix", "unix_path", default=None, help="Listen on this Unix socket instead (behind nginx).")
def live_stream_command(host: str, port: int, unix_path: str | None) -> None:
    """Serve GET /me/notifications/stream (server-sent events) until stopped (SIGINT/SIGTERM)."""
    from aiohttp import web

    from .live.server import create_stream_app

    log_at_info("live")
    app = create_stream_app(current_app._get_current_object())
    where = f"unix:{unix_path}" if unix_path else f"http://{host}:{port}"
    # An open stream never ends by itself: stopping does not wait for the tabs.
    web.run_app(
        app,
        host=None if unix_path else host,
        port=None if unix_path else port,
        path=unix_path,
        shutdown_timeout=1,
        access_log=None,
        print=lambda _text: click.echo(f"Live stream on {where} (Ctrl-C to stop)", err=False),
    )


@click.command("rotate-payment-keys")
@with_appcontext
def rotate_payment_keys_command() -> None:
    """Seal every studio's payment keys again with PAYMENT_KEYS_KEY's first key (put the new key first, the old one
    after it, run this, then drop the old one)."""
    click.echo(f"Sealed again: {rotate_payment_keys(current_app.config)} studios' payment keys.")


@click.command("whatsapp-templates")
@with_appcontext
@click.option("--web-url", default=None, help="The web app's address the buttons open (default: PUBLIC_WEB_URL).")
def whatsapp_templates_command(web_url: str | None) -> None:
    """Print the WhatsApp templates to submit to Meta for approval, as JSON: a list of template-creation requests, one
    per template and language (docs/channels.md)."""
    made = submissions(web_url or current_app.config["PUBLIC_WEB_URL"])
    click.echo(json.dumps(made, ensure_ascii=False, indent=2))


@click.command("rotate-whatsapp-keys")
@with_appcontext
def rotate_whatsapp_keys_command() -> None:
    """Seal every studio's WhatsApp secrets again with WHATSAPP_KEYS_KEY's first key (put the new key first, the old
    one after it, run this, then drop the old one)."""
    click.echo(f"Sealed again: {rotate_whatsapp_secrets(current_app.config)} studios' WhatsApp secrets.")


def init_app(app) -> None:
    """Register the commands on app."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_admin_command)
    app.cli.add_command(crm_dispatch_command)
    app.cli.add_command(crm_reconcile_command)
    app.cli.add_command(live_stream_command)
    app.cli.add_command(rotate_payment_keys_command)
    app.cli.add_command(whatsapp_templates_command)
    app.cli.add_command(rotate_whatsapp_keys_command)
