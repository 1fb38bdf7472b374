"""A teacher's diary: when they are busy (their classes and private sessions) and the lock giving them a time."""

from .busy import busy_times, lock_teachers, refuse_if_privates

__all__ = ["busy_times", "lock_teachers", "refuse_if_privates"]
