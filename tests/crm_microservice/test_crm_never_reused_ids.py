"""A pruned notification's id never comes back: the inbox acts on notifications by id (issue 47)."""

import pytest
from never_reused_ids import NeverReusedIds

from crm_microservice.extensions import db

pytestmark = pytest.mark.both_databases


class TestCrmIds(NeverReusedIds):
    db = db

    def test_ids_only_grow_after_deletes(self, app):
        given = self.ids_given_after_deletes(app)
        assert given["crm_notifications"][1] > given["crm_notifications"][0]
