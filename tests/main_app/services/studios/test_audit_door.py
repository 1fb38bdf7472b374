"""The audit log has one door (news.write_audit): no other code makes an AuditEntry, and a studio's own action and a
record's staff action both come in through it, with the same columns."""

import ast
from pathlib import Path

import pytest

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import AuditEntry
from main_app.services import news, studios

ROOT = Path(__file__).resolve().parents[4]
DOOR = Path("main_app/services/news/audit_trail.py")


def _makers_of_entries() -> list[str]:
    """Where main_app calls AuditEntry(...) (the model named by itself or as an attribute)."""
    found = []
    for path in sorted((ROOT / "main_app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "AuditEntry":
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    return found


def test_only_the_door_makes_an_audit_entry():
    makers = _makers_of_entries()
    assert [place.split(":")[0] for place in makers] == [DOOR.as_posix()], makers


@pytest.mark.parametrize("remote_addr", ["203.0.113.9", "", None])
def test_a_studios_action_goes_through_the_door_with_its_actors_name(app, team, monkeypatch, remote_addr):
    calls = []
    door = news.write_audit
    monkeypatch.setattr(news, "write_audit", lambda *args: calls.append(args) or door(*args))
    owner = team.accounts["owner"]
    with app.app_context(), unit_of_work():
        actor = studios.Actor(owner.id, "owner", remote_addr)
        studios.record(team.id, actor, "studio.settings_changed", ("studio", team.id), {"a": 1}, {"a": 2})
    [(studio_id, by, action, obj, before, after)] = calls
    assert by == news.AuditActor(owner.id, "owner", remote_addr, owner.name)
    with app.app_context():
        entry = db.session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert (entry.studio_id, entry.actor_id, entry.actor_role, entry.action) == (
            studio_id,
            owner.id,
            "owner",
            action,
        )
        assert (entry.object_type, entry.object_id, entry.before, entry.after) == (*obj, before, after)
        assert entry.remote_addr == (remote_addr or None)
        assert entry.labels == {"actor_id": {str(owner.id): owner.name}}
