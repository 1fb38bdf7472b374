"""Session tallies: each begun class's attendance and pay figures, counted once by the timers lane, and the changes
waiting to be counted, noted by triggers in the transaction of every write that may change a class's figures (its
bookings, its line, its invoices, the class, its event or its studio), for a class that has begun (the lane counts
a class an hour after it began: a write begun before then would have to run for that hour to be missed).

Revision ID: 0059
Revises: 0058
"""

import sqlalchemy as sa
from alembic import op

from service_kit.columns import UTCDateTime

revision = "0059"
down_revision = "0058"
branch_labels = None
depends_on = None

SOON = {"sqlite": "datetime('now')", "postgresql": "now()"}  # begun: what the trigger notes
# (table, trigger, its events, the sessions it notes: a SELECT of session ids, reading NEW and OLD)
NOTED = "SELECT id FROM sessions WHERE id IN ({ids}) AND starts_at < {soon}"
OF_EVENTS = "SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id WHERE {which} AND s.starts_at < {soon}"
PAID = (
    "SELECT b.session_id FROM payments p JOIN bookings b ON b.id = p.booking_id JOIN sessions s ON s.id = b.session_id"
    " WHERE p.id = NEW.payment_id AND s.starts_at < {soon}"
    " UNION SELECT b.session_id FROM payments p JOIN passes ps ON ps.id = p.pass_id AND ps.kind = 'pack'"
    " JOIN bookings b ON b.pass_id = ps.id JOIN sessions s ON s.id = b.session_id"
    " WHERE p.id = NEW.payment_id AND s.starts_at < {soon}"
)
BOOKING = "status, attendance, seats, session_id, pass_id, cancelled_at, cancelled_by"
TRIGGERS = [
    ("bookings", "tally_booking_added", "INSERT", NOTED.format(ids="NEW.session_id", soon="{soon}")),
    (
        "bookings",
        "tally_booking_changed",
        f"UPDATE OF {BOOKING}",
        NOTED.format(ids="NEW.session_id, OLD.session_id", soon="{soon}"),
    ),
    ("bookings", "tally_booking_removed", "DELETE", NOTED.format(ids="OLD.session_id", soon="{soon}")),
    ("waitlist_entries", "tally_place_added", "INSERT", NOTED.format(ids="NEW.session_id", soon="{soon}")),
    (
        "waitlist_entries",
        "tally_place_moved",
        "UPDATE OF session_id",
        NOTED.format(ids="NEW.session_id, OLD.session_id", soon="{soon}"),
    ),
    ("waitlist_entries", "tally_place_removed", "DELETE", NOTED.format(ids="OLD.session_id", soon="{soon}")),
    ("sessions", "tally_session_added", "INSERT", "SELECT NEW.id WHERE NEW.starts_at < {soon}"),  # history imported
    (
        "sessions",
        "tally_session_changed",
        "UPDATE OF capacity, instructor_id, status, starts_at, event_id",
        "SELECT NEW.id WHERE OLD.starts_at < {soon} OR NEW.starts_at < {soon}",
    ),
    (
        "events",
        "tally_event_changed",
        "UPDATE OF late_cancel_hours, studio_id",
        OF_EVENTS.format(which="e.id = NEW.id", soon="{soon}"),
    ),
    (
        "studios",
        "tally_studio_changed",
        "UPDATE OF timezone, currency",
        OF_EVENTS.format(which="e.studio_id = NEW.id", soon="{soon}"),
    ),
    ("invoices", "tally_invoice_added", "INSERT", PAID),
]


def upgrade():
    op.create_table(
        "session_tallies",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("studio_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("weekday", sa.SmallInteger(), nullable=False),
        sa.Column("hour", sa.SmallInteger(), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("capacity", "booked", "attended", "no_shows", "late_cancels", "waited", "heads")
        ),
        sa.Column("net_revenue", sa.BigInteger(), nullable=False),
        sa.Column("counted_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sessions.id"], name=op.f("fk_session_tallies_session_id_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["studio_id"], ["studios.id"], name=op.f("fk_session_tallies_studio_id_studios"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_session_tallies")),
    )
    op.create_index("ix_session_tallies_studio_id_day", "session_tallies", ["studio_id", "day"])
    op.create_table(
        "tally_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tally_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_tally_changes_session_id", "tally_changes", ["session_id"])
    dialect = op.get_bind().dialect.name
    # Every class begun so far is noted, so the timers lane counts the history too.
    op.execute(f"INSERT INTO tally_changes (session_id) SELECT id FROM sessions WHERE starts_at < {SOON[dialect]}")
    for table, name, events, noted in TRIGGERS:
        noting = f"INSERT INTO tally_changes (session_id) {noted.format(soon=SOON[dialect])}"
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
    op.drop_index("ix_tally_changes_session_id", table_name="tally_changes")
    op.drop_table("tally_changes")
    op.drop_index("ix_session_tallies_studio_id_day", table_name="session_tallies")
    op.drop_table("session_tallies")
