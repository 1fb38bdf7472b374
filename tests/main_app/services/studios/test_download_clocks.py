"""Staff downloads give their times on the studio's clock, the zone named in the column's header (issue 79: an
accountant opening the attendance or passes CSV in a spreadsheet reads the studio's day, not UTC's)."""

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from main_app.extensions import db
from main_app.models import EventSession


def _rows(answer) -> list[list[str]]:
    assert answer.status_code == 200 and answer.mimetype == "text/csv", answer.get_data(as_text=True)
    return list(csv.reader(io.StringIO(answer.get_data(as_text=True))))


def test_the_attendance_csv_gives_when_each_class_starts_on_the_studios_clock(app, make_team, make_session):
    team = make_team("Pune Studio")
    owner = team.clients["owner"]
    moved = owner.patch(f"/api/studios/{team.slug}", json={"timezone": "Asia/Kolkata"})
    assert moved.status_code == 200, moved.get_json()
    session = make_session(facilitator_id=team.accounts["instructor"].id, studio_id=team.id, starts_in=timedelta(0))
    with app.app_context():
        starts_at = db.session.get(EventSession, session.id).starts_at
    end, start = (starts_at + timedelta(hours=2)).isoformat(), (starts_at - timedelta(hours=2)).isoformat()
    [header, *rows] = _rows(
        owner.get(f"/api/studios/{team.slug}/attendance.csv", query_string={"from": start, "to": end})
    )
    assert header[2] == "starts_at (Asia/Kolkata)"
    local = starts_at.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%Y-%m-%d %H:%M:%S")
    assert [row[2] for row in rows if row[0] == str(session.id)] == [local]
