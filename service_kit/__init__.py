"""The generic pieces both services use, kept once: errors, HTTP headers, path converters, the docs page, the
blueprint base, the database's unit of work, JWT errors, rate-limit keys, webhook signatures, settings parsing.

Business code never goes here; each service still starts and deploys on its own, importing this package.
"""
