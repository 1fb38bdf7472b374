"""The live stream of a person's notification centre, GET /me/notifications/stream: server-sent events from an
asyncio server, so an open tab costs a socket and a coroutine, not a gunicorn thread. The main API's own code
authenticates each stream (the same checks as any route); one query per tick watches every open stream."""

import asyncio
import json
import time
from functools import partial

from aiohttp import web
from flask import Flask
from flask_jwt_extended import current_user, get_jwt, verify_jwt_in_request

from main_app.services.notices import watched_counts

from .watch import Watchers

PATH = "/me/notifications/stream"
HEALTH_PATH = f"{PATH}/health"
WATCHERS = web.AppKey("watchers", Watchers)
EVENT_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",  # nginx passes each event on at once
}


def _counts(flask_app: Flask, user_ids: list[int]) -> dict[int, tuple[int, int]]:
    with flask_app.app_context():
        return watched_counts(user_ids)


def _authenticate(flask_app: Flask, authorization: str) -> tuple[int, float, tuple[int, int]] | web.Response:
    """(account id, when the token expires, its counts) for a valid token, as any route of the main API checks it;
    else the main API's own JSON error."""
    # A context of its own: the thread inherits the server's (the CLI runs in one), whose database session the
    # other threads would share.
    with flask_app.app_context(), flask_app.test_request_context(PATH, headers={"Authorization": authorization}):
        try:
            verify_jwt_in_request()
            user_id, expires = current_user.id, float(get_jwt()["exp"])
            return user_id, expires, watched_counts([user_id]).get(user_id, (0, 0))
        except Exception as exc:  # the main API's error handlers give the JSON it would answer
            answer = flask_app.make_response(flask_app.handle_user_exception(exc))
            challenge = {"WWW-Authenticate": answer.headers["WWW-Authenticate"]} if answer.status_code == 401 else {}
            return web.Response(
                status=answer.status_code, body=answer.get_data(), content_type=answer.mimetype, headers=challenge
            )


def _cors(flask_app: Flask, request: web.Request) -> dict:
    """CORS headers for a configured web app origin (none for another)."""
    origin = request.headers.get("Origin", "")
    if origin not in flask_app.config["CORS_ORIGINS"]:
        return {}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


def _event(counts: tuple[int, int]) -> bytes:
    total, unread = counts
    return f"event: counts\ndata: {json.dumps({'total': total, 'unread': unread})}\n\n".encode()


def _error(status: int, code: str, message: str, headers: dict) -> web.Response:
    body = {"error": {"code": code, "message": message, "details": {}}}
    return web.json_response(body, status=status, headers=headers)


async def stream(flask_app: Flask, request: web.Request) -> web.StreamResponse:
    """The caller's counts at once, then each time they change, until the token expires or the tab goes."""
    watchers, cors = request.app[WATCHERS], _cors(flask_app, request)
    if watchers.open_streams >= flask_app.config["STREAM_MAX_CONNECTIONS"]:
        return _error(503, "too_many_streams", "Too many open streams; try again shortly.", cors)
    known = await asyncio.to_thread(_authenticate, flask_app, request.headers.get("Authorization", ""))
    if isinstance(known, web.Response):
        known.headers.update(cors)
        return known
    user_id, expires, counts = known
    response = web.StreamResponse(headers={**EVENT_HEADERS, **cors})
    queue = watchers.add(user_id, counts)
    heartbeat = flask_app.config["STREAM_HEARTBEAT_SECONDS"]
    try:
        # In the try too: a tab closed while its token was checked is gone before the headers go out.
        await response.prepare(request)
        await response.write(b"retry: 2000\n" + _event(counts))
        while (left := expires - time.time()) > 0:
            try:
                counts = await asyncio.wait_for(queue.get(), timeout=min(heartbeat, left))
                await response.write(_event(counts))
            except TimeoutError:
                await response.write(b": still here\n\n")  # keeps proxies from closing a quiet stream
    except (ConnectionResetError, asyncio.CancelledError):
        pass  # the tab went away (aiohttp's ClientConnectionResetError is one): how every stream ends, not an error
    finally:
        watchers.remove(user_id, queue)
    return response


async def preflight(flask_app: Flask, request: web.Request) -> web.Response:
    """The browser's CORS check before a stream that sends Authorization."""
    cors = _cors(flask_app, request)
    if cors:
        cors |= {"Access-Control-Allow-Headers": "Authorization", "Access-Control-Allow-Methods": "GET"}
        cors["Access-Control-Max-Age"] = "600"
    return web.Response(status=204, headers=cors)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "service": "live", "streams": request.app[WATCHERS].open_streams})


def create_stream_app(flask_app: Flask) -> web.Application:
    """The stream server for the main API flask_app (its config, database and token checks)."""
    app = web.Application()
    app[WATCHERS] = Watchers(partial(_counts, flask_app), flask_app.config["STREAM_POLL_INTERVAL"])
    app.router.add_get(PATH, partial(stream, flask_app))
    app.router.add_route("OPTIONS", PATH, partial(preflight, flask_app))
    # Under the stream's own path, so that behind nginx the launcher checks it at the main API's address.
    app.router.add_get(HEALTH_PATH, health)

    async def watch(app: web.Application):
        task = asyncio.create_task(app[WATCHERS].run())
        yield
        task.cancel()

    app.cleanup_ctx.append(watch)
    return app
