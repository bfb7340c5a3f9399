"""The local Airflow's SQLite connection arguments: wait up to a minute for the write lock.

The scheduler, the dag-processor, the API server and every CLI call the portal makes write to one
SQLite file. Python's default busy timeout is 5 s, and on a loaded 2-core machine a writer waits
longer than that: the CLI call then fails with "database is locked" (seen on `backfill create`
during the API fuzz run). `local.sh` links this file into `$AIRFLOW_HOME/config/`.
"""

CONNECT_ARGS = {"timeout": 60}
