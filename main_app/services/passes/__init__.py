"""Pass products, passes sold, credits and their ledger, a facilitator's figures."""
