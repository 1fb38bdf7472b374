"""deploy/ha: Patroni's shared file and each node's environment agree with each other and with the outage bound
docs/deployment.md gives (bench/failover.py starts the three nodes from them and measures it)."""

from pathlib import Path

import pytest
import yaml

HA = Path(__file__).resolve().parent.parent / "deploy" / "ha"
NODES = (1, 2, 3)
OUTAGE_BOUND = 15  # seconds writes may be unavailable after the primary is lost (issue 83's target)


def node(number: int) -> dict[str, str]:
    lines = (HA / f"node{number}.conf").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.fixture(scope="module")
def dcs() -> dict:
    return yaml.safe_load((HA / "patroni.yml").read_text())["bootstrap"]["dcs"]


def test_the_leader_key_runs_out_within_the_outage_bound_and_never_leaves_two_primaries(dcs):
    # Patroni's rule: a primary that cannot renew its key demotes itself before the key runs out.
    assert dcs["loop_wait"] + 2 * dcs["retry_timeout"] <= dcs["ttl"]
    # A standby takes over at most one loop after the key ran out; the promotion itself takes a second or two.
    assert dcs["ttl"] + dcs["loop_wait"] <= OUTAGE_BOUND - 2


def test_commits_wait_for_a_standby_and_only_that_standby_is_promoted(dcs):
    assert dcs["synchronous_mode"] is True and dcs["synchronous_node_count"] == 1
    parameters = dcs["postgresql"]["parameters"]
    assert dcs["postgresql"]["use_pg_rewind"] and parameters["wal_log_hints"] == "on"


def test_every_node_names_itself_and_the_same_three_etcd_members():
    nodes = [node(n) for n in NODES]
    assert [n["PATRONI_NAME"] for n in nodes] == ["db1", "db2", "db3"]
    assert all(set(n) == set(nodes[0]) for n in nodes)  # the same settings, each its own values
    for number, settings in zip(NODES, nodes, strict=True):
        address = f"10.0.0.1{number}"
        own = [value for key, value in settings.items() if key.endswith(("LISTEN", "ADDRESS", "_URLS"))]
        assert own and all(address in value for value in own), settings
        assert settings["ETCD_INITIAL_CLUSTER"] == nodes[0]["ETCD_INITIAL_CLUSTER"]
        assert f"etcd{number}=http://{address}:2380" in settings["ETCD_INITIAL_CLUSTER"]
        assert settings["PATRONI_ETCD3_HOSTS"].split(",") == [f"10.0.0.1{n}:2379" for n in NODES]
