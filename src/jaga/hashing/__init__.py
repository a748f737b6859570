"""Content → signals: PDQ perceptual hashes and exact (MD5/SHA-1/SHA-256) hashes."""
