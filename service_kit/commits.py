"""How a unit of work (service_kit.database.UnitOfWork) commits: at its end, or, for a write whose answer is kept with
its changes (an Idempotency-Key), when the request's answer is known."""

from collections.abc import Callable

from sqlalchemy.orm import Session

COMMITTING = "unit_of_work_commits"  # Session.info while a unit of work makes its one commit (no other commit is right)
# Session.info inside UnitOfWork.deferred: what runs before each of its commits; and PENDING while a finished unit's
# commit waits for the next unit, a rollback that ends reads, or the request's answer.
DEFERRED = "unit_of_work_deferred"
PENDING = "unit_of_work_pending"


def commit(session: Session, keep_loaded: bool) -> None:
    """The unit of work's one commit."""
    session.expire_on_commit = not keep_loaded
    session.info[COMMITTING] = True
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
        session.info.pop(COMMITTING, None)


def defer_commit(session: Session, keep_loaded: bool) -> None:
    """A unit's end inside UnitOfWork.deferred: flushed now (its integrity errors are its own), objects expired as its
    commit would expire them, the commit itself waiting."""
    session.flush()
    if not keep_loaded:
        session.expire_all()
    session.info[PENDING] = True


def commit_pending(
    session: Session, last_writes: Callable[[bool], None] | None = None, *, always: bool = False
) -> None:
    """Make the commit a finished unit left waiting (UnitOfWork.deferred), its before_commit first, or instead
    last_writes(whether a unit's changes were waiting); with always, commit even when nothing waits. On an error
    nothing of it is kept."""
    pending = session.info.pop(PENDING, False)
    if not (pending or always):
        return
    try:
        if last_writes is not None:
            last_writes(pending)
        elif (before_commit := session.info.get(DEFERRED)) is not None:
            before_commit()
        commit(session, keep_loaded=True)  # expired as each unit ended (defer_commit), not again
    except BaseException:
        session.rollback()
        raise
