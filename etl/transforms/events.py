"""Web/app events: raw (by arrival day) → curated (by the day they happened)."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from etl.synth.reference import FUNNEL_STAGES
from etl.transforms import rejects as r

# A resent event is recognised if its first copy arrived at most this many days earlier.
DEDUP_LOOKBACK_DAYS = 3


def tag_events(events: DataFrame) -> DataFrame:
    """Raw events with event_date (from event_ts, UTC) and reject_reason.

    Of several copies of an event id the earliest arrival is kept; give this function the
    DEDUP_LOOKBACK_DAYS arrival days before the ones being processed so resent copies are found.
    """
    tagged = r.tag(
        events.withColumn("event_date", F.to_date("event_ts")),
        [
            (r.MISSING_KEY, r.any_null("event_id", "session_id", "event_type", "event_ts", "ingest_date")),
            (r.DUPLICATE, r.later_copy(["event_id"], [F.col("ingest_date"), F.col("event_ts")])),
            (r.INVALID_EVENT_TYPE, ~F.col("event_type").isin(*FUNNEL_STAGES)),
        ],
    )
    return tagged
