"""The growth benchmark's rows counted at each level and its printed table."""

import math
from dataclasses import dataclass, field

import sqlalchemy as sa

from crm_microservice.models import Notification
from main_app.extensions import db
from main_app.models import Booking, Checkin, EventSession, OutboxMessage, PassLedgerEntry

WIDTH = 118
FLAT = 1.5  # the target: at the largest level a request costs at most this much what it costs at the smallest
TITLES = {  # phase key -> (title, what one request is)
    "book": ("POST /bookings/book", "main API"),
    "book_pass": ("POST /bookings/book with a pass", "main API"),
    "events": ("GET /events (first page)", "main API"),
    "events_filtered": ("GET /events?… (six filters)", "main API"),
    "timetable": ("GET /timetable (a week)", "main API"),
    "mine": ("GET /bookings (1,000 past)", "main API"),
    "checkin": ("POST …/checkins (5 seats)", "main API"),
    "notify": ("CRM POST /notify", "CRM"),
    "claim": ("dispatcher, per message", "dispatcher"),
    "health": ("GET /health (for scale)", "main API"),
}
COUNTED = {
    "sessions": EventSession.__table__,
    "bookings": Booking.__table__,
    "ledger rows": PassLedgerEntry.__table__,
    "check-ins": Checkin.__table__,
    "outbox rows": OutboxMessage.__table__,
}


def count_rows(app, crm_url: str) -> dict[str, int]:
    """The rows of the tables that grow, in both databases."""
    with app.app_context(), db.engine.connect() as conn:
        counts = {
            name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for name, t in COUNTED.items()
        }
    engine = sa.create_engine(crm_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        counts["CRM notifications"] = conn.execute(
            sa.select(sa.func.count()).select_from(Notification.__table__)
        ).scalar_one()
    engine.dispose()
    return counts


@dataclass
class Level:
    """One level's data and figures: {phase: (CPU ms per request, requests/s, unexpected answers)}."""

    units: int
    seed_seconds: float
    counts: dict[str, int]
    figures: dict[str, tuple[float, float, int]]


@dataclass
class GrowthReport:
    """One backend's levels."""

    database: str
    levels: list[Level] = field(default_factory=list)

    def growth(self, key: str) -> float | None:
        """The largest level's CPU per request over the smallest's."""
        if len(self.levels) < 2:
            return None
        first, last = self.levels[0].figures[key][0], self.levels[-1].figures[key][0]
        return last / first if first and not math.isnan(first) and not math.isnan(last) else None

    def lines(self) -> list[str]:
        """This backend's block: the rows at each level, then CPU ms per request at each level and the growth."""
        out = [
            f"database  {self.database}",
            "",
            f"{'rows':<32}" + "".join(f"{f'{lv.units}x':>14}" for lv in self.levels),
        ]
        for name in self.levels[0].counts:
            out.append(f"{name:<32}" + "".join(f"{lv.counts[name]:>14,}" for lv in self.levels))
        out.append(f"{'seconds to write':<32}" + "".join(f"{lv.seed_seconds:>14.0f}" for lv in self.levels))
        out += [
            "",
            f"{'CPU ms per request':<32}{'process':<12}"
            + "".join(f"{f'{lv.units}x':>10}" for lv in self.levels)
            + f"{'growth':>10}{'target':>8}  met",
        ]
        for key, (title, process) in TITLES.items():
            if key not in self.levels[0].figures:
                continue
            growth = self.growth(key)
            verdict = "" if growth is None or key == "health" else ("yes" if growth <= FLAT else "NO")
            out.append(
                f"{title:<32}{process:<12}"
                + "".join(f"{lv.figures[key][0]:>10.2f}" for lv in self.levels)
                + f"{'' if growth is None else f'{growth:.2f}':>10}"
                + f"{'' if key == 'health' else f'≤{FLAT}':>8}  {verdict}"
            )
        out += ["", f"{'CPU ms a second, idle':<44}" + "".join(f"{f'{lv.units}x':>10}" for lv in self.levels)]
        for name in self.levels[0].figures["idle"]:
            out.append(f"{name:<44}" + "".join(f"{lv.figures['idle'][name]:>10.1f}" for lv in self.levels))
        out += ["", f"{'requests (messages) a second':<44}" + "".join(f"{f'{lv.units}x':>10}" for lv in self.levels)]
        for key, (title, _process) in TITLES.items():
            if key in self.levels[0].figures:
                out.append(f"{title:<44}" + "".join(f"{lv.figures[key][1]:>10.0f}" for lv in self.levels))
        odd = [
            f"{TITLES[key][0]} at {lv.units}x: {lv.figures[key][2]}"
            for lv in self.levels
            for key in TITLES
            if key in lv.figures and lv.figures[key][2]
        ]
        out += ["", "unexpected answers (or messages left): " + ("; ".join(odd) if odd else "none")]
        return out

    @staticmethod
    def print_all(header: list[str], reports: list["GrowthReport"], seconds: float) -> None:
        """Print the header and each backend's block."""
        rule = "=" * WIDTH
        out = [rule, "Growth benchmark (CPU per request from each process's own counters, as history grows)", rule]
        out += header
        for report in reports:
            out += ["", "-" * WIDTH, *report.lines()]
        out += ["", f"run took {seconds:.0f} s", rule]
        print("\n".join(out), flush=True)
