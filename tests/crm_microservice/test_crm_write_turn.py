"""The CRM's SQLite writers take turns within a process (the same rule as the main API's)."""
from crm_microservice.extensions import db, write_turn
from probes import most_inside_at_once


def test_sqlite_writers_take_turns_other_databases_do_not_wait(app):
    with app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
    most = most_inside_at_once(app, write_turn)
    assert most == 1 if sqlite else most > 1


def test_a_turn_can_be_taken_again_by_its_holder(app):
    with app.app_context():
        with write_turn():
            with write_turn():  # re-entrant: a service holding it may call another that takes it
                pass
