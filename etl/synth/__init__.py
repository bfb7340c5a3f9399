"""Synthetic Belgian omnichannel retail data, generated with Spark expressions only.

Every random draw is a hash of (seed, purpose, row key), so a row's values depend on nothing but the
seed and its key: same seed, same data, whatever the partitioning or the number of executors.
"""
