"""push, then read the pushed rows back online and point in time (in a project of the tests' own)."""

import datetime as dt
import random

import pandas as pd
import pyarrow as pa
import pytest

from featurestore import InvalidRequestError, NotFoundError, PushMode, PushResult

UTC = dt.timezone.utc


def new_driver():
    return random.randint(9_000_000, 9_999_999)


def rows(driver, at, conv, trips):
    return pd.DataFrame({"driver_id": [driver], "event_timestamp": [at], "conv": [conv], "trips": [trips]})


def test_an_online_push_is_served_at_once(push_store):
    driver = new_driver()
    now = pd.Timestamp.now(tz="UTC").floor("s") - pd.Timedelta(seconds=5)

    result = push_store.push("stats_push", rows(driver, now, 0.61, 7))

    assert isinstance(result, PushResult)
    assert (result.rows, result.online_written, result.offline_object) == (1, 1, None)
    assert result.feature_views == ("driver_stats",)
    online = push_store.get_online_features(features=["driver_stats:conv_rate", "driver_stats:trips"],
                                            entity_rows=[{"driver_id": driver}])
    assert online.to_dict(include_event_timestamps=True) == {
        "driver_id": [driver], "driver_id__ts": [0],
        "conv_rate": [0.61], "conv_rate__ts": [int(now.timestamp())],
        "trips": [7], "trips__ts": [int(now.timestamp())],
    }
    assert online.statuses()["conv_rate"] == ["PRESENT"]


def test_an_older_push_does_not_replace_a_newer_value(push_store):
    driver = new_driver()
    now = pd.Timestamp.now(tz="UTC").floor("s")
    push_store.push("stats_push", rows(driver, now - pd.Timedelta(minutes=1), 0.5, 5), to=PushMode.ONLINE)

    older = push_store.push("stats_push", rows(driver, now - pd.Timedelta(minutes=30), 0.1, 1), to="online")

    assert (older.online_written, older.online_unchanged) == (0, 1)
    online = push_store.get_online_features(features=["driver_stats:conv_rate"], entity_rows=[{"driver_id": driver}])
    assert online.to_dict()["conv_rate"] == [0.5]


def test_offline_pushes_land_under_the_batch_source_and_are_read_point_in_time(push_store):
    driver = new_driver()
    first = pd.Timestamp.now(tz="UTC").floor("s") - pd.Timedelta(hours=5)
    second = first + pd.Timedelta(hours=2)
    pushed = [
        push_store.push("stats_push", pa.Table.from_pandas(rows(driver, first, 0.42, 9), preserve_index=False), to="offline"),
        push_store.push("stats_push", rows(driver, second, 0.47, 11), to="online_and_offline"),
    ]

    assert [p.online_written for p in pushed] == [0, 1]
    assert all(p.offline_object.startswith(f"s3://featurestore/sdk-tests/{push_store.project}/stats/push-") for p in pushed)
    entity_df = pd.DataFrame({
        "driver_id": [driver] * 4,
        "event_timestamp": [first - pd.Timedelta(minutes=1), first, second - pd.Timedelta(seconds=1), second],
        "label": [1, 2, 3, 4],
    })
    frame = push_store.get_historical_features(entity_df=entity_df,
                                               features=["driver_stats:conv_rate", "driver_stats:trips"]).to_df()
    assert list(frame["label"]) == [1, 2, 3, 4]
    assert frame["conv_rate"].isna().iloc[0]  # before the first pushed row
    assert list(frame["conv_rate"].iloc[1:]) == [0.42, 0.42, 0.47]
    assert list(frame["trips"].iloc[1:]) == [9, 9, 11]


def test_a_push_with_an_unknown_column_is_the_services_invalid_request_naming_it(push_store):
    frame = rows(new_driver(), pd.Timestamp.now(tz="UTC").floor("s"), 0.5, 1).assign(bogus=[1])

    with pytest.raises(InvalidRequestError) as bad:
        push_store.push("stats_push", frame)

    assert bad.value.status == 400
    assert bad.value.service == "serving"
    assert "df.bogus" in [e.path for e in bad.value.errors]


def test_an_unknown_push_source_or_mode_is_refused_before_sending(push_store):
    frame = rows(new_driver(), pd.Timestamp.now(tz="UTC"), 0.5, 1)

    with pytest.raises(NotFoundError) as unknown:
        push_store.push("no_such_push", frame)
    assert unknown.value.status is None
    assert unknown.value.errors[0].path == "push_source_name"
    with pytest.raises(NotFoundError, match="a parquet source, not a push source"):
        push_store.push("stats_src", frame)
    with pytest.raises(InvalidRequestError) as mode:
        push_store.push("stats_push", frame, to="nowhere")
    assert mode.value.errors[0].path == "to"
