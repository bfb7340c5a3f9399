"""PySpark data plane of the BuildItAll platform: generate, transform and check the lake.

Every job takes the lake root as a URI (file://… locally, s3://… on EMR); nothing here names a bucket.
"""
