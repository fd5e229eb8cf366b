"""materialize / materialize_incremental, following their runs."""

import io
import random

import pandas as pd
import pytest

from featurestore import InvalidRequestError, MaterializationResult, NotFoundError, PlainProgress


def test_materialize_a_window_of_the_demo_data_and_follow_the_run(store, demo_now):
    lines = io.StringIO()

    result = store.materialize(demo_now - pd.Timedelta(hours=2), demo_now, feature_views=["route_traffic"],
                               progress=PlainProgress(lines))

    assert isinstance(result, MaterializationResult)
    assert result.succeeded
    run = result.run("route_traffic")
    assert run.state == "succeeded"
    assert run.rows_read > 0
    assert run.start_ts.startswith(str(demo_now - pd.Timedelta(hours=2))[:16].replace(" ", "T"))
    assert "materialize route_traffic: succeeded 100.0%" in lines.getvalue()
    assert "route_traffic succeeded" in str(result)


def test_rows_pushed_offline_are_served_after_materializing_their_window(push_store):
    driver = random.randint(9_000_000, 9_999_999)
    at = pd.Timestamp.now(tz="UTC").floor("s") - pd.Timedelta(minutes=10)
    push_store.push("stats_push", pd.DataFrame({"driver_id": [driver], "event_timestamp": [at], "conv": [0.77],
                                                "trips": [2]}), to="offline")

    result = push_store.materialize(at - pd.Timedelta(minutes=5), at + pd.Timedelta(minutes=5),
                                    feature_views=["driver_stats"], progress=False)

    run = result.run("driver_stats")
    assert run.rows_read >= 1
    # the push's data.landed event may have materialized the row already: written by one run or the other
    assert run.entities_written + run.result["entities_unchanged"] >= 1
    online = push_store.get_online_features(features=["driver_stats:conv_rate"], entity_rows=[{"driver_id": driver}])
    assert online.to_dict() == {"driver_id": [driver], "conv_rate": [0.77]}


def test_materialize_incremental_runs_from_each_views_watermark(store):
    result = store.materialize_incremental(feature_views=["customer_profile"], progress=False)

    assert result.succeeded
    assert [run.feature_view for run in result.runs] == ["customer_profile"]
    assert store.get_materialization_run(result.runs[0].run_id).state == "succeeded"
    assert result.runs[0].run_id in [run.run_id for run in store.list_materialization_runs("customer_profile")]


def test_an_unknown_view_or_a_reversed_window_is_refused_before_sending(store, demo_now):
    with pytest.raises(NotFoundError) as unknown:
        store.materialize(demo_now - pd.Timedelta(hours=1), demo_now, feature_views=["driver_hourly", "no_such_view"])
    assert [e.path for e in unknown.value.errors] == ["feature_views[1]"]

    with pytest.raises(InvalidRequestError, match="start_date: .* is after end_date"):
        store.materialize(demo_now, demo_now - pd.Timedelta(hours=1))
