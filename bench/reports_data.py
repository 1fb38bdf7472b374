"""The reports benchmark's data: the growth bench's history (growth_data.py) written into ONE studio, the worst case
for its reports, with four neighbour studios beside it. A unit is a week of it: 200 events of five sessions (every
fourth a retreat), 1,000 past sessions taught by eight instructors (each with a pay rate, two without), and 10,000
bookings, every tenth cancelled (a third of those late: by the person, three hours before the start), the others
marked attended or, one in five, no-show. The people are a pool of 1,000 a unit, each booking ten times over the
weeks (OFFSETS: the next week, two, three, five, ... 55 weeks on, modulo the units written), so clients come back.
Of them one in ten holds a membership (a third renewing, a third run a year, a third lapsed), seven in ten a
10-class pack, two in ten pay each seat (reports_money.py: payments, invoices, credit notes, plans, daily figures).
Every tenth session is full, three people left in its line. Each neighbour studio has five events a unit (ten of
the same people in each session) and a pack for one person in a hundred. At 100 units: 100,000 sessions and
1,000,000 bookings in the studio over 100 weeks, streamed in bulk (bulk.py), then settled as growth does."""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import islice

from bulk import BulkWriter, IdBlocks
from growth_data import FAST_HASH_METHOD, event_row, event_times, session_row, settle, user_row
from reports_money import CLASS_PRICE, RETREAT_PRICE, Money, pass_row, product_row
from sqlalchemy import func, select
from studio_rows import owner_row, studio_row
from werkzeug.security import generate_password_hash

from main_app.extensions import db
from main_app.models import (
    MEMBER_INSTRUCTOR,
    ROLE_FACILITATOR,
    ROLE_USER,
    Booking,
    BookingInstalment,
    DailyRevenue,
    Event,
    EventSession,
    Invoice,
    Pass,
    PassProduct,
    Payment,
    Studio,
    StudioMember,
    User,
    WaitlistEntry,
)

UNIT_EVENTS, UNIT_PEOPLE, BOOKINGS_PER_PERSON = 200, 1_000, 10  # a unit: 1,000 sessions, 10,000 bookings
OFFSETS = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)  # the weeks of a person's ten bookings, after their first
INSTRUCTORS, NEIGHBOURS, NEIGHBOUR_EVENTS, NEIGHBOUR_SEATS = 8, 4, 5, 10
FULL_EVERY, WAITING = 10, 3  # every tenth session full, with three places left in its line
DUE_WEEKS = 4  # the newest weeks, whose payment plans' balances are still due
NO_RATE = dict.fromkeys(("pay_kind", "pay_amount", "pay_minimum", "pay_maximum", "pay_share"))
RATES = [
    NO_RATE | {"pay_kind": "flat", "pay_amount": 150_000},
    NO_RATE | {"pay_kind": "per_head", "pay_amount": 20_000, "pay_minimum": 100_000, "pay_maximum": 400_000},
    NO_RATE | {"pay_kind": "share", "pay_share": 4_000},
    NO_RATE,
]
MODELS = (User, Studio, StudioMember, PassProduct, Pass, Event, EventSession, Booking, WaitlistEntry)
MODELS += (Payment, Invoice, BookingInstalment, DailyRevenue)
TABLES = [model.__table__ for model in MODELS]


@dataclass
class World:
    """What every unit refers to: the studios (the first is the measured one), its instructors, the people's ids
    and the pass each books with (None: pays per seat), and the money made so far."""

    units: int
    now: datetime
    studios: list[dict]
    instructors: list[int]
    people: list[int]
    passes: list[int | None]
    money: Money
    counted: dict = field(default_factory=lambda: {"sessions": 0, "bookings": 0, "late cancels": 0})


@dataclass
class Seeded:
    """The measured studio and what was written."""

    slug: str
    owner_id: int
    owner_name: str
    seconds: float
    rows: dict[str, int]
    studio: dict[str, int]
    tallies: tuple[int, float] = (0, 0.0)  # session tallies counted after the seeding, and the seconds it took


