"""The local Airflow's SQLite connections: wait for the write lock instead of failing.

The scheduler, the dag-processor, the API server and every CLI call the portal makes write to one
SQLite file (WAL mode, set by Airflow). Two things made a CLI call fail with "database is locked":

- Python's default busy timeout is 5 s, and on a loaded 2-core machine a writer waits longer.
- A transaction that opens with a SAVEPOINT (SQLAlchemy's `begin_nested`, as `backfill create`
  does for each run) starts as a reader. If another process commits before its first write, SQLite
  cannot upgrade the stale snapshot and fails at once, whatever the busy timeout. Such transactions
  here open with BEGIN IMMEDIATE instead: they wait for the write lock up front, and hold it.

`local.sh` links this file into `$AIRFLOW_HOME/config/` and names CONNECT_ARGS in airflow.cfg.
"""

import sqlite3


class _Cursor(sqlite3.Cursor):
    def execute(self, sql, parameters=()):
        if not self.connection.in_transaction and sql.lstrip()[:9].upper() == "SAVEPOINT":
            super().execute("BEGIN IMMEDIATE")
        return super().execute(sql, parameters)


class _Connection(sqlite3.Connection):
    def cursor(self, factory=_Cursor):
        return super().cursor(factory)


CONNECT_ARGS = {"timeout": 60, "factory": _Connection}
