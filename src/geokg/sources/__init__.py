"""Readers that turn source documents into Articles: plain text, HTML pages, feeds, JSON Lines."""
