"""Ownership moves to studios: events, pass products, passes and discount codes belong to a studio, and each session
has an instructor (a member of its studio). Existing rows take the studio their facilitator owns (0042 made one for
every facilitator; anyone else who made rows gets one named after them here, with them as its owner), and each
session's instructor is its event's facilitator. Discount codes become unique per studio. The facilitator_id columns
stay: they say who made the row.

Revision ID: 0043
Revises: 0042
"""

import re
import unicodedata
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None
NEVER_REUSED = {"sqlite_autoincrement": True}  # SQLite rebuilds these tables here: keep 0037's AUTOINCREMENT
OWNED = ("events", "pass_products", "passes", "discount_codes")
# A studio's events not yet over (the catalogue's filter); its products and passes by id. Its codes are found by
# their unique (studio_id, code).
INDEXED = {
    "events": ("ix_events_studio_id_ends_at", ["studio_id", "ends_at"]),
    "pass_products": ("ix_pass_products_studio_id_id", ["studio_id", "id"]),
    "passes": ("ix_passes_studio_id_id", ["studio_id", "id"]),
}
OWNED_STUDIO = (
    "SELECT min(m.studio_id) FROM studio_members m WHERE m.user_id = {table}.facilitator_id AND m.role = 'owner'"
)


def upgrade():
    with _sqlite_rebuilds():
        _upgrade()


def downgrade():
    with _sqlite_rebuilds():
        _downgrade()


def _upgrade():
    for table in OWNED:
        with op.batch_alter_table(table, table_kwargs=NEVER_REUSED) as batch:
            batch.add_column(sa.Column("studio_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("sessions", table_kwargs=NEVER_REUSED) as batch:
        batch.add_column(sa.Column("instructor_id", sa.Integer(), nullable=True))
    _studio_for_every_maker()
    for table in OWNED:
        op.execute(f"UPDATE {table} SET studio_id = ({OWNED_STUDIO.format(table=table)})")
    op.execute("UPDATE sessions SET instructor_id = (SELECT e.facilitator_id FROM events e WHERE e.id = event_id)")
    _constrain()


def _downgrade():
    with op.batch_alter_table("sessions", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_index("ix_sessions_instructor_id_starts_at")
        batch.drop_constraint(op.f("fk_sessions_instructor_id_users"), type_="foreignkey")
        batch.drop_column("instructor_id")
    with op.batch_alter_table("discount_codes", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_constraint(op.f("uq_discount_codes_studio_id"), type_="unique")
        batch.create_unique_constraint(op.f("uq_discount_codes_facilitator_id"), ["facilitator_id", "code"])
    with op.batch_alter_table("discount_codes", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_index("ix_discount_codes_facilitator_id")
    for table in OWNED:
        with op.batch_alter_table(table, table_kwargs=NEVER_REUSED) as batch:
            if table in INDEXED:
                batch.drop_index(INDEXED[table][0])
            batch.drop_constraint(op.f(f"fk_{table}_studio_id_studios"), type_="foreignkey")
            batch.drop_column("studio_id")


@contextmanager
def _sqlite_rebuilds():
    """On SQLite, where altering a column rebuilds its table: foreign keys off around the rebuilds (the pragma is
    ignored inside a transaction, so each switch commits what ran before it), and each rebuilt table's AUTOINCREMENT
    counter kept where it was, so an id given before is never given again."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    with op.get_context().autocommit_block():
        op.execute("PRAGMA foreign_keys = OFF")
    counters = bind.execute(sa.text("SELECT name, seq FROM sqlite_sequence")).all()
    yield
    for name, seq in counters:
        bind.execute(
            sa.text("UPDATE sqlite_sequence SET seq = max(seq, :seq) WHERE name = :name"), {"name": name, "seq": seq}
        )
    broken = bind.execute(sa.text("PRAGMA foreign_key_check")).all()
    if broken:
        raise RuntimeError(f"rows refer to rows that do not exist: {broken[:5]}")
    with op.get_context().autocommit_block():
        op.execute("PRAGMA foreign_keys = ON")


def _constrain():
    for table in OWNED:
        with op.batch_alter_table(table, table_kwargs=NEVER_REUSED) as batch:
            batch.alter_column("studio_id", existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(op.f(f"fk_{table}_studio_id_studios"), "studios", ["studio_id"], ["id"])
            if table in INDEXED:
                batch.create_index(*INDEXED[table], unique=False)
    with op.batch_alter_table("discount_codes", table_kwargs=NEVER_REUSED) as batch:
        batch.drop_constraint(op.f("uq_discount_codes_facilitator_id"), type_="unique")
        batch.create_unique_constraint(op.f("uq_discount_codes_studio_id"), ["studio_id", "code"])
        batch.create_index("ix_discount_codes_facilitator_id", ["facilitator_id"], unique=False)
    with op.batch_alter_table("sessions", table_kwargs=NEVER_REUSED) as batch:
        batch.alter_column("instructor_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(op.f("fk_sessions_instructor_id_users"), "users", ["instructor_id"], ["id"])
        # "My teaching" and the seed routes: the sessions one person teaches, by start.
        batch.create_index("ix_sessions_instructor_id_starts_at", ["instructor_id", "starts_at"], unique=False)


def _studio_for_every_maker():
    """A studio (they own) for each person who made events, products, passes or codes and owns none."""
    bind = op.get_bind()
    makers = " UNION ".join(f"SELECT facilitator_id FROM {table}" for table in OWNED)
    owners = "SELECT user_id FROM studio_members WHERE role = 'owner'"
    people = bind.execute(
        sa.text(f"SELECT id, name, email, created_at FROM users WHERE id IN ({makers}) AND id NOT IN ({owners})")
    ).all()
    taken = set(bind.execute(sa.text("SELECT slug FROM studios")).scalars())
    for person in people:
        values = {"name": person.name, "slug": _slug(person.name, taken), "email": person.email}
        values["at"] = person.created_at
        bind.execute(
            sa.text(
                "INSERT INTO studios (name, slug, timezone, currency, contact_email, created_at)"
                " VALUES (:name, :slug, 'UTC', 'INR', :email, :at)"
            ),
            values,
        )
        studio_id = bind.execute(sa.text("SELECT id FROM studios WHERE slug = :slug"), values).scalar_one()
        bind.execute(
            sa.text("INSERT INTO studio_members (studio_id, user_id, role, created_at) VALUES (:s, :u, 'owner', :at)"),
            {"s": studio_id, "u": person.id, "at": person.created_at},
        )


def _slug(name: str, taken: set[str]) -> str:
    """A URL slug of name (ASCII letters, digits and hyphens), numbered when another studio has it."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:56] or "studio"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug
