"""The dispatcher's shared wake-up channel rings only the lanes of the channels a wake-up names."""

import queue
import threading
import time

import pytest

from main_app.delivery import SharedWakeup
from main_app.delivery.wakeup import ANY, STOPPED, TIMED_OUT, WOKEN, UdpWaiter, heard_channels, send_udp_wakeup

NO_POLL = 60.0  # the shared channel's poll interval: no poll rings during a test


class ScriptedWaiter:
    """A wake-up channel whose waits end as the test says: woken with the channels named, or timed out."""

    def __init__(self):
        self.script: queue.Queue = queue.Queue()
        self.heard: set[str] = set()

    def wait(self, timeout: float) -> str:
        try:
            outcome, self.heard = self.script.get(timeout=timeout)
        except queue.Empty:
            return TIMED_OUT
        return outcome

    def wake(self) -> None:
        self.script.put((STOPPED, set()))

    def close(self) -> None:
        pass


@pytest.fixture
def shared():
    waiter = ScriptedWaiter()
    wakeup = SharedWakeup(waiter, NO_POLL)
    yield wakeup, waiter.script
    wakeup.close()


def rung(wakeup: SharedWakeup, channel: str, times: int, within: float = 5.0) -> bool:
    """Whether the channel's lane has been rung `times` times within `within` seconds."""
    deadline = time.monotonic() + within
    while wakeup.rings(channel) < times and time.monotonic() < deadline:
        time.sleep(0.01)
    return wakeup.rings(channel) >= times


def test_a_wake_up_rings_only_the_lanes_of_the_channels_it_names(shared):
    wakeup, script = shared
    script.put((WOKEN, {"email", "crm"}))
    assert rung(wakeup, "email", 1) and rung(wakeup, "crm", 1)
    script.put((WOKEN, {"email"}))
    assert rung(wakeup, "email", 2)
    assert (wakeup.rings("crm"), wakeup.rings("sms"), wakeup.rings("timers")) == (1, 0, 0)


@pytest.mark.parametrize("outcome", [(WOKEN, {ANY}), (WOKEN, set()), (TIMED_OUT, set())], ids=["any", "none", "poll"])
def test_a_wake_up_naming_no_channel_and_a_poll_ring_every_lane(shared, outcome):
    wakeup, script = shared
    script.put(outcome)
    assert all(rung(wakeup, channel, 1) for channel in ("crm", "email", "sms", "payments", "app", "timers"))


@pytest.mark.both_databases
def test_a_lane_waits_through_other_channels_wake_ups_and_wakes_for_its_own(shared):
    wakeup, script = shared
    email, crm = wakeup.lane("email"), wakeup.lane("crm")
    outcomes = {}
    threads = [
        threading.Thread(target=lambda: outcomes.update(email=email.wait(10))),
        threading.Thread(target=lambda: outcomes.update(crm=crm.wait(0.5))),
    ]
    for thread in threads:
        thread.start()
    while threads[0].is_alive() or threads[1].is_alive():  # email's wake-ups until both waits have ended
        script.put((WOKEN, {"email"}))
        time.sleep(0.05)
    assert outcomes == {"email": WOKEN, "crm": TIMED_OUT}


def test_a_stopped_lane_never_waits_again(shared):
    wakeup, _ = shared
    lane = wakeup.lane("crm")
    lane.wake()
    assert lane.wait(NO_POLL) == STOPPED


@pytest.mark.parametrize(
    ("text", "named"),
    [("crm", {"crm"}), ("app,crm,email", {"app", "crm", "email"}), ("", {ANY}), ("!", {ANY}), ("crm,", {"crm", ANY})],
)
def test_what_a_wake_ups_text_names(text, named):
    assert heard_channels(text) == named


def test_the_udp_waiter_hears_the_channels_of_every_datagram_it_drains():
    waiter = UdpWaiter(0)  # a port of the system's choosing
    try:
        port = waiter.sock.getsockname()[1]
        send_udp_wakeup(port, {"email", "crm"})
        send_udp_wakeup(port, {"app"})
        send_udp_wakeup(port)  # names none: every lane
        deadline = time.monotonic() + 5
        while waiter.wait(0.2) != WOKEN and time.monotonic() < deadline:
            pass
        heard = set(waiter.heard)
        while waiter.wait(0.05) == WOKEN:  # a datagram that arrived after the first wait's drain
            heard |= waiter.heard
        assert heard == {"email", "crm", "app", ANY}
    finally:
        waiter.close()
