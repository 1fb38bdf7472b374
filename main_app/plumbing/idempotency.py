"""Writes sent with an Idempotency-Key are done once (as Stripe's API does them): the key is taken in the transaction
of the write's first commit, its first answer (below 500) kept once the route is done, and a repeat of the same request
gets that answer again (Idempotent-Replayed: true) and changes nothing; the key with another request is refused (422).
Every unit of work commits when it ends, as without a key. A key belongs to its caller: a bearer token's account, the
operators' token, else the client's address. Kept a day."""

import hashlib
import io
import logging
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import Flask, Response, current_app, request
from flask_jwt_extended import decode_token, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt import PyJWTError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, PendingRollbackError

from service_kit import read_retry
from service_kit.errors import roll_back_session
from service_kit.security import is_service_token

from ..database import unit_of_work
from ..error_codes import api_error
from ..extensions import db
from ..models import IdempotentAnswer, utcnow

log = logging.getLogger(__name__)
HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Answers about the credentials or the caller's pace, not the request: a repeat with a new token, or later, is
# answered anew.
NOT_KEPT = frozenset({401, 429})
UNKEPT = "main_app.answer_not_kept"  # request.environ: answer_not_kept() was called
RETENTION = timedelta(hours=24)  # Stripe's: long past any client's retries of one request
BATCH_SIZE = 500  # answers deleted per transaction
INTERVAL = 60.0  # seconds between batches once nothing old is left


class KeyTaken(Exception):
    """Another request with this caller's key committed first."""


class OnceFlask(Flask):
    """The main API's Flask: a write carrying an Idempotency-Key is answered once (answer_once)."""

    def dispatch_request(self):
        """The route's answer; for a keyed write, the one answer its key keeps."""
        if request.method in WRITES and HEADER in request.headers and request.routing_exception is None:
            return answer_once(self, super().dispatch_request)
        return super().dispatch_request()


def answer_once(app: Flask, dispatch: Callable):
    """The answer to a keyed write: the route's, the key taken with its first commit and its answer kept after it; or
    the kept answer of an earlier request with the key (422 idempotency_key_reused when that was another request, 409
    idempotency_key_in_use when its answer is not there)."""
    key = request.headers[HEADER]
    if not KEY.fullmatch(key):
        raise api_error("idempotency_key_invalid", details={HEADER: [f"Got {len(key)} characters."]})
    scope = caller_scope()
    if scope is None:  # a token refused: the route answers 401, as it would without the key
        return dispatch()
    claim = Claim(scope, key, request_hash())
    read_retry.mark_keyed()  # answered again on a lost connection: the repeat finds what the first one committed
    if (earlier := claim.earlier()) is not None:
        return earlier
    try:
        with unit_of_work.before_commits(claim.take):
            response = _answered(app, dispatch)
        claim.keep(response)
    except KeyTaken:  # another request with the key committed first (nothing of this one is): its answer
        return claim.theirs()
    return response


def _answered(app: Flask, dispatch: Callable) -> Response:
    """The route's answer, its errors answered as the app answers them (so a refusal is kept like a success)."""
    try:
        answer = dispatch()
    except KeyTaken:
        raise
    except Exception as exc:  # every error becomes its answer, as Flask would make it
        answer = app.handle_user_exception(exc)
    return app.make_response(answer)


def answer_not_kept() -> None:
    """This request's answer carries a credential (an access token), which no table keeps: its key is given back
    once the route is done, and the same request sent again is done again (a login gives a new token, a registration
    answers email_taken)."""
    request.environ[UNKEPT] = True


def caller_scope() -> str | None:
    """Whose key it is: "account:<id>" for a valid bearer token, "service" for the operators' token,
    "address:<client address>" without a token; None for a token that is not valid."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return f"address:{request.remote_addr}"
    if is_service_token(token):
        return "service"
    try:
        return account_scope(decode_token(token)["sub"])
    except (JWTExtendedException, PyJWTError, KeyError):
        return None


def account_scope(user_id: int | str) -> str:
    """The scope of an account's keys."""
    return f"account:{user_id}"


