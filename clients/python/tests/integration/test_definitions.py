"""apply / plan of a repository folder, and reading definitions back: list_*, get_*, freshness."""

import datetime as dt
import time

import pytest

from featurestore import (
    BreakingChangeError,
    DataSource,
    FeatureStore,
    FeatureView,
    InvalidRequestError,
    NotFoundError,
)

VIEWS = """\
feature_views:
  - name: rider_stats
    entities: [rider]
    source: rider_stats_src
    ttl: 1d
    online: false
    tags: {team: sdk}
    schema:
      - {name: trips, dtype: INT64}
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A repository of a project of its own (the demo project is left alone): featurestore.yaml names the project;
    the endpoints and the key come from the environment and the dev stack's endpoints file."""
    folder = tmp_path_factory.mktemp("feature_repo")
    project = f"sdk_apply_{dt.datetime.now():%H%M%S%f}"
    (folder / "featurestore.yaml").write_text(f"project: {project}\n")
    (folder / "entities.yaml").write_text(
        "entities:\n  - name: rider\n    join_keys: [{name: rider_id, value_type: INT64}]\n")
    (folder / "sources").mkdir()
    (folder / "sources" / "riders.yml").write_text(
        "data_sources:\n"
        f"  - {{name: rider_stats_src, type: parquet, path: 's3://featurestore/sdk-tests/{project}/rider_stats/',"
        " timestamp_field: event_timestamp}\n")
    (folder / "views.yaml").write_text(VIEWS)
    (folder / "services.yaml").write_text(
        "feature_services:\n  - name: rider_model\n    features: [{feature_view: rider_stats}]\n")
    return folder


@pytest.fixture
def repo_store(repo, monkeypatch):
    monkeypatch.delenv("FEATURESTORE_PROJECT")  # the environment would win over featurestore.yaml
    with FeatureStore(repo_path=repo) as store:
        yield store


def test_plan_of_a_new_project_creates_every_object_and_writes_nothing(repo_store):
    plan = repo_store.plan()

    assert plan.dry_run
    assert plan.registry_version == 0
    assert sorted((c.kind, c.name) for c in plan.creates) == [
        ("data_source", "rider_stats_src"), ("entity", "rider"), ("feature_service", "rider_model"),
        ("feature_view", "rider_stats")]
    assert not plan.breaking_changes
    text = str(plan)
    assert f"Plan for project '{repo_store.project}' (registry version 0):" in text
    assert "  + feature_view rider_stats" in text
    assert "4 to create, 0 to update, 0 to delete, 0 unchanged." in text
    with pytest.raises(NotFoundError):
        repo_store.list_feature_views()  # the project does not exist yet


def test_apply_creates_the_project_and_a_second_plan_has_nothing_to_do(repo_store):
    applied = repo_store.apply()

    assert not applied.dry_run
    assert applied.registry_version == 1
    assert len(applied.creates) == 4
    assert [view.name for view in repo_store.list_feature_views()] == ["rider_stats"]
    again = repo_store.plan()
    assert not again.has_changes
    assert len(again.unchanged) == 4
    assert "  no changes" in str(again)


def test_a_compatible_change_is_planned_as_an_update_with_its_diff(repo, repo_store):
    (repo / "views.yaml").write_text(VIEWS + "      - {name: rating, dtype: FLOAT64}\n")

    plan = repo_store.plan()

    change = plan.change("feature_view", "rider_stats")
    assert change.action == "update"
    assert any(diff.startswith("schema.rating: (none) -> ") for diff in change.diffs), change.diffs
    assert not plan.has_breaking_changes
    assert repo_store.apply().registry_version == 2
    assert [f.name for f in repo_store.get_feature_view("rider_stats").features] == ["trips", "rating"]


def test_a_breaking_change_is_named_by_plan_and_refused_by_apply_unless_allowed(repo, repo_store):
    (repo / "views.yaml").write_text(VIEWS.replace("trips, dtype: INT64", "trips, dtype: FLOAT64")
                                     + "      - {name: rating, dtype: FLOAT64}\n")

    plan = repo_store.plan()

    assert plan.has_breaking_changes
    breaking = plan.breaking_changes[0]
    assert breaking.path == "feature_views.rider_stats.schema.trips.dtype"
    assert "INT64 -> FLOAT64" in breaking.message
    assert breaking.location.startswith("views.yaml: feature_views[0] (rider_stats)")
    assert "schema.trips.dtype: INT64 -> FLOAT64   (breaking)" in str(plan)
    assert "Apply with allow_breaking=True" in str(plan)

    with pytest.raises(BreakingChangeError) as refused:
        repo_store.apply()
    assert refused.value.status == 409
    assert refused.value.code == "BREAKING_CHANGE"
    assert refused.value.errors[0].path == "feature_views.rider_stats.schema.trips.dtype"
    assert refused.value.errors[0].location.startswith("views.yaml:")
    assert repo_store.get_feature_view("rider_stats").features[0].dtype == "INT64"  # nothing written

    applied = repo_store.apply(allow_breaking=True)
    assert applied.registry_version == 3
    assert repo_store.get_feature_view("rider_stats").features[0].dtype == "FLOAT64"


