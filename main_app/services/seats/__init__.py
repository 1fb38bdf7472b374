"""Seats: taking and giving back, the lock order, holds, guests, options, waiting lists, promotion, offers."""
