"""Faithfulness harness and benchmarks."""
