"""Shared helpers: money, local times, paging, signed tokens, check-in codes, files, a few shared queries."""