def _users(ids: IdBlocks, bulk: BulkWriter, units: int, now: datetime) -> tuple[list, list, list]:
    """The studios' owners, the instructors and the people: their ids."""
    password_hash = generate_password_hash("reports-password", FAST_HASH_METHOD)
    owners = list(ids.take(User.__table__, 1 + NEIGHBOURS))
    instructors = list(ids.take(User.__table__, INSTRUCTORS))
    people = list(ids.take(User.__table__, units * UNIT_PEOPLE))
    rows = [user_row(u, f"Owner {u}", ROLE_FACILITATOR, password_hash, now) for u in owners]
    rows += [user_row(u, f"Instructor {u}", ROLE_USER, password_hash, now) for u in instructors]
    rows += [user_row(u, f"Client {u}", ROLE_USER, password_hash, now) for u in people]
    bulk.write(User.__table__, rows)
    return owners, instructors, people


def _studios(ids: IdBlocks, bulk: BulkWriter, owners: list[int], instructors: list[int], now) -> list[dict]:
    """The measured studio and its neighbours, each with its owner; the instructors (and their rates) in the first."""
    studios = []
    for n, (studio_id, owner) in enumerate(zip(ids.take(Studio.__table__, len(owners)), owners, strict=True)):
        name = "Reports Studio" if n == 0 else f"Neighbour Studio {n}"
        row = {"id": studio_id, **studio_row(owner, name, f"owner-{owner}@reports.example.com", "Asia/Kolkata", now)}
        studios.append(row | {"owner_id": owner, "email": row["contact_email"]})
    bulk.write(Studio.__table__, [{k: v for k, v in s.items() if k not in ("owner_id", "email")} for s in studios])
    bulk.write(StudioMember.__table__, [owner_row(s["id"], s["owner_id"], now) for s in studios])
    teaching = [
        owner_row(studios[0]["id"], user_id, now) | {"role": MEMBER_INSTRUCTOR} | RATES[n % len(RATES)]
        for n, user_id in enumerate(instructors)
    ]
    bulk.write(StudioMember.__table__, teaching)
    return studios


