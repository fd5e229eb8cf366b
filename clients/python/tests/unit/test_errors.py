import pickle
import socket

import pytest

from featurestore import (
    AuthenticationError,
    BreakingChangeError,
    ConflictError,
    FeatureStore,
    FeatureStoreError,
    InvalidRequestError,
    MissingApiKeyError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    ServerError,
    ServiceUnavailableError,
)
from featurestore.errors import FieldError, error_from_problem


def problem(status, code, detail="something is wrong", errors=()):
    return {
        "type": f"urn:featurestore:problem:{code.lower().replace('_', '-')}",
        "title": code.title(),
        "status": status,
        "detail": detail,
        "code": code,
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


@pytest.mark.parametrize("status, code, expected", [
    (400, "VALIDATION_FAILED", InvalidRequestError),
    (400, "INVALID_REQUEST", InvalidRequestError),
    (400, "SOURCE_UNREADABLE", InvalidRequestError),
    (401, "UNAUTHORIZED", AuthenticationError),
    (403, "FORBIDDEN", PermissionDeniedError),
    (404, "NOT_FOUND", NotFoundError),
    (404, "OBJECT_NOT_FOUND", NotFoundError),
    (409, "OUTPUT_EXISTS", ConflictError),
    (409, "BREAKING_CHANGE", BreakingChangeError),
    (413, "TOO_MANY_ROWS", PayloadTooLargeError),
    (503, "SERVICE_UNAVAILABLE", ServiceUnavailableError),
    (504, "DEPENDENCY_TIMEOUT", ServiceUnavailableError),
    (500, "INTERNAL_ERROR", ServerError),
])
def test_a_problem_becomes_the_error_class_of_its_status_and_code(status, code, expected):
    error = error_from_problem(problem(status, code), status=status, service="registry", url="http://127.0.0.1:8081")

    assert type(error) is expected
    assert isinstance(error, FeatureStoreError)
    assert error.status == status
    assert error.code == code


def test_an_error_carries_every_field_of_the_problem():
    body = problem(404, "NOT_FOUND", "Unknown features: [features[0]: no feature 'nope']",
                   [("features[0]", "no feature 'nope'"), ("features[2]", "no view 'x'")])

    error = error_from_problem(body, status=404, service="serving", url="http://127.0.0.1:8082")

    assert error.detail == "Unknown features: [features[0]: no feature 'nope']"
    assert error.title == "Not_Found"
    assert error.type == "urn:featurestore:problem:not-found"
    assert error.errors == (FieldError("features[0]", "no feature 'nope'"), FieldError("features[2]", "no view 'x'"))
    assert error.service == "serving"
    assert error.url == "http://127.0.0.1:8082"
    # the message shows the detail, and the errors the detail does not already quote
    assert str(error).startswith("[404 NOT_FOUND] Unknown features")
    assert "features[2]: no view 'x'" in str(error)
    assert str(error).count("no feature 'nope'") == 1


def test_error_paths_are_located_in_the_repository_files_when_a_locator_is_given():
    body = problem(400, "VALIDATION_FAILED", "2 problem(s)", [("feature_views[3].source", "unknown data source 'x'")])

    error = error_from_problem(body, status=400, locate=lambda path: "driver_features.yaml: feature_views[1].source")

    assert error.errors[0].location == "driver_features.yaml: feature_views[1].source"
    assert "driver_features.yaml: feature_views[1].source: unknown data source 'x'" in str(error)


def test_an_unavailable_service_names_itself_and_its_url():
    error = error_from_problem(problem(503, "SERVICE_UNAVAILABLE", "PostgreSQL is down"), status=503,
                               service="registry", url="http://127.0.0.1:8081")

    assert "PostgreSQL is down (registry at http://127.0.0.1:8081)" in str(error)


def test_errors_survive_pickling_with_their_fields():
    body = problem(409, "BREAKING_CHANGE", "1 breaking change", [("feature_views.a.schema.b.dtype", "INT64 -> FLOAT64")])
    error = error_from_problem(body, status=409)

    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is BreakingChangeError
    assert (copy.status, copy.code, copy.errors) == (409, "BREAKING_CHANGE", error.errors)


def test_missing_api_key_is_both_an_authentication_and_a_configuration_error():
    from featurestore import ConfigurationError

    assert issubclass(MissingApiKeyError, AuthenticationError)
    assert issubclass(MissingApiKeyError, ConfigurationError)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_service_is_a_service_unavailable_error_naming_the_service_and_its_url():
    port = closed_port()
    store = FeatureStore(project="demo", api_key="fsk_x", registry_url=f"http://127.0.0.1:{port}", timeout=5)

    with pytest.raises(ServiceUnavailableError) as raised:
        store.list_feature_views()

    error = raised.value
    assert error.service == "registry"
    assert error.url == f"http://127.0.0.1:{port}"
    assert error.code == "UNREACHABLE"
    assert f"Cannot reach registry-service at http://127.0.0.1:{port}" in str(error)
    assert "the argument registry_url" in str(error)
    assert "FEATURESTORE_REGISTRY_URL" in str(error)


def test_nothing_is_sent_without_an_api_key():
    port = closed_port()  # a call would fail as unreachable: the missing key is found first
    store = FeatureStore(project="demo", registry_url=f"http://127.0.0.1:{port}")

    with pytest.raises(MissingApiKeyError):
        store.list_entities()
