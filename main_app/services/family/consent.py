"""The words a guardian agrees to before a child's data is kept (India's DPDP Act 2023, s. 9: a parent's verifiable
consent), versioned: each child keeps the version and the SHA-256 of the words as the guardian read them, in the
language they were shown in."""

import hashlib

from ..languages import N_, gettext

CONSENT_VERSION = "2026-11"
# A new wording is a new CONSENT_VERSION: what each guardian agreed to stays provable by its hash.
CONSENT_WORDING = N_(
    "I am this child's parent or legal guardian. I agree that this platform and the studios I book with keep my "
    "child's name, date of birth and my notes for the teacher, to book classes for them, to check them in and to "
    "keep their teachers informed. I can change or delete my child's details at any time from my account."
)


def consent_terms() -> dict:
    """The consent's wording in the request's language, its version and the SHA-256 of those words."""
    wording = gettext(CONSENT_WORDING)
    return {
        "version": CONSENT_VERSION,
        "wording": wording,
        "sha256": hashlib.sha256(wording.encode()).hexdigest(),
    }
