"""Discount codes, their uses, and prices quoted before paying."""
