"""Imported at start-up by every Python process of a test's stack (launch_stack puts this folder on PYTHONPATH).

Quick exits: a service with the app loaded holds some 200,000 objects; on exit the interpreter's last garbage
collections go through all of them, in each gunicorn worker copying the pages it shares with its master. That is
about 0.4 s of CPU per process, some 10 processes a stack, stopped at once on a CI machine's 2 cores: seconds per
test. Frozen (gc.freeze), the objects are left to the operating system as the process ends; registered first, this
runs after every other exit handler (the log handlers' flush included), so it changes nothing that a test reads.

No orphans: a test run killed outright (SIGKILL, or SIGTERM, on which pytest runs no teardown) would leave its
stacks running, holding ports and PostgreSQL connections that later runs then lack. Each service watches for the
process that started it to go and then stops itself as a SIGTERM would stop it. (Not prctl's parent-death signal:
that follows the thread that started the child, not the process.)
"""

import atexit
import gc
import os
import signal
import threading
import time

atexit.register(gc.freeze)


def _stop_with_the_test_run(parent: int) -> None:
    while os.getppid() == parent and parent != 1:  # 1: orphaned already, before this ran
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


threading.Thread(target=_stop_with_the_test_run, args=(os.getppid(),), name="test-run-watch", daemon=True).start()
