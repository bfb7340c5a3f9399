/** Engineers upload into this prefix only; curated data is written by the pipeline. */
export const UPLOAD_PREFIX = "raw/";
/** One upload's byte cap: the file streams to the lake (S3 in 8 MiB parts) and past this is a 413. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
