import datetime as dt
import math

import pandas as pd
import pyarrow as pa
import pytest

from featurestore import InvalidRequestError
from featurestore._convert import (
    columns_to_json,
    parse_timestamp_column,
    rows_to_columns,
    timestamp_text,
    to_arrow,
    utc_timestamps,
)
from featurestore.definitions import parse_duration

UTC = dt.timezone.utc


@pytest.mark.parametrize("value, text", [
    (dt.datetime(2026, 11, 21, 16, 0, tzinfo=UTC), "2026-11-21T16:00:00Z"),
    (dt.datetime(2026, 11, 21, 16, 0), "2026-11-21T16:00:00Z"),  # naive: UTC
    (dt.datetime(2026, 11, 21, 17, 0, 0, 250000, tzinfo=dt.timezone(dt.timedelta(hours=1))), "2026-11-21T16:00:00.25Z"),
    (pd.Timestamp("2026-11-21T16:00:00+00:00"), "2026-11-21T16:00:00Z"),
    (dt.date(2026, 11, 21), "2026-11-21T00:00:00Z"),
    ("2026-11-21T18:00:00+02:00", "2026-11-21T16:00:00Z"),
    (1795276800000, "2026-11-21T16:00:00Z"),
])
def test_times_are_sent_as_rfc3339_utc(value, text):
    assert timestamp_text(value) == text


def test_a_value_that_is_not_a_time_is_named():
    with pytest.raises(InvalidRequestError, match="end_date: 'yesterday' is not an RFC 3339 time"):
        timestamp_text("yesterday", "end_date")


def test_columns_become_json_values():
    frame = pd.DataFrame({
        "driver_id": [1001, 1002],
        "conv": [0.5, float("nan")],
        "at": pd.to_datetime(["2026-11-21T16:00:00", "2026-11-21T17:30:00"]),
        "zones": [[1, 2], []],
    })

    columns = columns_to_json(utc_timestamps(to_arrow(frame, "df")), "df")

    assert columns == {
        "driver_id": [1001, 1002],
        "conv": [0.5, None],
        "at": ["2026-11-21T16:00:00Z", "2026-11-21T17:30:00Z"],
        "zones": [[1, 2], []],
    }


def test_entity_rows_become_columns_and_a_row_without_a_key_is_named():
    assert rows_to_columns([{"driver_id": 1, "x": 1.5}, {"driver_id": 2, "x": None}], "entity_rows") == {
        "driver_id": [1, 2], "x": [1.5, None]}
    with pytest.raises(InvalidRequestError, match=r"entity_rows\[1\]: no value for x"):
        rows_to_columns([{"driver_id": 1, "x": 1.5}, {"driver_id": 2}], "entity_rows")
    with pytest.raises(InvalidRequestError, match="expected a list of rows"):
        rows_to_columns({"driver_id": [1]}, "entity_rows")


def test_naive_and_nanosecond_timestamps_become_utc_microseconds():
    table = pa.table({"t": pa.array([0, 1_500], type=pa.timestamp("ns"))})

    converted = utc_timestamps(table)

    assert converted.schema.field("t").type == pa.timestamp("us", tz="UTC")
    assert converted.column("t").to_pylist()[1] == dt.datetime(1970, 1, 1, 0, 0, 0, 1, tzinfo=UTC)


def test_a_timestamp_column_of_strings_is_parsed_and_a_bad_one_named():
    table = pa.table({"event_timestamp": ["2026-11-21T16:00:00Z", "2026-11-21 17:00:00"]})

    parsed = parse_timestamp_column(table, "event_timestamp", "entity_df.event_timestamp")

    assert parsed.column("event_timestamp").to_pylist() == [
        dt.datetime(2026, 11, 21, 16, tzinfo=UTC), dt.datetime(2026, 11, 21, 17, tzinfo=UTC)]
    with pytest.raises(InvalidRequestError, match=r"entity_df.event_timestamp\[1\]: 'soon'"):
        parse_timestamp_column(pa.table({"event_timestamp": ["2026-11-21T16:00:00Z", "soon"]}), "event_timestamp",
                               "entity_df.event_timestamp")


@pytest.mark.parametrize("text, expected", [
    ("2d", dt.timedelta(days=2)), ("26h", dt.timedelta(hours=26)), ("5m", dt.timedelta(minutes=5)),
    ("PT6H", dt.timedelta(hours=6)), ("P1DT30M", dt.timedelta(days=1, minutes=30)), ("0", dt.timedelta(0)),
    ("500ms", dt.timedelta(milliseconds=500)), ("soon", None), (None, None),
])
def test_definition_durations_parse(text, expected):
    assert parse_duration(text) == expected


def test_nan_and_infinity_are_sent_as_null():
    columns = columns_to_json(pa.table({"x": [1.0, math.nan, math.inf]}), "df")

    assert columns == {"x": [1.0, None, None]}
