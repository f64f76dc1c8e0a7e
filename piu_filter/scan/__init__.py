"""Scanning precomputed CLIP embeddings: score every row without downloading an image."""
