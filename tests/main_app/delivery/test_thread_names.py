"""The lanes' threads carry their names to the operating system, where top -H and the benchmarks read them."""

import sys
import threading
from pathlib import Path

import pytest

from main_app.delivery import name_os_thread
from main_app.lanes import build_dispatcher

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread names are read from /proc"),
    pytest.mark.both_databases,
]


def os_name_of_a_thread(python_name: str, given: str | None = None) -> str:
    """The OS's name of a thread called python_name after it called name_os_thread(given)."""
    seen = []

    def work():
        name_os_thread(given)
        seen.append(Path(f"/proc/self/task/{threading.get_native_id()}/comm").read_text().strip())

    thread = threading.Thread(target=work, name=python_name)
    thread.start()
    thread.join()
    return seen[0]


def test_a_thread_takes_its_python_name_or_the_one_given():
    assert os_name_of_a_thread("email-lane") == "email-lane"
    assert os_name_of_a_thread("anything", given="crm-send_3") == "crm-send_3"


def test_a_long_name_is_cut_to_the_kernels_fifteen_bytes():
    assert os_name_of_a_thread("payments-send_12345") == "payments-send_1"


def test_the_dispatchers_sending_threads_are_named_after_their_lane(app):
    with app.app_context():
        dispatcher = build_dispatcher(app.config, channel="sms")
    try:
        native = dispatcher.pool.submit(threading.get_native_id).result(5)
        assert Path(f"/proc/self/task/{native}/comm").read_text().strip() == "sms-send_0"
    finally:
        dispatcher.close()
