import pytest

from featurestore import InvalidRequestError
from featurestore.repository import document_from, load_repository


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_definition_files_are_concatenated_per_list_in_path_order(tmp_path):
    write(tmp_path, "featurestore.yaml", "project: demo\n")
    write(tmp_path, "b_views.yaml", "feature_views:\n  - {name: second}\n")
    write(tmp_path, "a_views.yml", "entities:\n  - {name: driver}\nfeature_views:\n  - {name: first}\n")
    write(tmp_path, "nested/c.yaml", "feature_views:\n  - {name: third}\n---\nfeature_services:\n  - {name: svc}\n")
    write(tmp_path, ".hidden/ignored.yaml", "feature_views:\n  - {name: hidden}\n")
    write(tmp_path, "notes.txt", "not a definition")

    loaded = load_repository(tmp_path)

    assert list(loaded.document) == ["entities", "feature_views", "feature_services"]
    assert [v["name"] for v in loaded.document["feature_views"]] == ["first", "second", "third"]
    assert loaded.object_names()["feature_services"] == ["svc"]
    assert loaded.locate("feature_views[2].schema[0].dtype") == "nested/c.yaml: feature_views[0].schema[0].dtype"
    assert loaded.locate("feature_views.second.schema.x.dtype") == "b_views.yaml: feature_views[0] (second).schema.x.dtype"
    assert loaded.locate("document") is None


def test_the_document_is_sent_as_one_yaml_document(tmp_path):
    write(tmp_path, "a.yaml", "entities:\n  - name: driver\n    join_keys: [{name: driver_id, value_type: INT64}]\n")
    write(tmp_path, "b.yaml", "entities:\n  - name: customer\n    join_keys: [{name: customer_id, value_type: STRING}]\n")

    text = load_repository(tmp_path).to_yaml()

    assert "---" not in text
    assert document_from(text).document == {
        "entities": [
            {"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]},
            {"name": "customer", "join_keys": [{"name": "customer_id", "value_type": "STRING"}]},
        ]
    }


def test_every_bad_file_is_named_with_its_problem(tmp_path):
    write(tmp_path, "a.yaml", "feature_views:\n  - name: x\n    name: y\n")
    write(tmp_path, "b.yaml", "views:\n  - {name: x}\n")
    write(tmp_path, "c.yaml", "entities: {name: x}\n")
    write(tmp_path, "d.yaml", "entities: [unclosed\n")

    with pytest.raises(InvalidRequestError) as raised:
        load_repository(tmp_path)

    errors = {error.path: error.message for error in raised.value.errors}
    assert "duplicate key 'name'" in errors["a.yaml"]
    assert "unknown top-level key 'views'" in errors["b.yaml"]
    assert errors["c.yaml"] == "entities must be a list"
    assert errors["d.yaml"].startswith("line ")
    assert "4 problem(s)" in str(raised.value)


def test_a_repository_without_definitions_is_an_error(tmp_path):
    write(tmp_path, "featurestore.yaml", "project: demo\n")

    with pytest.raises(InvalidRequestError, match="holds no definitions"):
        load_repository(tmp_path)


def test_a_document_in_code_is_checked_for_unknown_lists():
    with pytest.raises(InvalidRequestError, match="unknown top-level key"):
        document_from({"views": []})
    with pytest.raises(InvalidRequestError, match="expected a mapping"):
        document_from(42)
