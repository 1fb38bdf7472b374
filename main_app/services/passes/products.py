"""Pass products: what a studio puts on sale (class packs and memberships, for all its events or some), edited for
sales to come (a pass sold keeps the terms it was bought on) and retired when no longer sold. Staff reach them
through studios.Staff: a studio's members its products, a facilitator on the seed routes those they made."""

from flask import current_app
from sqlalchemy import and_, delete, exists, insert, or_, select

from main_app.plumbing import lock
from main_app.services import studios
from main_app.services.studios import Staff, as_staff
from service_kit.errors import ValidationFailed

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    PASS_MEMBERSHIP,
    PRODUCT_ON_SALE,
    PRODUCT_RETIRED,
    Event,
    PassProduct,
    StudioInvoicing,
    pass_product_events,
    utcnow,
)

COVERS = pass_product_events
# What a facilitator may change on a product; its kind stays what it was made as.
EDITABLE = ("name", "description", "credits", "valid_days", "period", "sessions_per_week", "price", "currency")
EDITABLE += ("new_customers_only", "timezone", "shareable")
AUDITED = (*EDITABLE, "kind", "event_ids")  # a product's terms as its audit entries record them


def own_events(staff: Staff, event_ids: list[int] | None) -> list[int]:
    """The events a pass or code is to cover, each one of the studio's (on the seed routes, one the facilitator made);
    400 naming event_ids otherwise."""
    if not event_ids:
        return []
    staff = as_staff(staff)
    ids = sorted(set(event_ids))
    own = set(db.session.scalars(select(Event.id).where(Event.id.in_(ids), staff.owns(Event))))
    if missing := [event_id for event_id in ids if event_id not in own]:
        problem = f"Not one of your events: {', '.join(map(str, missing))}."
        raise ValidationFailed(f"Invalid input: event_ids: {problem}", details={"event_ids": [problem]})
    return ids


def home_zone(staff: Staff, event_ids: list[int]) -> str:
    """The clock of a new product's weeks when none is given: the zone of the first event it covers, of the studio's
    (seed routes: the facilitator's) first event when it covers them all; with none, the studio's zone (seed: UTC)."""
    query = select(Event.timezone).where(staff.owns(Event)).order_by(Event.id).limit(1)
    if event_ids:
        query = query.where(Event.id.in_(event_ids))
    return db.session.scalar(query) or (staff.studio.timezone if staff.studio is not None else "UTC")


def _cover(product_id: int, event_ids: list[int]) -> None:
    """The product covers exactly these events from now on (none: every event of its studio)."""
    db.session.execute(delete(COVERS).where(COVERS.c.product_id == product_id))
    if event_ids:
        db.session.execute(insert(COVERS), [{"product_id": product_id, "event_id": e} for e in event_ids])


def events_covered(product_ids: list[int]) -> dict[int, list[int]]:
    """Each product's events (an empty list: all of its studio's)."""
    found: dict[int, list[int]] = {product_id: [] for product_id in product_ids}
    if found:
        rows = db.session.execute(
            select(COVERS.c.product_id, COVERS.c.event_id)
            .where(COVERS.c.product_id.in_(product_ids))
            .order_by(COVERS.c.event_id)
        )
        for product_id, event_id in rows:
            found[product_id].append(event_id)
    return found


def document(product: PassProduct, event_ids: list[int], tax_added: dict | None = None) -> dict:
    """A product as the API shows it; event_ids None when it covers every event of its studio; tax_added: the tax
    its studio adds to its price at checkout."""
    return {
        "id": product.id,
        "facilitator_id": product.facilitator_id,
        "name": product.name,
        "description": product.description,
        "kind": product.kind,
        "credits": product.credits,
        "valid_days": product.valid_days,
        "period": product.period,
        "sessions_per_week": product.sessions_per_week,
        "timezone": product.timezone,
        "price": product.price,
        "currency": product.currency,
        "tax_added": tax_added,
        "event_ids": event_ids or None,
        "new_customers_only": product.new_customers_only,
        "shareable": product.shareable,
        "status": product.status,
        "created_at": product.created_at.isoformat(),
        "retired_at": product.retired_at.isoformat() if product.retired_at else None,
    }


def documents(products: list[PassProduct], added: dict[int, dict] | None = None) -> list[dict]:
    """Products as the API shows them, with the tax each one's studio adds (added, by studio id, when read)."""
    covered = events_covered([product.id for product in products])
    if added is None:
        added = studios.added_taxes({product.studio_id for product in products})
    return [document(product, covered[product.id], added.get(product.studio_id)) for product in products]


@retry_on_deadlock
def create_product(staff: Staff, data: dict) -> dict:
    """Put a pass on sale in staff's studio (made by them): 201's document. 400 naming event_ids for events not the
    studio's."""
    staff = as_staff(staff)
    event_ids = own_events(staff, data.get("event_ids"))
    product = PassProduct(
        facilitator_id=staff.id,
        currency=data.get("currency") or current_app.config["DEFAULT_CURRENCY"],
        timezone=data.get("timezone") or home_zone(staff, event_ids),
        status=PRODUCT_ON_SALE,
        created_at=utcnow(),
        **{name: data[name] for name in (*EDITABLE, "kind") if name in data and name not in ("currency", "timezone")},
    )
    with unit_of_work():
        product.studio_id = studios.workplace(staff)
        db.session.add(product)
        db.session.flush()
        _cover(product.id, event_ids)
        made = document(product, event_ids, studios.added_tax(product.studio_id))
        after = {name: made[name] for name in AUDITED}
        studios.record(product.studio_id, staff.actor(), "pass_product.created", _obj(product), None, after)
    return made


