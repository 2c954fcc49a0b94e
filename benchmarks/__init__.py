"""Scale and latency benchmarks; results are recorded in ``benchmarks/RESULTS.md``."""
