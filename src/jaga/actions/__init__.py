"""What happens when content matches: per-bank actions.

A bank can ask for a signed webhook, a stored review item, and an auto-block flag in the
API response. Webhooks go through a transactional outbox (`outbox`), are signed with
HMAC-SHA256 (`signing`) and delivered by a background worker with retries, backoff and a
dead-letter state (`delivery`), so a match answered by the API is never silently dropped.
"""
