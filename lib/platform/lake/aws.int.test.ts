import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { createS3Lake } from "./aws";
import { lakeContract } from "./contract";

lakeContract("aws (moto server)", async () => {
  // The adapter takes credentials from the default chain, as in production.
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const run = crypto.randomUUID().slice(0, 8);
  const bucket = `contract-${run}`;
  const versionedBucket = `contract-versioned-${run}`;
  const admin = new S3Client({ region: "eu-west-1", endpoint, forcePathStyle: true });
  for (const name of [bucket, versionedBucket]) {
    await admin.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
  }
  await admin.send(new PutBucketVersioningCommand({ Bucket: versionedBucket, VersioningConfiguration: { Status: "Enabled" } }));
  return {
    adapter: createS3Lake({ buckets: [bucket, versionedBucket], region: "eu-west-1", endpoint }),
    fixture: { bucket, versionedBucket },
    close: async () => admin.destroy(),
  };
});
