"""The operating system's name of a lane's threads (top -H, ps -L, /proc/PID/task/TID/comm): the lanes share one
process, and these names are how an operator, or bench/sustained.py, tells each lane's CPU apart."""

import ctypes
import sys
import threading

PR_SET_NAME = 15  # prctl(2): names the calling thread
NAME_BYTES = 15  # what the kernel keeps of a name


def _prctl():
    """libc's prctl on Linux; None elsewhere (the names are a convenience, nothing depends on them)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()


def name_os_thread(name: str | None = None) -> None:
    """Give the calling thread's OS thread `name` (its Python name by default), cut to the kernel's 15 bytes."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_NAME, ctypes.c_char_p((name or threading.current_thread().name).encode()[:NAME_BYTES]), 0, 0, 0)
