"""Benchmarks: ``make bench`` (``python -m benchmarks``). They measure; tests never assert on time."""
