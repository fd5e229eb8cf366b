from featurestore import Plan
from featurestore.errors import FieldError


ANSWER = {
    "registry_version": 7,
    "dry_run": True,
    "changes": [
        {"kind": "entity", "name": "driver", "action": "unchanged", "diffs": []},
        {"kind": "feature_view", "name": "driver_hourly", "action": "update",
         "diffs": ["schema.trips_today.dtype: INT64 -> FLOAT64", "description: (none) -> \"new\""]},
        {"kind": "feature_view", "name": "rider_stats", "action": "create", "diffs": []},
        {"kind": "feature_service", "name": "old_service", "action": "delete", "diffs": []},
    ],
}
BREAKING = [FieldError("feature_views.driver_hourly.schema.trips_today.dtype", "INT64 -> FLOAT64: dtype changed (breaking)",
                       "driver_features.yaml: feature_views[0] (driver_hourly).schema.trips_today.dtype")]


def test_a_plan_sorts_changes_by_action_and_names_breaking_changes():
    plan = Plan.from_response("demo", ANSWER, breaking=BREAKING)

    assert plan.dry_run
    assert plan.registry_version == 7
    assert [c.name for c in plan.creates] == ["rider_stats"]
    assert [c.name for c in plan.updates] == ["driver_hourly"]
    assert [c.name for c in plan.deletes] == ["old_service"]
    assert [c.name for c in plan.unchanged] == ["driver"]
    assert plan.has_changes and plan.has_breaking_changes
    breaking = plan.breaking_changes[0]
    assert (breaking.kind, breaking.name, breaking.field) == ("feature_view", "driver_hourly", "schema.trips_today.dtype")
    change = plan.change("feature_views", "driver_hourly")
    assert change.is_breaking("schema.trips_today.dtype: INT64 -> FLOAT64")
    assert not change.is_breaking("description: (none) -> \"new\"")


def test_a_plan_prints_as_a_readable_list_of_changes():
    text = str(Plan.from_response("demo", ANSWER, breaking=BREAKING))

    assert text.splitlines() == [
        "Plan for project 'demo' (registry version 7):",
        "  ~ feature_view driver_hourly",
        "      schema.trips_today.dtype: INT64 -> FLOAT64   (breaking)",
        "      description: (none) -> \"new\"",
        "  + feature_view rider_stats",
        "  - feature_service old_service",
        "1 to create, 1 to update, 1 to delete, 1 unchanged.",
        "1 breaking change(s):",
        "  ! feature_views.driver_hourly.schema.trips_today.dtype: INT64 -> FLOAT64: dtype changed (breaking)"
        " [driver_features.yaml: feature_views[0] (driver_hourly).schema.trips_today.dtype]",
        "Apply with allow_breaking=True to make them.",
    ]


def test_an_apply_without_changes_says_so():
    plan = Plan.from_response("demo", {"registry_version": 3, "dry_run": False,
                                       "changes": [{"kind": "entity", "name": "driver", "action": "unchanged", "diffs": []}]})

    assert not plan.has_changes
    assert str(plan).splitlines() == [
        "Applied for project 'demo' (registry version 3):",
        "  no changes",
        "0 created, 0 updated, 0 deleted, 1 unchanged.",
    ]
    assert plan.to_dict()["changes"] == [{"kind": "entity", "name": "driver", "action": "unchanged", "diffs": []}]
