"""Imported at start-up by every Python process of a test's stack (launch_stack puts this folder on PYTHONPATH).

A service with the app loaded holds some 200,000 objects; on exit the interpreter's last garbage collections go
through all of them, in each gunicorn worker copying the pages it shares with its master. That is about 0.4 s of
CPU per process, some 10 processes a stack, stopped at once on a CI machine's 2 cores: seconds per test. Frozen
(gc.freeze), the objects are left to the operating system as the process ends; registered first, this runs after
every other exit handler (the log handlers' flush included), so it changes nothing that a test reads.
"""

import atexit
import gc

atexit.register(gc.freeze)
