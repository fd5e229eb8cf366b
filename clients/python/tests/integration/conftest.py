"""Integration tests: the real suite, started by the Maven module's PythonSdkIT (the dev stack with the example
repository applied to project ``demo`` and its demo data in the bucket), found through FEATURESTORE_ENDPOINTS_FILE,
with its admin key in FEATURESTORE_API_KEY.

Expected values are computed here from the demo data files themselves (point in time, as the suite defines it) or from
rows the tests push.
"""

import datetime as dt
import json
import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from featurestore import FeatureStore

pytest.register_assert_rewrite("support")

UTC = dt.timezone.utc


def pytest_configure(config):
    if os.environ.get("FEATURESTORE_TEST_STACK") != "1" or not os.environ.get("FEATURESTORE_ENDPOINTS_FILE"):
        raise pytest.UsageError(
            "tests/integration run against the suite: run them through the Maven module "
            "(./mvnw -B verify -pl clients/python -am), which starts it and sets FEATURESTORE_TEST_STACK=1 and "
            "FEATURESTORE_ENDPOINTS_FILE"
        )


@pytest.fixture(scope="session")
def endpoints():
    return json.loads(Path(os.environ["FEATURESTORE_ENDPOINTS_FILE"]).read_text())


@pytest.fixture(scope="session")
def store():
    with FeatureStore() as feature_store:  # project, key and endpoints from the environment and the endpoints file
        yield feature_store


@pytest.fixture(scope="session")
def s3(endpoints):
    """Direct access to the bucket, to compute expectations from the demo data and to look at uploads."""
    s3 = endpoints["s3"]
    endpoint = s3["endpoint"].split("://", 1)
    return pafs.S3FileSystem(access_key=s3["access_key"], secret_key=s3["secret_key"], region=s3["region"],
                             endpoint_override=endpoint[1], scheme=endpoint[0])


@pytest.fixture(scope="session")
def demo_now():
    """The "now" the demo data was written for: nothing in it is dated after."""
    marker = Path(os.environ["FEATURESTORE_TEST_DATA_DIR"]) / "demo-data-written"
    for line in marker.read_text().splitlines():
        if line.startswith("now="):
            return pd.Timestamp(line[len("now="):]).tz_convert("UTC")
    raise AssertionError(f"no now= line in {marker}")


@pytest.fixture(scope="session")
def driver_stats(s3):
    """The demo rows of driver_stats_src (the generator's part files, not objects pushed by tests)."""
    files = [info.path for info in s3.get_file_info(pafs.FileSelector("featurestore/examples/driver_stats", recursive=True))
             if info.type == pafs.FileType.File and info.base_name.startswith("part-")]
    assert files, "no demo data under s3://featurestore/examples/driver_stats/"
    columns = ["driver_id", "event_timestamp", "created", "conv", "acc_rate", "trips_today"]
    frame = pd.concat([pq.read_table(path, filesystem=s3, columns=columns).to_pandas() for path in files], ignore_index=True)
    return frame.rename(columns={"conv": "conv_rate"})


@pytest.fixture(scope="session")
def ride_orders(s3):
    return pq.read_table("featurestore/examples/entity_rows/ride_orders.parquet", filesystem=s3).to_pandas()


@pytest.fixture
def unique():
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def push_store():
    """A project of its own for rows the tests push: a push source whose batch source is a Parquet folder the pushes
    alone fill, so expectations come from exactly the rows pushed (and the demo data stays as generated)."""
    project = f"sdk_push_{uuid.uuid4().hex[:8]}"
    document = {
        "entities": [{"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]}],
        "data_sources": [
            {"name": "stats_src", "type": "parquet", "path": f"s3://featurestore/sdk-tests/{project}/stats/",
             "timestamp_field": "event_timestamp", "field_mapping": {"conv": "conv_rate"}},
            {"name": "stats_push", "type": "push", "batch_source": "stats_src"},
        ],
        "feature_views": [
            {"name": "driver_stats", "entities": ["driver"], "source": "stats_push", "ttl": "1d", "online": True,
             "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "trips", "dtype": "INT64"}]},
        ],
    }
    with FeatureStore(project=project) as feature_store:
        applied = feature_store.apply(document)
        assert applied.registry_version == 1
        yield feature_store
