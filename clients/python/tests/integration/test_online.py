"""get_online_features against what materialization wrote from the demo data."""

import pandas as pd
import pytest

from featurestore import InvalidRequestError, NotFoundError, OnlineResponse

UNKNOWN_DRIVER = 8_000_001


@pytest.fixture(scope="module")
def latest_rows(driver_stats, demo_now):
    """Each demo driver's latest row (greatest event time, then created) of the last day: what the start-up
    materialization wrote online, well within driver_hourly's 2-day ttl."""
    rows = driver_stats.sort_values(["driver_id", "event_timestamp", "created"]).groupby("driver_id").tail(1)
    recent = rows[rows["event_timestamp"] > demo_now - pd.Timedelta(days=1)]
    assert len(recent) >= 5
    return recent.head(5).reset_index(drop=True)


def test_online_features_of_a_few_drivers_are_the_latest_demo_values(store, latest_rows):
    drivers = [int(d) for d in latest_rows["driver_id"]] + [UNKNOWN_DRIVER]

    response = store.get_online_features(
        features=["driver_hourly:conv_rate", "driver_hourly:trips_today"],
        entity_rows=[{"driver_id": driver} for driver in drivers],
    )

    assert isinstance(response, OnlineResponse)
    values = response.to_dict()
    assert list(values) == ["driver_id", "conv_rate", "trips_today"]
    assert values["driver_id"] == drivers
    expected_conv = list(latest_rows["conv_rate"]) + [None]
    expected_trips = [None if pd.isna(v) else int(v) for v in latest_rows["trips_today"]] + [None]
    for actual, expected in zip(values["conv_rate"], expected_conv):
        assert actual == (None if expected is None or pd.isna(expected) else pytest.approx(expected))
    assert values["trips_today"] == expected_trips
    statuses = response.statuses()
    assert statuses["conv_rate"][-1] == "NOT_FOUND"
    assert all(s in ("PRESENT", "NULL_VALUE") for s in statuses["conv_rate"][:-1])

    with_times = response.to_dict(include_event_timestamps=True)
    expected_times = [int(t.timestamp()) for t in latest_rows["event_timestamp"]]
    assert with_times["conv_rate__ts"][:-1] == expected_times

    frame = response.to_df()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["driver_id", "conv_rate", "trips_today"]
    assert list(frame["driver_id"]) == drivers
    assert pd.isna(frame["conv_rate"].iloc[-1])


def test_a_feature_service_with_request_data_and_full_feature_names(store, latest_rows):
    row = latest_rows.iloc[0]
    entity = {"driver_id": int(row["driver_id"]), "origin_zone": 1, "destination_zone": 6,
              "distance_km": 10.0, "passengers": 2}

    response = store.get_online_features(feature_service="dispatch_v1", entity_rows=[entity], full_feature_names=True)

    values = response.to_dict()
    assert list(values) == ["driver_id", "origin_zone", "destination_zone", "driver_hourly__conv_rate",
                            "driver_hourly__acc_rate", "driver_hourly__trips_today", "route_traffic__avg_speed_kmh",
                            "route_traffic__congestion_level", "ride_quote__quote", "ride_quote__quote_per_passenger"]
    conv = row["conv_rate"]
    if pd.isna(conv):
        assert values["ride_quote__quote"] == [None]
    else:
        assert values["driver_hourly__conv_rate"] == [pytest.approx(conv)]
        assert values["ride_quote__quote"] == [pytest.approx(10.0 * 1.2 + conv)]
        assert values["ride_quote__quote_per_passenger"] == [pytest.approx((10.0 * 1.2 + conv) / 2)]


def test_a_feature_service_object_is_accepted_in_place_of_features_as_in_feast(store, latest_rows):
    service = store.get_feature_service("growth_v1")

    response = store.get_online_features(features=service, entity_rows=[{"customer_id": "C00001"}])

    assert list(response.to_dict()) == ["customer_id", "current_balance", "lifetime_trips", "segment", "favourite_zones"]


def test_an_unknown_feature_is_refused_before_anything_is_sent(store):
    with pytest.raises(NotFoundError) as unknown:
        store.get_online_features(features=["driver_hourly:conv_rate", "driver_hourly:no_such_feature", "nope:x"],
                                  entity_rows=[{"driver_id": 1001}])

    assert unknown.value.status is None  # found by the SDK
    assert unknown.value.code == "NOT_FOUND"
    assert [e.path for e in unknown.value.errors] == ["features[1]", "features[2]"]
    assert "has no feature 'no_such_feature' (it has conv_rate, acc_rate, avg_daily_trips, trips_today)" in str(unknown.value)
    assert "unknown feature view 'nope'" in str(unknown.value)


def test_a_missing_join_key_or_request_field_is_named_before_anything_is_sent(store):
    with pytest.raises(InvalidRequestError) as missing:
        store.get_online_features(features=["ride_quote:quote"], entity_rows=[{"driver": 1001, "distance_km": 3.0}])

    assert [e.path for e in missing.value.errors] == ["entity_rows.driver_id", "entity_rows.passengers"]
    assert "'driver_id' (join key)" in str(missing.value)
    assert "'passengers' (request data of an on-demand feature)" in str(missing.value)


def test_a_bad_value_is_the_services_invalid_request_naming_it(store):
    with pytest.raises(InvalidRequestError) as bad:
        store.get_online_features(features=["driver_hourly:conv_rate"], entity_rows=[{"driver_id": "not a number"}])

    assert bad.value.status == 400
    assert bad.value.service == "serving"
    assert any(e.path.startswith("entities.driver_id") for e in bad.value.errors), bad.value.errors
