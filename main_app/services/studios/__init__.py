"""Studios as teams: studios, members and roles, the permission table, invitations, the audit log, WhatsApp."""

from .admin import all_studios, find_accounts
from .audit import Actor, entries, every_entry, record
from .audit import actor_names as audit_actor_names
from .audit import document as audit_document
from .audit import people as audit_people
from .closing import close_studio
from .delivery import delivery_messages, delivery_status, retry_dead
from .invitations import accept, complete_invitation, invite, open_invitations, withdraw
from .invitations import preview as invitation_preview
from .links import invitation_token
from .members import change_role, list_members, remove_member
from .permissions import (
    PERMISSIONS,
    ROLE_PERMISSIONS,
    SEED_PERMISSIONS,
    Membership,
    allowed,
    client_book_claim,
    require_any,
    seed_permissions,
    studios_where,
)
from .staff import Staff, as_staff
from .studios import by_slug as studio_by_slug
from .studios import (
    create_studio,
    document,
    home_studio_id,
    locked_studio,
    make_owner,
    my_studios,
    owned_studio_id,
    public_document,
    update_studio,
)
from .tax import EU_COUNTRIES, RATE_NOW, TAX_ADDED, added_tax, added_taxes, charged_tax, with_tax
from .teaching import TEACHING_ROLES, assign_instructor, hand_over_series, instructor_for, workplace
from .tokens import GRANTABLE, is_studio_token, make_token, revoke_token, studio_tokens, token_grant
from .whatsapp import connect_whatsapp, disconnect_whatsapp, whatsapp_document

__all__ = [
    "EU_COUNTRIES",
    "GRANTABLE",
    "PERMISSIONS",
    "RATE_NOW",
    "ROLE_PERMISSIONS",
    "SEED_PERMISSIONS",
    "TAX_ADDED",
    "TEACHING_ROLES",
    "Actor",
    "Membership",
    "Staff",
    "accept",
    "added_tax",
    "added_taxes",
    "all_studios",
    "allowed",
    "as_staff",
    "assign_instructor",
    "audit_actor_names",
    "audit_document",
    "audit_people",
    "change_role",
    "charged_tax",
    "client_book_claim",
    "close_studio",
    "complete_invitation",
    "connect_whatsapp",
    "create_studio",
    "delivery_messages",
    "delivery_status",
    "disconnect_whatsapp",
    "document",
    "entries",
    "every_entry",
    "find_accounts",
    "hand_over_series",
    "home_studio_id",
    "instructor_for",
    "invitation_preview",
    "invitation_token",
    "invite",
    "is_studio_token",
    "list_members",
    "locked_studio",
    "make_owner",
    "make_token",
    "my_studios",
    "open_invitations",
    "owned_studio_id",
    "public_document",
    "record",
    "remove_member",
    "require_any",
    "retry_dead",
    "revoke_token",
    "seed_permissions",
    "studio_by_slug",
    "studio_tokens",
    "studios_where",
    "token_grant",
    "update_studio",
    "whatsapp_document",
    "with_tax",
    "withdraw",
    "workplace",
]
