"""Forms and waivers: a studio's waivers and questionnaires, their frozen versions, and people's signatures."""

from .documents import create_form, edit_draft, publish, studio_forms
from .pdf import render as signed_pdf
from .png import NotASignature, signature_png
from .required import event_forms, missing_forms, require_signed, set_event_forms
from .signing import client_signature, client_signatures, collect, my_forms, my_signature, my_signatures, sign

__all__ = [
    "NotASignature",
    "client_signature",
    "client_signatures",
    "collect",
    "create_form",
    "edit_draft",
    "event_forms",
    "missing_forms",
    "my_forms",
    "my_signature",
    "my_signatures",
    "publish",
    "require_signed",
    "set_event_forms",
    "sign",
    "signature_png",
    "signed_pdf",
    "studio_forms",
]
