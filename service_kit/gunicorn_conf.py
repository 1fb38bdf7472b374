"""gunicorn settings both services run with: `gunicorn -c python:service_kit.gunicorn_conf ...`."""

from service_kit.body_limits import limit_for


def pre_request(worker, req) -> None:
    """Close the connection after answering a body over the app's MAX_CONTENT_LENGTH (413): what the app leaves
    unread of it must not be parsed as the next request, and the answer says `Connection: close`."""
    limit = limit_for(getattr(worker.wsgi, "config", {}), req.path)  # a batch route may take more
    length = next((value for name, value in req.headers if name == "CONTENT-LENGTH"), None)
    if limit is not None and length is not None and length.isdigit() and int(length) > limit:
        req.must_close = True