def _obj(product: PassProduct) -> tuple[str, int]:
    return ("pass_product", product.id)


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    """The terms that differ between two of a product's documents: (before, after)."""
    names = [name for name in AUDITED if before[name] != after[name]]
    return {name: before[name] for name in names}, {name: after[name] for name in names}


def own_product(staff: Staff, product_id: int) -> PassProduct:
    """One of the products staff manage, fresh; 404 for any other."""
    product = db.session.get(PassProduct, product_id, populate_existing=True)
    if product is None or not as_staff(staff).owns_row(product):
        raise api_error("pass_not_found", pass_id=product_id)
    return product


def list_own(staff: Staff) -> list[dict]:
    """Every product staff manage, retired ones too, newest first."""
    products = db.session.scalars(
        select(PassProduct).where(as_staff(staff).owns(PassProduct)).order_by(PassProduct.id.desc())
    ).all()
    return documents(list(products))


@retry_on_deadlock
def update_product(staff: Staff, product_id: int, data: dict) -> dict:
    """Change a product for the sales to come; 409 pass_retired once it is no longer sold, 400 for terms of the other
    kind (a pack's credits on a membership)."""
    product = own_product(staff, product_id)
    if product.status == PRODUCT_RETIRED:
        raise api_error("pass_retired.sell_new")
    _check_kind_terms(product.kind, data)
    event_ids = own_events(staff, data.get("event_ids")) if "event_ids" in data else None
    with unit_of_work():
        lock(
            PassProduct,
            select(PassProduct).where(PassProduct.id == product.id).execution_options(populate_existing=True),
        )
        if product.status == PRODUCT_RETIRED:
            raise api_error("pass_retired.sell_new")
        before = documents([product])[0]
        for name in EDITABLE:
            if name in data:
                setattr(product, name, data[name])
        if event_ids is not None:
            _cover(product.id, event_ids)
        changed = documents([product])[0]
        was, now = _changed(before, changed)
        studios.record(product.studio_id, as_staff(staff).actor(), "pass_product.changed", _obj(product), was, now)
    return changed


def _check_kind_terms(kind: str, data: dict) -> None:
    """An edit keeps a product's kind: a membership takes no credits or days, a pack no period or weekly limit."""
    other = ("credits", "valid_days") if kind == PASS_MEMBERSHIP else ("period", "sessions_per_week")
    if wrong := [name for name in other if data.get(name) is not None]:
        problem = f"A {kind} has no {' or '.join(wrong)}."
        raise ValidationFailed(f"Invalid input: {wrong[0]}: {problem}", details={name: [problem] for name in wrong})


@retry_on_deadlock
def retire_product(staff: Staff, product_id: int) -> dict:
    """Stop selling a product (the passes sold of it stay good); 409 pass_retired when it was already."""
    product = own_product(staff, product_id)
    with unit_of_work():
        retired = db.session.execute(
            PassProduct.__table__.update()
            .where(PassProduct.id == product.id, PassProduct.status == PRODUCT_ON_SALE)
            .values(status=PRODUCT_RETIRED, retired_at=utcnow())
        )
        if retired.rowcount != 1:
            raise api_error("pass_retired")
        status = {"status": PRODUCT_ON_SALE}, {"status": PRODUCT_RETIRED}
        studios.record(product.studio_id, as_staff(staff).actor(), "pass_product.retired", _obj(product), *status)
    return documents([own_product(staff, product_id)])[0]


def on_sale(facilitator_id: int | None = None, event_id: int | None = None, studio_id: int | None = None) -> list[dict]:
    """The products on sale, oldest first: a facilitator's, a studio's, or those covering an event (listing it, or
    every event of its studio)."""
    adds_tax = and_(StudioInvoicing.studio_id == PassProduct.studio_id, *studios.TAX_ADDED)
    query = (
        select(PassProduct, StudioInvoicing.tax_name, studios.RATE_NOW.label("tax_rate"))
        .outerjoin(StudioInvoicing, adds_tax)  # the tax its studio adds, with the row: no statement more
        .where(PassProduct.status == PRODUCT_ON_SALE)
        .order_by(PassProduct.id)
    )
    if studio_id is not None:
        query = query.where(PassProduct.studio_id == studio_id)
    if facilitator_id is not None:
        query = query.where(PassProduct.facilitator_id == facilitator_id)
    if event_id is not None:
        owner = select(Event.studio_id).where(Event.id == event_id).scalar_subquery()
        listed = exists().where(COVERS.c.product_id == PassProduct.id)
        names_it = exists().where(COVERS.c.product_id == PassProduct.id, COVERS.c.event_id == event_id)
        query = query.where(PassProduct.studio_id == owner, or_(~listed, names_it))
    rows = db.session.execute(query).all()
    added = {row[0].studio_id: {"name": row.tax_name, "rate": row.tax_rate} for row in rows if row.tax_name}
    return documents([row[0] for row in rows], added)
