"""`python -m etl <job> …`: the local entry point (a local SparkSession)."""

import sys

from etl.cli import main

sys.exit(main())
