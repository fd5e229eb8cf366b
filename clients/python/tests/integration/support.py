"""Helpers of the integration tests."""

import socket

import pandas as pd
import pytest

from featurestore.definitions import parse_duration


def point_in_time(source, entities, key, ttl, features, timestamp_column="event_timestamp"):
    """The suite's point-in-time join, computed independently: for each entity row the source row with its key, the
    greatest event timestamp at or before the row's time and not older than the ttl, ties broken by the greatest
    created timestamp. Returns the feature columns in the entity rows' order."""
    latest = (source.sort_values([key, "event_timestamp", "created"])
              .drop_duplicates([key, "event_timestamp"], keep="last")
              .rename(columns={"event_timestamp": "_source_time"})
              .sort_values("_source_time"))
    rows = entities[[key, timestamp_column]].copy()
    rows["_row"] = range(len(rows))
    rows = rows.sort_values(timestamp_column)
    joined = pd.merge_asof(rows, latest[[key, "_source_time", *features]], left_on=timestamp_column,
                           right_on="_source_time", by=key, direction="backward", tolerance=pd.Timedelta(parse_duration(ttl)))
    return joined.sort_values("_row").reset_index(drop=True)[[*features, "_source_time"]]


def same_values(actual, expected):
    """Equal element by element, nulls (None / NaN / NA) equal to each other."""
    actual, expected = list(actual), list(expected)
    assert len(actual) == len(expected), (len(actual), len(expected))
    for index, (a, e) in enumerate(zip(actual, expected)):
        if pd.isna(e):
            assert a is None or pd.isna(a), f"row {index}: expected null, got {a!r}"
        else:
            assert a == pytest.approx(e), f"row {index}: expected {e!r}, got {a!r}"


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
