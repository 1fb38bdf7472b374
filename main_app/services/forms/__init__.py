"""Forms and waivers: a studio's waivers and questionnaires, their frozen versions, and people's signatures."""

from .documents import create_form, edit_draft, publish, studio_forms
from .pdf import render as signed_pdf
from .png import NotASignature, signature_png
from .signing import client_signatures, my_forms, my_signature, my_signatures, sign

__all__ = [
    "NotASignature",
    "client_signatures",
    "create_form",
    "edit_draft",
    "my_forms",
    "my_signature",
    "my_signatures",
    "publish",
    "sign",
    "signature_png",
    "signed_pdf",
    "studio_forms",
]
