"""Robust matching: find edited copies (framed, tilted, cropped) that plain PDQ misses."""
