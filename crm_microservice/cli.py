"""The CRM's commands: `flask --app crm_microservice prune-notifications` and `rebuild-client-book <studio_id>`."""

import click
from flask import current_app
from flask.cli import with_appcontext

from .services import clients, retention
from .storage import get_store


@click.command("prune-notifications")
@with_appcontext
def prune_notifications() -> None:
    """Delete the notifications older than CRM_RETENTION_DAYS (nothing when it is unset or 0)."""
    click.echo(f"{retention.prune_all()} notifications pruned.")


@click.command("rebuild-client-book")
@click.argument("studio_id", type=click.IntRange(min=1))
@with_appcontext
def rebuild_client_book(studio_id: int) -> None:
    """Project the studio's stored notifications into its client book again (its figures reset first; notes, tags,
    consent and merges kept): for notifications stored before the client book, or to repair it."""
    if not get_store(current_app).keeps_client_book:
        raise click.ClickException("The client book needs the SQL store (CRM_STORAGE=sqlite or a PostgreSQL URL).")
    done = clients.rebuild(studio_id)
    click.echo(
        f"Studio {studio_id}: {done['replayed']} notifications projected (up to id {done['through']}), "
        f"{done['skipped']} skipped (data the client book cannot read)."
    )


def init_app(app) -> None:
    app.cli.add_command(prune_notifications)
    app.cli.add_command(rebuild_client_book)
