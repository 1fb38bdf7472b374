"""A studio's marketing emails: a segment's consenting clients mailed through the email lane; one-click unsubscribe."""

from .automated import automation_emails
from .history import sent_emails
from .opt_outs import complete_marketing_email, describe_link, unsubscribe
from .sending import send_to_segment

__all__ = [
    "automation_emails",
    "complete_marketing_email",
    "describe_link",
    "send_to_segment",
    "sent_emails",
    "unsubscribe",
]
