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
    assert all(block[k] is True for k in ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"))
    ownership = bucket.resource("aws_s3_bucket_ownership_controls", "this").body
    assert ownership["rule"][0]["object_ownership"] == "BucketOwnerEnforced"


def test_bucket_module_versions_and_encrypts(modules):
    bucket = modules["bucket"]
    versioning = bucket.resource("aws_s3_bucket_versioning", "this").body
    assert versioning["versioning_configuration"][0]["status"] == "Enabled"
    sse = bucket.resource("aws_s3_bucket_server_side_encryption_configuration", "this").body
    default = sse["rule"][0]["apply_server_side_encryption_by_default"][0]
    assert default["sse_algorithm"] == '${var.access_log_target ? "AES256" : "aws:kms"}'
    assert default["kms_master_key_id"] == "${var.kms_key_arn}"


def test_bucket_module_refuses_plain_http(modules):
    (document,) = [b for b in modules["bucket"].blocks("data") if b.labels == ("aws_iam_policy_document", "this")]
    (deny,) = [s for s in document.body["statement"] if s.get("sid") == "DenyInsecureTransport"]
    assert deny["effect"] == "Deny" and deny["condition"][0]["values"] == ["false"]
    assert deny["resources"] == ["${aws_s3_bucket.this.arn}", "${aws_s3_bucket.this.arn}/*"]


def test_only_access_log_targets_skip_kms_and_logging(estate):
    calls = list(bucket_calls(estate))
    assert len(calls) == 4  # lake, lake access logs, state, state access logs
    for name, _, call, body in calls:
        if body.get("access_log_target") is True:
            assert "kms_key_arn" not in body and "access_log_bucket" not in body, f"{name}: {call}"
        else:
            assert body["kms_key_arn"].startswith("${aws_kms_key."), f"{name}: {call} must use a customer key"
            assert body["access_log_bucket"].startswith("${module."), f"{name}: {call} must be access-logged"


def test_every_bucket_has_lifecycle_rules_beside_its_call(estate):
    for name, tf, call, _ in bucket_calls(estate):
        targets = [b.body["bucket"] for b in tf.resources("aws_s3_bucket_lifecycle_configuration")]
        assert f"${{module.{call}.id}}" in targets, f"{name}: bucket {call} has no lifecycle rules"


def test_lake_lifecycle_moves_raw_to_colder_storage_and_cleans_up(modules):
    rules = {r["id"]: r for r in modules["lake"].resource("aws_s3_bucket_lifecycle_configuration", "this").body["rule"]}
    raw = rules["raw-to-colder-storage"]
    assert raw["filter"][0]["prefix"] == "raw/"
    assert [t["storage_class"] for t in raw["transition"]] == ["STANDARD_IA", "GLACIER"]
    cleanup = rules["expire-noncurrent-and-abort-uploads"]
    assert "noncurrent_version_expiration" in cleanup and "abort_incomplete_multipart_upload" in cleanup


def test_lake_prefixes_are_the_agreed_ones(modules):
    assert set(modules["lake"].variables["prefixes"]["default"]) == {
        "raw", "curated", "marts", "quality", "etl", "dags", "logs"
    }
