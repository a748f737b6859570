"""API keys for the HTTP service: scopes, hashed storage, and the `jaga keys` commands.

`jaga.auth.scopes` and `jaga.auth.errors` load instantly; `jaga.auth.keys` (KeyService)
brings in SQLAlchemy, so the CLI imports it only when a command runs.
"""
