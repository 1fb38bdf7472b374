"""Rows written through the database driver in bulk (executemany on SQLite, COPY on PostgreSQL), each value as its
column's type binds it: millions of seeded rows in seconds, not minutes. The writer binds no column defaults, so
every row names each column the table requires; ids come from IdBlocks when later rows refer to them."""

import sqlalchemy as sa


class BulkWriter:
    """Writes lists of row dicts (all with the same keys) into tables, on one connection's transaction."""

    def __init__(self, conn):
        self.dialect = conn.dialect
        self.cursor = conn.connection.driver_connection.cursor()

    def write(self, table, rows: list[dict]) -> None:
        """Insert rows into table."""
        if not rows:
            return
        names = list(rows[0])
        binds = [table.c[name].type.dialect_impl(self.dialect).bind_processor(self.dialect) for name in names]
        values = [
            tuple(v if bind is None or v is None else bind(v) for bind, v in zip(binds, row.values(), strict=True))
            for row in rows
        ]
        columns = ", ".join(names)
        if self.dialect.name == "sqlite":
            marks = ", ".join("?" * len(names))
            self.cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({marks})", values)
            return
        with self.cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
            for value in values:
                copy.write_row(value)


class IdBlocks:
    """Integer ids handed out past each table's largest, so rows written in bulk can refer to each other; done()
    moves PostgreSQL's sequences past them, so the services' own inserts go on from there."""

    def __init__(self, conn):
        self.conn = conn
        self.next: dict[str, int] = {}

    def take(self, table, count: int) -> range:
        """count fresh ids of table."""
        if table.name not in self.next:
            largest = self.conn.execute(sa.select(sa.func.max(table.c.id))).scalar()
            self.next[table.name] = (largest or 0) + 1
        first = self.next[table.name]
        self.next[table.name] = first + count
        return range(first, first + count)

    def done(self) -> None:
        """Set each PostgreSQL sequence to the last id handed out (SQLite's rowids follow the largest by themselves)."""
        if self.conn.dialect.name != "postgresql":
            return
        for name, following in self.next.items():
            self.conn.execute(
                sa.text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :last)"),
                {"table": name, "last": following - 1},
            )
