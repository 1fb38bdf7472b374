"""Business logic of the CRM, as plain functions."""
