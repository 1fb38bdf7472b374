"""The two doors to the staff routes of events, sessions, registrants and check-in: /api/facilitator/<id>/... (seed
004: a facilitator, over the sessions they teach) and /api/studios/<slug>/... (a studio's member, as far as their
role's permissions reach). A route module writes its views once and adds them to both blueprints (add_both); each
view reads who acts, and over what, from acting()."""

from functools import wraps

from flask import g, request
from flask_jwt_extended import current_user, verify_jwt_in_request

from service_kit.docs import BEARER
from service_kit.schemas import APIErrorSchema
from service_kit.security import bearer_token

from ..database import read_only
from ..error_codes import api_error
from ..models import ROLE_FACILITATOR, ROLES
from ..security import role_required
from ..services import studios
from ..services.studios import Staff


def acting() -> Staff:
    """Who acts in this request, as the door let them in."""
    return g.staff


def download_zone() -> str:
    """The zone a staff download gives its times in: the studio's clock, or UTC on the seed's facilitator routes,
    whose sessions may be in several studios."""
    studio = acting().studio
    return studio.timezone if studio is not None else "UTC"


def _documented(blp, wrapper):
    """Bearer auth, and the 401/403/404 answers every staff route can give."""
    for status in (401, 403, 404):
        wrapper = blp.alt_response(status, schema=APIErrorSchema)(wrapper)
    return blp.doc(security=BEARER)(wrapper)


def this_facilitator(view):
    """The seed door alone, for staff routes not yet on a studio's: the facilitator whose id is in the path (403 for
    anyone else)."""

    @role_required(ROLE_FACILITATOR)
    @wraps(view)
    def wrapper(*args, facilitator_id, **kwargs):
        if current_user.id != facilitator_id:
            raise api_error("forbidden.own_events")
        g.staff = Staff.facilitator(current_user, request.remote_addr)
        return view(*args, **kwargs)

    return wrapper


def seed_guard(blp):
    """guard(*permissions) for blp under /api/facilitator/<id>: the facilitator whose id is in the path (403 for
    anyone else), over the sessions they teach; the permissions are the studio door's."""

    def guard(*_permissions: str):
        def decorator(view):
            return _documented(blp, this_facilitator(view))

        return decorator

    return guard


def enter_studio(slug: str, permissions: tuple[str, ...]) -> studios.Membership:
    """The caller's way into the studio of slug, if it has any of the permissions (g.staff: who acts): a member's
    account token (their role's permissions), or one of the studio's API tokens (its own, within its maker's role);
    404 for another studio, 403 without the permissions, 401 for a dead token."""
    bearer = bearer_token()
    if studios.is_studio_token(bearer):
        grant = studios.token_grant(bearer, slug)
        found = studios.Membership(grant.studio, grant.role, grant.permissions).check(permissions)
        g.staff = Staff(grant.maker, grant.studio, grant.role, request.remote_addr, grant.permissions)
        return found
    verify_jwt_in_request()
    if current_user.role not in ROLES:
        raise api_error("forbidden.role", roles=" or ".join(ROLES))
    found = studios.require_any(current_user, slug, permissions)
    g.staff = Staff(current_user, found.studio, found.role, request.remote_addr)
    return found


def studio_guard(blp):
    """guard(*permissions) for blp under /api/studios/<slug>: a member of the studio whose role (or one of its API
    tokens) has any of the permissions (404 for anyone else, 403 for a member without them). The permissions stay on
    the view for the role matrix and docs/permissions.md."""

    def guard(*permissions: str):
        def decorator(view):
            @wraps(view)
            def wrapper(*args, slug, **kwargs):
                enter_studio(slug, permissions)
                return view(*args, **kwargs)

            wrapper.studio_permission = permissions
            return _documented(blp, wrapper)

        return decorator

    return guard


def add_both(routes, reads_only, seed_door, studio_door, seed_prefix: str = "") -> None:
    """Add each (rule, methods, view, permissions) of routes behind both doors: seed_door at seed_prefix + rule, and
    studio_door at rule for a member whose role has any of the permissions; a view in reads_only runs in read_only,
    outermost, so the caller's account is read in the same autocommit."""
    doors = ((seed_door, seed_guard(seed_door), seed_prefix), (studio_door, studio_guard(studio_door), ""))
    for door, guard, prefix in doors:
        for rule, methods, view, permissions in routes:
            guarded = guard(*permissions)(view)
            routed = read_only(guarded) if view in reads_only else guarded
            door.route(prefix + rule, methods=methods, endpoint=view.__name__)(routed)
