"""A deleted row's id never comes back (issue 47): the pass ledger's holds name places in line, offers' links and
outbox payloads name places and bookings, long after those rows are gone."""

import pytest
from never_reused_ids import NeverReusedIds

from main_app.extensions import db

pytestmark = pytest.mark.both_databases


class TestMainIds(NeverReusedIds):
    db = db

    def test_ids_only_grow_after_deletes_in_every_table(self, app):
        given = self.ids_given_after_deletes(app)
        assert {"waitlist_entries", "bookings", "pass_ledger", "code_uses", "users"} <= set(given)
        assert {table: ids for table, ids in given.items() if ids[1] <= ids[0]} == {}
