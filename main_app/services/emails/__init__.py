"""Which emails a change queues, composing them, calendar files, SMTP or .eml transport, the email lane."""
