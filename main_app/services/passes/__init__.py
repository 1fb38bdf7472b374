"""Pass products, passes sold, credits and their ledger, pass news, a facilitator's figures."""