def test_an_invalid_document_names_each_problem_with_its_file(repo, repo_store):
    (repo / "views.yaml").write_text(VIEWS.replace("dtype: INT64", "dtype: INT65").replace("rider_stats_src", "nowhere_src"))

    with pytest.raises(InvalidRequestError) as invalid:
        repo_store.plan()

    assert invalid.value.code == "VALIDATION_FAILED"
    located = {error.location: error.message for error in invalid.value.errors}
    assert "views.yaml: feature_views[0].schema[0].dtype" in located
    assert "unknown type 'INT65'" in located["views.yaml: feature_views[0].schema[0].dtype"]
    assert "views.yaml: feature_views[0].source" in located
    assert "views.yaml: feature_views[0].schema[0].dtype: unknown type 'INT65'" in str(invalid.value)


def test_lists_of_the_demo_project_hold_the_example_repository(store):
    assert [v.name for v in store.list_feature_views()] == ["customer_profile", "driver_hourly", "driver_status", "route_traffic"]
    assert [e.name for e in store.list_entities()] == ["customer", "driver", "route"]
    sources = {s.name: s for s in store.list_data_sources()}
    assert isinstance(sources["driver_push"], DataSource)
    assert sources["driver_push"].type == "push"
    assert sources["driver_push"].batch_source == "driver_stats_src"
    assert sources["driver_stats_src"].path == "s3://featurestore/examples/driver_stats/"
    assert {s.type for s in sources.values()} == {"parquet", "push", "kafka", "request"}
    assert [v.name for v in store.list_on_demand_feature_views()] == ["ride_quote"]
    assert [s.name for s in store.list_feature_services()] == ["dispatch_v1", "growth_v1"]
    assert [v.name for v in store.list_feature_views(tags={"team": "growth"})] == ["customer_profile"]


def test_get_returns_one_definition_with_feast_like_fields(store):
    view = store.get_feature_view("driver_hourly")

    assert isinstance(view, FeatureView)
    assert view.entities == ["driver"]
    assert view.source == "driver_push"
    assert view.ttl == dt.timedelta(days=2)
    assert view.online
    assert [(f.name, f.dtype) for f in view.features] == [
        ("conv_rate", "FLOAT64"), ("acc_rate", "FLOAT64"), ("avg_daily_trips", "INT64"), ("trips_today", "INT64")]
    assert view.tags == {"team": "dispatch", "tier": "gold"}
    assert view.version >= 1
    assert store.get_entity("route").join_key_names == ["origin_zone", "destination_zone"]
    assert store.get_on_demand_feature_view("ride_quote").sources == ["driver_hourly", "ride_request"]
    service = store.get_feature_service("dispatch_v1")
    assert [(p.feature_view, p.features) for p in service.feature_views] == [
        ("driver_hourly", ("conv_rate", "acc_rate", "trips_today")), ("route_traffic", ()), ("ride_quote", ())]
    assert store.get_data_source("ride_request").schema[0].name == "distance_km"


def test_get_of_an_unknown_object_is_a_not_found_error_with_the_services_problem(store):
    with pytest.raises(NotFoundError) as missing:
        store.get_feature_view("no_such_view")

    assert missing.value.status == 404
    assert missing.value.code == "OBJECT_NOT_FOUND"
    assert "no_such_view" in missing.value.detail
    assert missing.value.service == "registry"


def test_freshness_of_the_materialized_example_views(store):
    # monitoring judges a view when the start-up run's completion event reaches it: give it a few seconds
    deadline = time.monotonic() + 30
    while (driver := store.freshness("driver_hourly")).state != "ok" and time.monotonic() < deadline:
        time.sleep(0.5)

    views = {status.feature_view: status for status in store.freshness()}
    assert {"driver_hourly", "customer_profile", "route_traffic", "driver_status"} <= set(views)
    assert driver.state == "ok", driver
    assert driver.freshness_sla == dt.timedelta(hours=26)
    assert driver.staleness < driver.freshness_sla
    assert views["driver_hourly"].state == "ok"
