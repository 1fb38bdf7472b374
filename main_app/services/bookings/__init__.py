"""Bookings: book, cancel, reactivate, approvals, offer replies, my bookings, booking documents, calendar feeds."""
