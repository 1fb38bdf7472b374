"""start_services.py's pause before restarting a dispatcher that died: short at first, growing while it keeps dying."""

from launcher.supervisor import LONGEST_PAUSE, STEADY_SECONDS, exit_reason, restart_pause


def test_a_crash_loop_waits_longer_each_time_up_to_the_longest_pause():
    pauses = [restart_pause(None, 0.1)]
    for _ in range(10):
        pauses.append(restart_pause(pauses[-1], 0.1))
    assert pauses[:4] == [1, 2, 4, 8]
    assert pauses[-1] == LONGEST_PAUSE
    assert pauses == sorted(pauses)


def test_a_service_that_ran_steadily_before_dying_starts_over_with_the_first_pause():
    assert restart_pause(LONGEST_PAUSE, STEADY_SECONDS) == restart_pause(None, 0.1)


def test_exit_reasons_name_the_signal():
    assert exit_reason(-9) == "killed by SIGKILL"
    assert exit_reason(3) == "exit 3"
