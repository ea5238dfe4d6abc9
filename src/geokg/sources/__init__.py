"""Readers that turn source documents into Articles (plain text now; HTML, feeds, JSONL later)."""
