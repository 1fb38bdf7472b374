"""Commands: flask --app main_app seed-demo | crm-dispatch."""

import logging
import signal

import click
from flask import current_app
from flask.cli import with_appcontext

from .services.demo_data import database_is_empty, seed_demo
from .services.dispatcher import build_dispatcher


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no accounts yet.")
def seed_demo_command(if_empty: bool) -> None:
    """Create the demo facilitators, a demo user and their events."""
    if if_empty and not database_is_empty():
        click.echo("Database already has data; demo seed skipped.")
        return
    result = seed_demo()
    click.echo(f"Demo data ready: {result['facilitators']} facilitators, {result['events_created']} new events.")


@click.command("crm-dispatch")
@with_appcontext
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
def crm_dispatch_command(once: bool) -> None:
    """Deliver outbox messages to the CRM until stopped (SIGINT/SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s dispatcher %(levelname)s %(message)s")
    dispatcher = build_dispatcher(current_app.config, listen=not once)
    if once:
        while dispatcher.run_once() and not dispatcher.crm_down:
            pass
        dispatcher.close()
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: dispatcher.request_stop())
    click.echo(f"Dispatching outbox to {dispatcher.client.base_url} (Ctrl-C to stop)")
    try:
        dispatcher.run()
    finally:
        dispatcher.close()


def init_app(app) -> None:
    """Register the commands on app."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(crm_dispatch_command)
