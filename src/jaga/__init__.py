"""Jaga: hash, match and act on known child-abuse content, without ever holding any.

Matching runs on hashes only; every test and benchmark uses benign images.
"""

__version__ = "0.1.0"
