"""get_historical_features from pandas, pyarrow, local files and S3, checked against the point-in-time values
computed here from the demo data."""

import io

import pandas as pd
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from featurestore import (
    ConflictError,
    FeatureStore,
    InvalidRequestError,
    JobStatus,
    NotFoundError,
    PlainProgress,
    RetrievalJob,
)
from support import point_in_time, same_values

DRIVER_FEATURES = ["conv_rate", "acc_rate", "trips_today"]


@pytest.fixture(scope="module")
def orders(ride_orders):
    """40 ride orders spread over the week, not in time order (the output must keep the input order)."""
    sample = ride_orders.iloc[::125].head(40)
    return sample.iloc[::-1].reset_index(drop=True)[
        ["order_id", "driver_id", "customer_id", "origin_zone", "destination_zone", "distance_km", "passengers",
         "completed", "event_timestamp"]]


@pytest.fixture(scope="module")
def expected(orders, driver_stats):
    return point_in_time(driver_stats, orders, "driver_id", "2d", DRIVER_FEATURES)


def staged_entity_files(s3, store):
    prefix = store.config.offline_store.staging_prefix[len("s3://"):]
    infos = s3.get_file_info(pafs.FileSelector(prefix.rstrip("/"), recursive=True, allow_not_found=True))
    return {info.path for info in infos if info.base_name == "entities.parquet"}


def test_from_a_pandas_frame_inline_keeps_rows_in_order_with_their_labels(store, orders, expected):
    statuses = []

    job = store.get_historical_features(
        entity_df=orders[["order_id", "driver_id", "completed", "event_timestamp"]],
        features=["driver_hourly:conv_rate", "driver_hourly:trips_today"],
    )
    final = job.wait(progress=statuses.append)
    frame = job.to_df()

    assert isinstance(job, RetrievalJob)
    assert isinstance(final, JobStatus) and final.state == "succeeded"
    assert statuses[-1].state == "succeeded" and statuses[-1].percent == 100.0
    assert list(frame.columns) == ["order_id", "driver_id", "completed", "event_timestamp", "conv_rate", "trips_today"]
    assert list(frame["order_id"]) == list(orders["order_id"])
    assert list(frame["completed"]) == list(orders["completed"])
    assert str(frame["event_timestamp"].dt.tz) == "UTC"
    same_values(frame["conv_rate"], expected["conv_rate"])
    same_values(frame["trips_today"], expected["trips_today"])
    assert expected["conv_rate"].notna().sum() >= 30  # most orders find driver statistics


def test_from_a_pyarrow_table_uploaded_to_the_staging_prefix_with_a_feature_service_and_full_names(store, s3, orders, expected):
    uploading = FeatureStore(inline_entity_rows=0)
    before = staged_entity_files(s3, uploading)

    job = uploading.get_historical_features(entity_df=pa.Table.from_pandas(orders, preserve_index=False),
                                            feature_service="dispatch_v1", full_feature_names=True)
    table = job.to_arrow()

    assert len(staged_entity_files(s3, uploading) - before) == 1
    assert table.column_names == [*orders.columns, "driver_hourly__conv_rate", "driver_hourly__acc_rate",
                                   "driver_hourly__trips_today", "route_traffic__avg_speed_kmh",
                                   "route_traffic__congestion_level", "ride_quote__quote", "ride_quote__quote_per_passenger"]
    assert table.column("order_id").to_pylist() == list(orders["order_id"])
    same_values(table.column("driver_hourly__conv_rate").to_pylist(), expected["conv_rate"])
    same_values(table.column("driver_hourly__acc_rate").to_pylist(), expected["acc_rate"])
    quotes = [None if pd.isna(c) else d * 1.2 + c for d, c in zip(orders["distance_km"], expected["conv_rate"])]
    same_values(table.column("ride_quote__quote").to_pylist(), quotes)


def test_from_a_local_parquet_file_with_naive_times_and_back_to_a_parquet_file(store, orders, expected, tmp_path):
    entities = orders[["driver_id", "event_timestamp"]].copy()
    entities["event_timestamp"] = entities["event_timestamp"].dt.tz_localize(None)  # naive: taken as UTC
    path = tmp_path / "entities.parquet"
    entities.to_parquet(path)

    job = store.get_historical_features(entity_df=str(path), features=["driver_hourly:acc_rate"])
    written = job.to_parquet(tmp_path / "out" / "training.parquet")

    result = pq.read_table(written).to_pandas()
    same_values(result["acc_rate"], expected["acc_rate"])
    assert list(result["driver_id"]) == list(orders["driver_id"])


