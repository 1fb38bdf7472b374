"""What the client book's blueprints share: they answer on the SQL store only, and their routes document the same
refusals (staff: 403, 404, 501; the main API's service reads: 401, 404, 501)."""

from flask import current_app

from service_kit.blueprint import Blueprint
from service_kit.schemas import APIErrorSchema

from ..services import clients
from ..storage import get_store

NO_BOOK = "The JSON file store keeps no client book."


def sql_store_only(blp: Blueprint) -> None:
    """Every route of blp answers 501 on the JSON file store, which keeps no client book."""
    blp.before_request(lambda: clients.require_book(get_store(current_app)))


def refusals(blp: Blueprint, not_found: str, *, service: bool = False):
    """Decorator: the refusals a route of blp documents, 404 saying not_found; for staff 403 (the role lacks the
    permission), for the service token's routes 401 (not that token)."""
    first = (401, "Not the service token.") if service else (403, "The caller's role lacks the permission.")

    def documented(view):
        view = blp.alt_response(first[0], schema=APIErrorSchema, description=first[1])(view)
        view = blp.alt_response(404, schema=APIErrorSchema, description=not_found)(view)
        return blp.alt_response(501, schema=APIErrorSchema, description=NO_BOOK)(view)

    return documented
