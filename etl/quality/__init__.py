"""Data quality checks and the JSON report the portal reads."""
