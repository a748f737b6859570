"""Scanning: files, folders and archives in, a report with every match out."""
