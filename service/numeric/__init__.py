"""Deterministic numeric core: segmentation, numeric mentions, metrics, English rendering."""
