"""Taking payments: checkout, webhooks, refunds, plans and instalments, renewals, the payments lane, providers."""
