"""Hashes → matches: the bank-aware matcher shared by `jaga scan` and (later) the API."""
