"""Reaching out to the network on a caller's behalf, safely."""

from jaga.net.fetch import Fetched, FetchError, FetchPolicy, UnsafeUrl, fetch_url

__all__ = ["FetchError", "FetchPolicy", "Fetched", "UnsafeUrl", "fetch_url"]
