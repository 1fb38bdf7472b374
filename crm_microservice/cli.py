"""The CRM's command: `flask --app crm_microservice prune-notifications`."""

import click
from flask.cli import with_appcontext

from .services import retention


@click.command("prune-notifications")
@with_appcontext
def prune_notifications() -> None:
    """Delete the notifications older than CRM_RETENTION_DAYS (nothing when it is unset or 0)."""
    click.echo(f"{retention.prune_all()} notifications pruned.")


def init_app(app) -> None:
    app.cli.add_command(prune_notifications)
