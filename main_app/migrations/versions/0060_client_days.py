"""Client days: each day a client came to a studio, counted by the timers lane for the clients report, and the clients
waiting to be counted again, noted by triggers in the transaction of every write that may change their visits to a
class that has begun (their bookings; the class, its event or its studio). The classes that begin are noted by the
lane itself, as it moves its mark (counting_marks) past them an hour after they began; the session tallies get a
mark too, in place of looking a week back for classes begun with no tally.

Revision ID: 0060
Revises: 0059
"""

import sqlalchemy as sa
from alembic import op

from service_kit.columns import UTCDateTime

revision = "0060"
down_revision = "0059"
branch_labels = None
depends_on = None

SOON = {"sqlite": "datetime('now')", "postgresql": "now()"}  # begun: what the triggers note
BEGUN = "EXISTS (SELECT 1 FROM sessions WHERE id IN ({ids}) AND starts_at < {soon})"
BOOKED = (
    "SELECT DISTINCT b.user_id FROM bookings b JOIN sessions s ON s.id = b.session_id"
    " JOIN events e ON e.id = s.event_id WHERE {which} AND s.starts_at < {soon}"
)
# (table, trigger, its events, the clients it notes: a SELECT of user ids, reading NEW and OLD)
TRIGGERS = [
    (
        "bookings",
        "clients_booking_added",
        "INSERT",
        "SELECT NEW.user_id WHERE " + BEGUN.format(ids="NEW.session_id", soon="{soon}"),
    ),
    (
        "bookings",
        "clients_booking_changed",
        "UPDATE OF status, attendance, session_id, user_id",
        "SELECT who.user_id FROM (SELECT NEW.user_id AS user_id UNION SELECT OLD.user_id) AS who WHERE "
        + BEGUN.format(ids="NEW.session_id, OLD.session_id", soon="{soon}"),
    ),
    (
        "bookings",
        "clients_booking_removed",
        "DELETE",
        "SELECT OLD.user_id WHERE " + BEGUN.format(ids="OLD.session_id", soon="{soon}"),
    ),
    (
        "sessions",
        "clients_session_changed",
        "UPDATE OF status, starts_at, event_id",
        "SELECT DISTINCT user_id FROM bookings WHERE session_id = NEW.id"
        " AND (OLD.starts_at < {soon} OR NEW.starts_at < {soon})",
    ),
    ("events", "clients_event_changed", "UPDATE OF studio_id", BOOKED.format(which="e.id = NEW.id", soon="{soon}")),
    (
        "studios",
        "clients_studio_changed",
        "UPDATE OF timezone",
        BOOKED.format(which="e.studio_id = NEW.id", soon="{soon}"),
    ),
]


def upgrade():
    op.create_table(
        "client_days",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("previous", sa.Date(), nullable=True),
        sa.Column("week_first", sa.SmallInteger(), nullable=False),
        sa.Column("month_first", sa.SmallInteger(), nullable=False),
        sa.Column("back_after", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_client_days_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_client_days_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "studio_id", "day", name=op.f("pk_client_days")),
    )
    op.create_index(
        "ix_client_days_studio_id_day",
        "client_days",
        ["studio_id", "day", "previous", "visits", "week_first", "month_first", "back_after"],
    )
    op.create_table(
        "client_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_client_changes_user_id", "client_changes", ["user_id"])
    op.create_table(
        "counting_marks",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("through", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counting_marks")),
    )
    # No marks yet: the lane's first moves note every class begun and every client who came so far, so the history
    # gets counted too.
    op.execute("INSERT INTO counting_marks (name, through) VALUES ('client_days', NULL), ('session_tallies', NULL)")
    dialect = op.get_bind().dialect.name
    for table, name, events, noted in TRIGGERS:
        noting = f"INSERT INTO client_changes (user_id) {noted.format(soon=SOON[dialect])}"
        if dialect == "sqlite":
            op.execute(f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW BEGIN {noting}; END")
            continue
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {noting}; RETURN NULL; END $$"
        )
        op.execute(f"CREATE TRIGGER {name} AFTER {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")


def downgrade():
    dialect = op.get_bind().dialect.name
    for table, name, _events, _noted in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if dialect == "sqlite" else f" ON {table}"))
        if dialect == "postgresql":
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("counting_marks")
    op.drop_index("ix_client_changes_user_id", table_name="client_changes")
    op.drop_table("client_changes")
    op.drop_index("ix_client_days_studio_id_day", table_name="client_days")
    op.drop_table("client_days")
