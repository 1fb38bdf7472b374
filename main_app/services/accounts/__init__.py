"""Accounts: registration, login, logout, a token's account, password resets, reminder settings, phones."""