def test_from_a_local_csv_file_with_rfc3339_times(store, orders, expected, tmp_path):
    path = tmp_path / "entities.csv"
    frame = orders[["driver_id", "event_timestamp"]].rename(columns={"event_timestamp": "ordered_at"})
    frame.assign(ordered_at=frame["ordered_at"].dt.strftime("%Y-%m-%dT%H:%M:%S.%fZ")).to_csv(path, index=False)

    frame = store.get_historical_features(entity_df=path, features=["driver_hourly:trips_today"],
                                          timestamp_column="ordered_at").to_df()

    same_values(frame["trips_today"], expected["trips_today"])


def test_from_an_s3_uri_every_row_is_kept_in_order(store, ride_orders, driver_stats):
    job = store.get_historical_features(entity_df="s3://featurestore/examples/entity_rows/ride_orders.parquet",
                                        features=["driver_hourly:conv_rate"])
    frame = job.to_df()

    assert len(frame) == len(ride_orders) == 5000
    assert list(frame["order_id"]) == list(ride_orders["order_id"])
    same_values(frame["conv_rate"], point_in_time(driver_stats, ride_orders, "driver_id", "2d", ["conv_rate"])["conv_rate"])


def test_signed_http_requests_upload_and_read_the_same_training_set(orders, expected):
    plain_http = FeatureStore(inline_entity_rows=0, s3_client="requests")

    frame = plain_http.get_historical_features(entity_df=orders[["driver_id", "event_timestamp"]],
                                               features=["driver_hourly:conv_rate"]).to_df()

    assert plain_http.object_store().name == "requests"
    same_values(frame["conv_rate"], expected["conv_rate"])


def test_wait_shows_progress_with_tqdm_or_plain_lines(store, orders, capsys):
    entity_df = orders[["driver_id", "event_timestamp"]]
    store.get_historical_features(entity_df=entity_df, features=["driver_hourly:conv_rate"]).wait(progress=True)
    shown = capsys.readouterr().err
    assert "historical job" in shown and "100" in shown

    lines = io.StringIO()
    job = store.get_historical_features(entity_df=entity_df, features=["driver_hourly:conv_rate"])
    job.wait(progress=PlainProgress(lines))
    assert lines.getvalue().splitlines()[-1].startswith(f"historical job {job.job_id[:8]}: succeeded 100.0%")
    assert job.status().state == "succeeded"


def test_an_entity_frame_without_its_timestamp_column_is_refused_before_anything_is_uploaded(s3, orders):
    uploading = FeatureStore(inline_entity_rows=0)
    before = staged_entity_files(s3, uploading)

    with pytest.raises(InvalidRequestError) as missing:
        uploading.get_historical_features(entity_df=orders[["driver_id", "order_id"]], features=["driver_hourly:conv_rate"])

    assert missing.value.code == "MISSING_TIMESTAMP_COLUMN"
    assert missing.value.errors[0].path == "timestamp_column"
    assert "no timestamp column 'event_timestamp' (columns: driver_id, order_id)" in str(missing.value)
    assert staged_entity_files(s3, uploading) == before


def test_an_unknown_feature_or_feature_service_is_refused_before_submitting(store, orders):
    with pytest.raises(NotFoundError) as feature:
        store.get_historical_features(entity_df=orders, features=["driver_hourly:conv"])
    assert feature.value.errors[0].path == "features[0]"

    with pytest.raises(NotFoundError) as service:
        store.get_historical_features(entity_df=orders, feature_service="dispatch_v9")
    assert service.value.errors[0].path == "feature_service"
    assert "(feature services: dispatch_v1, growth_v1)" in str(service.value)


def test_an_output_prefix_that_holds_files_is_the_services_conflict(store, orders, unique):
    output = f"s3://featurestore/training-sets/sdk-{unique}/"
    store.get_historical_features(entity_df=orders, features=["driver_hourly:conv_rate"], output_uri=output).wait(progress=False)

    with pytest.raises(ConflictError) as conflict:
        store.get_historical_features(entity_df=orders, features=["driver_hourly:conv_rate"], output_uri=output)

    assert conflict.value.status == 409
    assert conflict.value.code == "OUTPUT_EXISTS"
    assert conflict.value.service == "historical"


def test_unsupported_entity_sources_are_named(store, tmp_path):
    text = tmp_path / "entities.txt"
    text.write_text("driver_id\n1001\n")

    with pytest.raises(InvalidRequestError, match="neither .parquet nor .csv"):
        store.get_historical_features(entity_df=text, features=["driver_hourly:conv_rate"])
    with pytest.raises(InvalidRequestError, match="SQL queries are not supported"):
        store.get_historical_features(entity_df="SELECT * FROM orders", features=["driver_hourly:conv_rate"])
