"""Taking payments: checkout, provider webhooks, refunds, their delivery lane and the providers (test, stripe)."""
