"""PostgreSQL: the outbox wakes the dispatchers itself, by a statement trigger that runs pg_notify('outbox_wakeup')
after every INSERT into it, delivered by the server on commit as before. The writing transaction no longer sends a
`SELECT pg_notify(...)` of its own: one round trip fewer for every booking, cancellation and reminder, and a message
written by any other path (an operator's SQL, a script) wakes them too. SQLite has no NOTIFY; nothing changes there
(the API sends its datagram after the commit).

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE FUNCTION outbox_wakeup() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('outbox_wakeup', '');  -- main_app.delivery.wakeup.CHANNEL
            RETURN NULL;
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER outbox_wakeup AFTER INSERT ON outbox_messages "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_wakeup()"
    )


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS outbox_wakeup ON outbox_messages")
    op.execute("DROP FUNCTION IF EXISTS outbox_wakeup()")
