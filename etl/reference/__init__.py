"""Single-machine reference implementations, for tests and benchmarks only (not shipped in etl.zip)."""
