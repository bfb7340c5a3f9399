"""Rows and files a write reported, from Spark's SQL metrics: no job reads the output back.

The SQL status store keeps each execution's plan graph and metric values (also with the UI off).
A write's `Execute InsertIntoHadoopFsRelationCommand` node carries "number of output rows" and
"number of written files", summed by the driver from the committed tasks.
"""

from __future__ import annotations

from typing import NamedTuple

from pyspark.sql import SparkSession

WRITE_NODE = "Execute InsertIntoHadoopFsRelationCommand"


class Written(NamedTuple):
    rows: int
    files: int


def _executions(spark: SparkSession):
    # Metric values arrive through the listener bus: wait until it has delivered every event.
    spark.sparkContext._jsc.sc().listenerBus().waitUntilEmpty()
    store = spark._jsparkSession.sharedState().statusStore()
    as_list = spark.sparkContext._jvm.scala.collection.JavaConverters.seqAsJavaList
    return store, as_list, as_list(store.executionsList())


def last_execution(spark: SparkSession) -> int:
    """The id of the latest SQL execution (-1 before the first)."""
    _, _, executions = _executions(spark)
    return executions[len(executions) - 1].executionId() if len(executions) else -1


def _count(value) -> int:
    # Sum metrics are formatted for display with Locale.US grouping: "1,234".
    return int(value.get().replace(",", "")) if value.isDefined() else 0


def written_since(spark: SparkSession, since: int) -> Written:
    """What the file writes among the SQL executions after `since` reported, added up."""
    store, as_list, executions = _executions(spark)
    rows = files = 0
    for index in range(len(executions) - 1, -1, -1):
        execution_id = executions[index].executionId()
        if execution_id <= since:
            break
        values = store.executionMetrics(execution_id)
        for node in as_list(store.planGraph(execution_id).allNodes()):
            if node.name().startswith(WRITE_NODE):
                metrics = {m.name(): values.get(m.accumulatorId()) for m in as_list(node.metrics())}
                rows += _count(metrics["number of output rows"])
                files += _count(metrics["number of written files"])
    return Written(rows, files)
