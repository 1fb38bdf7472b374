"""SQLite: notification ids are AUTOINCREMENT, so a pruned notification's id never comes back

Without it SQLite gives a new row the highest id in use plus one, so once retention pruned the newest rows a
facilitator's inbox could act (mark read) on a new notification through an id that named an old one. SQLite can
only add AUTOINCREMENT by rebuilding the table (Alembic's batch mode keeps its columns, indexes and rows; nothing
refers to it by a foreign key). PostgreSQL's sequences never go back: nothing changes there.

Revision ID: 9e4b7c2d1f63
Revises: 5c2e8f1a9d47
Create Date: 2026-11-25 23:30:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "9e4b7c2d1f63"
down_revision = "5c2e8f1a9d47"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("crm_notifications", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("crm_notifications", recreate="always"):
            pass
