"""Blocklists: build them from records, merge, apply them to URL tables and shards; URL normalisation."""