def request_hash() -> str:
    """sha256 of the method, the path with its query, and the body (read within the app's body limits); the body stays
    readable, as request.stream too (a studio import reads its ZIP from it)."""
    body = request.get_data(cache=True)
    request.stream = io.BytesIO(body)  # werkzeug's stream reads once; this one is the body read here
    digest = hashlib.sha256(f"{request.method} {request.full_path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


class Claim:
    """A caller's key on one request: an earlier answer found, the key taken with the first commit, the answer kept."""

    def __init__(self, scope: str, key: str, hashed: str):
        self.scope, self.key, self.hashed = scope, key, hashed
        self.taken = False

    def earlier(self) -> Response | None:
        """The kept answer of an earlier request with this key (422 for another request's key, 409 without an answer);
        None when the key is new."""
        found = db.session.execute(
            select(IdempotentAnswer.request_hash, IdempotentAnswer.status, IdempotentAnswer.body).where(self._mine())
        ).first()
        if found is None:
            return None
        if found.request_hash != self.hashed:
            raise api_error("idempotency_key_reused")
        if found.status is None:
            raise api_error("idempotency_key_in_use")
        if self.scope.startswith(account_scope("")):
            verify_jwt_in_request()  # a token revoked since (a logout) gets nothing back
        return replay(found.status, found.body)

    def theirs(self) -> Response:
        """The answer of the request that took the key first; 409 while it has none."""
        if (earlier := self.earlier()) is None:  # its claim is gone (pruned) between the two
            raise api_error("idempotency_key_in_use")
        return earlier

    def take(self) -> None:
        """Just before each commit of the route's units: the key taken in the first one's transaction."""
        if self.taken or request.environ.get(UNKEPT):
            return
        db.session.flush()  # the unit's own integrity errors are its own, not the key's
        self._insert(None, None)

    def keep(self, response: Response) -> None:
        """After the route, in a transaction of its own: its answer written to the key's claim, or with the key when no
        unit took it (a refusal that committed nothing is kept too); an answer not kept (answer_not_kept) gives the key
        back. A lost connection here keeps nothing, and the route's answer (its changes committed) is still sent: a
        repeat is then told the key is in use."""
        unkept = request.environ.get(UNKEPT)
        answer = None if unkept else kept_answer(response)
        if answer is None and not (unkept and self.taken):
            return  # not kept (a 5xx): a claim taken stays without an answer, and a repeat is told the key is in use
        try:
            with unit_of_work():
                if answer is None:
                    self._give_back()
                elif not (self.taken and self._answer(*answer)):
                    self._insert(*answer)
        except (OperationalError, PendingRollbackError) as exc:
            log.error("answer to an Idempotency-Key not kept: %s", type(getattr(exc, "orig", exc)).__name__)
            roll_back_session()

    def _mine(self):
        """This key's row."""
        return (IdempotentAnswer.scope == self.scope) & (IdempotentAnswer.key == self.key)

    def _give_back(self) -> None:
        """Delete the claim this request took: the same request sent again is done again."""
        db.session.execute(delete(IdempotentAnswer).where(self._mine()))

    def _answer(self, status: int, body: str | None) -> bool:
        """Write the answer to the claim this request took; False when its row is not there."""
        written = db.session.execute(update(IdempotentAnswer).where(self._mine()).values(status=status, body=body))
        return written.rowcount > 0

    def _insert(self, status: int | None, body: str | None) -> None:
        values = {"scope": self.scope, "key": self.key, "request_hash": self.hashed, "status": status, "body": body}
        try:
            db.session.execute(insert(IdempotentAnswer).values(**values, created_at=utcnow()))
        except IntegrityError:  # the unique (scope, key): another request with the key committed first
            raise KeyTaken from None
        self.taken = True


def kept_answer(response: Response) -> tuple[int, str | None] | None:
    """(status, JSON body or None when empty) of an answer kept for repeats; None for one not kept (500 and up, 401,
    429, a body that is not JSON)."""
    if response.status_code >= 500 or response.status_code in NOT_KEPT or response.is_streamed:
        return None
    body = response.get_data(as_text=True)
    if body and not response.is_json:
        return None
    return response.status_code, body or None


def replay(status: int, body: str | None) -> Response:
    """A kept answer, sent again."""
    response = current_app.response_class(body or "", status=status, mimetype="application/json" if body else None)
    response.headers[REPLAYED] = "true"
    return response


def forget_answers(now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Delete one batch of answers kept longer than RETENTION (the oldest first); how many."""
    with unit_of_work():
        ids = db.session.scalars(
            select(IdempotentAnswer.id)
            .where(IdempotentAnswer.created_at < (now or utcnow()) - RETENTION)
            .order_by(IdempotentAnswer.created_at)
            .limit(batch_size)
        ).all()
        if ids:
            db.session.execute(delete(IdempotentAnswer).where(IdempotentAnswer.id.in_(ids)))
    return len(ids)


def forget_answers_of(user_id: int) -> None:
    """Delete the answers kept for an account's keys (in the caller's transaction: the account is being erased)."""
    db.session.execute(delete(IdempotentAnswer).where(IdempotentAnswer.scope == account_scope(user_id)))


class AnswerPruner:
    """forget_answers from a lane's idle moments: a batch at a time, then a pause once a batch found no more."""

    def __init__(self, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic):
        self.interval, self.clock, self._next = interval, clock, 0.0

    def __call__(self) -> int:
        if self.clock() < self._next:
            return 0
        forgotten = forget_answers()
        self._next = self.clock() + (0.0 if forgotten == BATCH_SIZE else self.interval)
        return forgotten