def _passes(ids: IdBlocks, bulk: BulkWriter, world: World) -> None:
    """Each person's pass in the studio (a membership for one in ten, a pack for seven), a neighbour's pack for one
    in a hundred, each bought on a day of the last two years and paid for, with its invoice."""
    main, now = world.studios[0], world.now
    products = [product_row(ids.take(PassProduct.__table__, 1)[0], s, "pack", now) for s in world.studios]
    membership = product_row(ids.take(PassProduct.__table__, 1)[0], main, "membership", now)
    bulk.write(PassProduct.__table__, [*products, membership])
    rows = []
    for p, user_id in enumerate(world.people):
        bought = now - timedelta(days=(p * 7 + p // 10) % 730 + 1, hours=p % 24)  # every kind on every day
        if p % 10 <= 7:
            product = membership if p % 10 == 0 else products[0]
            rows.append(pass_row(ids.take(Pass.__table__, 1)[0], product, user_id, bought, now, p // 10))
            world.passes[p] = rows[-1]["id"]
        if p % 100 == 42:
            neighbour = products[1 + (p // 100) % NEIGHBOURS]
            rows.append(pass_row(ids.take(Pass.__table__, 1)[0], neighbour, user_id, bought, now, p))
    bulk.write(Pass.__table__, rows)
    for row in rows:
        world.money.pass_sale(ids, row)
    world.money.flush(bulk)


def _events(ids: IdBlocks, world: World, u: int) -> tuple[list[dict], list[dict], list[dict]]:
    """Unit u's events and sessions, a week further back each unit (ending two days before now at the latest):
    (events, the studio's sessions, the neighbours' sessions): the studio's 200 events (instructors taking turns)
    and each neighbour's five (its owner teaching)."""
    week, events, ours, theirs = world.now - timedelta(days=9 + 7 * u), [], [], []
    plan = [(world.studios[0], UNIT_EVENTS)] + [(s, NEIGHBOUR_EVENTS) for s in world.studios[1:]]
    for studio, count in plan:
        owner = {"facilitator_id": studio["owner_id"], "studio_id": studio["id"]}
        for i, event_id in enumerate(ids.take(Event.__table__, count)):
            times = event_times(week + timedelta(days=7) * (i + 0.5) / count, i % 4 == 0, timedelta(hours=6))
            events.append(event_row(event_id, i, owner, times, world.now))
            price = RETREAT_PRICE if i % 4 == 0 else CLASS_PRICE
            for j, (sid, t) in enumerate(zip(ids.take(EventSession.__table__, len(times)), times, strict=True)):
                row = session_row(sid, events[-1], t, 30, 0, world.now) | {"price": price}
                if studio is world.studios[0]:
                    ours.append(row | {"instructor_id": world.instructors[(i + 3 * j) % INSTRUCTORS]})
                else:
                    theirs.append(row)
    return events, ours, theirs


CANCELS = ((timedelta(hours=3), "person"), (timedelta(days=3), "person"), (timedelta(days=1), "facilitator"))


def _booking(world: World, booking_id: int, session: dict, p: int, k: int) -> dict:
    """Person p's k-th booking: one of their ten cancelled, by (in turn, CANCELS) the person late, the person in
    time (refunded when paid per seat) or the studio (refunded likewise); the others marked attended or, two of ten,
    no-show. Which ones by a hash of p, so that a session's ten bookings (one per k) are not all alike."""
    starts, mixed = session["starts_at"], (p * 2_654_435_761) % 2**32 >> 16
    row = {
        "id": booking_id,
        "session_id": session["id"],
        "user_id": world.people[p],
        "status": "active",
        "created_at": starts - timedelta(days=5),
        "cancelled_at": None,
        "cancelled_by": None,
        "pass_id": world.passes[p],
        "attendance": "no_show" if (k + mixed // 10) % 5 == 0 else "attended",
    }
    if k != mixed % 10:
        return row
    how = (p // 10) % len(CANCELS)
    before, by = CANCELS[how]
    status = "refunded" if world.passes[p] is None and how else "cancelled"
    world.counted["late cancels"] += how == 0
    return row | {"status": status, "cancelled_at": starts - before, "cancelled_by": by, "attendance": None}


def _bookings(ids: IdBlocks, world: World, u: int, sessions: list[dict], events: dict) -> list[dict]:
    """Unit u's bookings in the studio: the k-th booking of each person of the (u + OFFSETS[k]) % units-th 1,000,
    in a session of their own (no two of one person's in one session); each seat paid per seat paid for."""
    stride = len(sessions) // BOOKINGS_PER_PERSON + 1  # 101: no person kind misses any kind of event
    booking_ids = iter(ids.take(Booking.__table__, len(sessions) * BOOKINGS_PER_PERSON))
    rows = []
    for k, offset in enumerate(OFFSETS):
        first = (u + offset) % world.units * UNIT_PEOPLE
        for j in range(UNIT_PEOPLE):
            p, session = first + j, sessions[(j + k * stride) % len(sessions)]
            rows.append(_booking(world, next(booking_ids), session, p, k))
            if world.passes[p] is None:
                world.money.seat_sale(ids, rows[-1], session, events[session["event_id"]], p * 10 + k, u < DUE_WEEKS)
    return rows


def _neighbour_bookings(ids: IdBlocks, world: World, sessions: list[dict]) -> list[dict]:
    """NEIGHBOUR_SEATS of the people in each neighbour's session, booked five days ahead and attended (the keys in
    _booking's order: the bookings are written together)."""
    rows, people = [], world.people
    for n, session in enumerate(sessions):
        held = {"status": "active", "created_at": session["starts_at"] - timedelta(days=5), "cancelled_at": None}
        held |= {"cancelled_by": None, "pass_id": None, "attendance": "attended"}
        for seat, booking_id in enumerate(ids.take(Booking.__table__, NEIGHBOUR_SEATS)):
            who = people[(n * 37 + seat) % len(people)]
            rows.append({"id": booking_id, "session_id": session["id"], "user_id": who} | held)
    return rows


def _taken(sessions: list[dict], bookings: list[dict]) -> dict[int, set]:
    """Each session's seats_taken set from its active bookings; returns who booked each (in any status)."""
    taken, booked = {}, {}
    for row in bookings:
        taken[row["session_id"]] = taken.get(row["session_id"], 0) + (row["status"] == "active")
        booked.setdefault(row["session_id"], set()).add(row["user_id"])
    for session in sessions:
        session["seats_taken"] = taken.get(session["id"], 0)
    return booked


def _waiting(sessions: list[dict], booked: dict[int, set], world: World) -> list[dict]:
    """Every FULL_EVERY-th of the studio's sessions made full, WAITING people left in its line (people holding no
    booking in it, in line since the day before): the waiting-list rows."""
    rows, people = [], world.people
    for n, session in enumerate(sessions):
        if n % FULL_EVERY != 3 or not session["seats_taken"]:
            continue
        session["capacity"] = session["seats_taken"]
        candidates = (people[(n * 101 + m) % len(people)] for m in range(len(people)))
        free = islice((p for p in candidates if p not in booked.get(session["id"], ())), WAITING)
        since = session["starts_at"] - timedelta(days=1)
        rows += [{"session_id": session["id"], "user_id": p, "created_at": since} for p in free]
    return rows


def _unit(ids: IdBlocks, bulk: BulkWriter, world: World, u: int) -> None:
    """Write unit u (its events, sessions, bookings, waiting lists and money) in one transaction."""
    events, ours, theirs = _events(ids, world, u)
    bookings = _bookings(ids, world, u, ours, {event["id"]: event for event in events})
    bookings += _neighbour_bookings(ids, world, theirs)
    booked = _taken([*ours, *theirs], bookings)
    waiting = _waiting(ours, booked, world)
    bulk.write(Event.__table__, events)
    bulk.write(EventSession.__table__, ours + theirs)
    bulk.write(Booking.__table__, bookings)
    bulk.write(WaitlistEntry.__table__, waiting)
    world.money.flush(bulk)
    world.counted["sessions"] += len(ours)
    world.counted["bookings"] += len(bookings) - len(theirs) * NEIGHBOUR_SEATS


def count_rows() -> dict[str, int]:
    """Rows in each table written (in the app's context)."""
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in TABLES}


def seed(app, units: int, progress=print) -> Seeded:
    """Write everything into the app's (migrated, empty) database, then settle it; what was written."""
    started, now = time.monotonic(), datetime.now(UTC)
    with app.app_context():
        with db.engine.begin() as conn:
            ids, bulk = IdBlocks(conn), BulkWriter(conn)
            owners, instructors, people = _users(ids, bulk, units, now)
            studios = _studios(ids, bulk, owners, instructors, now)
            money = Money({s["id"]: s for s in studios})
            world = World(units, now, studios, instructors, people, [None] * len(people), money)
            _passes(ids, bulk, world)
            ids.done()
        for u in range(units):
            with db.engine.begin() as conn:
                ids = IdBlocks(conn)
                _unit(ids, BulkWriter(conn), world, u)
                ids.done()
            if u % 10 == 9:
                progress(f"  {u + 1} of {units} units written ({time.monotonic() - started:.0f} s)")
        with db.engine.begin() as conn:
            daily = money.write_daily(BulkWriter(conn))
        settle(db.engine, TABLES)
        rows = count_rows()
        db.session.remove()
    main = studios[0]
    counted = world.counted | {"daily revenue rows": sum(1 for key in money.daily if key[0] == main["id"])}
    counted["all daily revenue rows"] = daily
    seconds = time.monotonic() - started
    return Seeded(main["slug"], main["owner_id"], f"Owner {main['owner_id']}", seconds, rows, counted)
