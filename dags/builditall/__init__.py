"""Shared code of the BuildItAll DAGs: settings read at run time, the cluster port and its
two adapters (EMR and a local Spark standalone cluster), the data-plane steps, notifications
and the pipeline's own figures.

Nothing here touches the metadata database, a Variable or the network at import time, so the
DAG files that import it parse in milliseconds and without a database.
"""
