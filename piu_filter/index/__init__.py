"""Nearest-neighbour search over embedding folders: an autofaiss index, text/image queries, expansion, dedup."""
