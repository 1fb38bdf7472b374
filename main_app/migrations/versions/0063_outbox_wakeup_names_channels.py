"""PostgreSQL: the outbox's wake-up names the channels an INSERT wrote to (one NOTIFY each, its payload the channel),
so a dispatcher wakes only the lanes with something new; a booking no longer makes the SMS, payments and timers
lanes each look for work they do not have. SQLite's datagram says the same (main_app.delivery.wakeup).

Revision ID: 0063
Revises: 0062
"""

from alembic import op

revision = "0063"
down_revision = "0062"
branch_labels = None
depends_on = None

NAMING = """
    CREATE OR REPLACE FUNCTION outbox_wakeup() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- main_app.delivery.wakeup.CHANNEL; the server folds repeats within a transaction into one.
        PERFORM pg_notify('outbox_wakeup', written.channel) FROM (SELECT DISTINCT channel FROM added) AS written;
        RETURN NULL;
    END
    $$
"""
ANONYMOUS = """
    CREATE OR REPLACE FUNCTION outbox_wakeup() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('outbox_wakeup', '');
        RETURN NULL;
    END
    $$
"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS outbox_wakeup ON outbox_messages")
    op.execute(NAMING)
    op.execute(
        "CREATE TRIGGER outbox_wakeup AFTER INSERT ON outbox_messages REFERENCING NEW TABLE AS added "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_wakeup()"
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS outbox_wakeup ON outbox_messages")
    op.execute(ANONYMOUS)
    op.execute(
        "CREATE TRIGGER outbox_wakeup AFTER INSERT ON outbox_messages "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_wakeup()"
    )
