"""The HTTP service: hashing and matching for platforms' upload paths, and bank admin."""
