"""spark-submit entry script: `spark-submit --py-files etl.zip etl/submit.py <job> …`.

Shipped next to the zip (EMR runs it from the lake's etl/ prefix), so it imports only from the zip.
"""

import sys

from etl.cli import main

if __name__ == "__main__":
    sys.exit(main())
