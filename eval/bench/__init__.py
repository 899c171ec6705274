"""Benchmarks and corpus reports, each run as ``python -m pressbrief.eval.bench.<name>``: they print
ratios measured side by side in one run (speed, memory, precision), never timed unit tests."""
