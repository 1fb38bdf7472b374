"""A studio to import clients into: its owner, its manager, a pack and a membership on sale, and a way to send a
file (dry run or import) and to run the import's steps."""

from dataclasses import dataclass

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import StudioMember

STUDIO = {"name": "Lotus Yoga", "timezone": "Asia/Kolkata", "currency": "INR", "country": "IN"}
PACK = {"name": "10 Class Pass", "kind": "pack", "credits": 10, "valid_days": 90, "price": 500_000}
MEMBERSHIP = {"name": "Unlimited Monthly", "kind": "membership", "period": "month", "price": 450_000}


@dataclass
class Shop:
    slug: str
    id: int
    owner: object
    manager: object
    pack_id: int
    membership_id: int

    @property
    def base(self) -> str:
        return f"/api/studios/{self.slug}/client-imports"


@pytest.fixture
def app(make_app, tmp_path):
    """Imports written three rows a step, their files in the test's own folder."""
    return make_app(CLIENT_IMPORT_CHUNK_ROWS=3, EXPORTS_DIR=str(tmp_path / "files"))


@pytest.fixture
def make_shop(app, make_user, client_for):
    """make_shop(name): a studio made by its owner through the API, with a manager, a pack and a membership."""

    def make(name: str = "Lotus Yoga") -> Shop:
        owner, manager = make_user(name=f"{name} owner"), make_user(name=f"{name} manager")
        owner_client = client_for(owner)
        made = owner_client.post("/api/studios", json={**STUDIO, "name": name})
        assert made.status_code == 201, made.get_json()
        studio = made.get_json()
        with app.app_context(), unit_of_work():
            db.session.add(StudioMember(studio_id=studio["id"], user_id=manager.id, role="manager"))
        ids = []
        for terms in (PACK, MEMBERSHIP):
            product = owner_client.post(f"/api/studios/{studio['slug']}/passes", json=terms)
            assert product.status_code == 201, product.get_json()
            ids.append(product.get_json()["id"])
        return Shop(studio["slug"], studio["id"], owner_client, client_for(manager), *ids)

    return make


@pytest.fixture
def shop(make_shop) -> Shop:
    return make_shop()


@pytest.fixture
def send(shop):
    """send(text, dry_run=True, **fields) → the answer's (status, JSON), as the studio's owner."""

    def post(text: str, dry_run: bool = True, **fields):
        answer = shop.owner.post(shop.base + ("/dry-run" if dry_run else ""), json={"csv": text, **fields})
        return answer.status_code, answer.get_json()

    return post
