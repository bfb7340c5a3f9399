"""Every bucket is private, versioned and encrypted: all of them are made by modules/bucket."""


def bucket_calls(estate):
    for name, tf in estate.items():
        for call, block in tf.module_calls.items():
            if block.body["source"].endswith("modules/bucket") or block.body["source"] == "../bucket":
                yield name, tf, call, block.body


def test_buckets_are_only_made_by_the_bucket_module(estate):
    makers = {name for name, tf in estate.items() if tf.resources("aws_s3_bucket")}
    assert makers == {"modules/bucket"}


def test_bucket_module_blocks_public_access_and_acls(modules):
    bucket = modules["bucket"]
    block = bucket.resource("aws_s3_bucket_public_access_block", "this").body
    assert all(
        block[k] is True
        for k in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    )
    ownership = bucket.resource("aws_s3_bucket_ownership_controls", "this").body
    assert ownership["rule"][0]["object_ownership"] == "BucketOwnerEnforced"


def test_bucket_module_versions_and_encrypts_with_a_key_of_its_own(modules):
    bucket = modules["bucket"]
    versioning = bucket.resource("aws_s3_bucket_versioning", "this").body
    assert versioning["versioning_configuration"][0]["status"] == "Enabled"
    assert bucket.locals["encrypt_with_kms"] == "${!var.access_log_target}"
    key = bucket.resource("aws_kms_key", "this").body
    assert key["count"] == "${local.encrypt_with_kms ? 1 : 0}" and key["enable_key_rotation"] is True
    sse = bucket.resource("aws_s3_bucket_server_side_encryption_configuration", "this").body
    default = sse["rule"][0]["apply_server_side_encryption_by_default"][0]
    assert default["sse_algorithm"] == '${local.encrypt_with_kms ? "aws:kms" : "AES256"}'
    assert default["kms_master_key_id"] == "${local.encrypt_with_kms ? aws_kms_key.this[0].arn : null}"


def test_only_access_log_targets_go_unlogged(modules):
    bucket = modules["bucket"]
    assert (
        bucket.resource("aws_s3_bucket_logging", "this").body["count"] == "${var.access_log_target ? 0 : 1}"
    )
    validation = bucket.variables["access_log_bucket"]["validation"][0]["condition"]
    assert validation == "${var.access_log_target == (var.access_log_bucket == null)}"


def test_bucket_module_refuses_plain_http(modules):
    (document,) = [
        b for b in modules["bucket"].blocks("data") if b.labels == ("aws_iam_policy_document", "this")
    ]
    (deny,) = [s for s in document.body["statement"] if s.get("sid") == "DenyInsecureTransport"]
    assert deny["effect"] == "Deny" and deny["condition"][0]["values"] == ["false"]
    assert deny["resources"] == ["${aws_s3_bucket.this.arn}", "${aws_s3_bucket.this.arn}/*"]


def test_every_bucket_has_lifecycle_rules(estate, modules):
    calls = list(bucket_calls(estate))
    assert len(calls) == 4  # lake, lake access logs, state, state access logs
    for name, tf, call, body in calls:
        if body.get("access_log_target") is True:
            continue  # the module expires the logs itself
        targets = [b.body["bucket"] for b in tf.resources("aws_s3_bucket_lifecycle_configuration")]
        assert f"${{module.{call}.id}}" in targets, f"{name}: bucket {call} has no lifecycle rules"
    logs = modules["bucket"].resource("aws_s3_bucket_lifecycle_configuration", "logs").body
    assert logs["count"] == "${var.access_log_target ? 1 : 0}"


def test_lake_lifecycle_moves_raw_to_colder_storage_and_cleans_up(modules):
    rules = {
        r["id"]: r
        for r in modules["lake"].resource("aws_s3_bucket_lifecycle_configuration", "this").body["rule"]
    }
    raw = rules["raw-to-colder-storage"]
    assert raw["filter"][0]["prefix"] == "raw/"
    assert [t["storage_class"] for t in raw["transition"]] == ["STANDARD_IA", "GLACIER"]
    cleanup = rules["expire-noncurrent-and-abort-uploads"]
    assert "noncurrent_version_expiration" in cleanup and "abort_incomplete_multipart_upload" in cleanup


def test_lake_prefixes_are_the_agreed_ones(modules):
    assert set(modules["lake"].variables["prefixes"]["default"]) == {
        "raw",
        "curated",
        "marts",
        "quality",
        "etl",
        "dags",
        "logs",
    }
