"""Taking payments: the provider interface (providers/base.py), the providers (test, stripe) and choosing one."""
