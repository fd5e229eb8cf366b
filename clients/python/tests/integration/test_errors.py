"""Typed errors from the real services: credentials, unreachable services, unknown projects."""

import json

import pytest

from featurestore import (
    AuthenticationError,
    FeatureStore,
    MissingApiKeyError,
    NotFoundError,
    ServiceUnavailableError,
)
from support import closed_port


def test_a_wrong_api_key_is_the_services_authentication_error(endpoints):
    with FeatureStore(api_key="fsk_000000000000_" + "A" * 43) as wrong:
        with pytest.raises(AuthenticationError) as refused:
            wrong.list_feature_views()

    assert refused.value.status == 401
    assert refused.value.code == "UNAUTHORIZED"
    assert refused.value.service == "registry"


def test_without_any_api_key_nothing_is_sent_and_the_error_says_how_to_provide_one(endpoints, monkeypatch, tmp_path):
    monkeypatch.delenv("FEATURESTORE_API_KEY")
    copy = tmp_path / "endpoints.json"  # the suite's endpoints without its admin key
    copy.write_text(json.dumps({key: value for key, value in endpoints.items() if key != "security"}))
    monkeypatch.setenv("FEATURESTORE_ENDPOINTS_FILE", str(copy))

    with FeatureStore() as keyless:
        assert keyless.config.endpoints["registry"] == endpoints["services"]["registry"]
        with pytest.raises(MissingApiKeyError) as missing:
            keyless.list_feature_views()

    assert "FEATURESTORE_API_KEY" in str(missing.value)


def test_an_unreachable_service_names_it_and_its_url(store):
    port = closed_port()

    with FeatureStore(serving_url=f"http://127.0.0.1:{port}") as unreachable:
        with pytest.raises(ServiceUnavailableError) as raised:
            unreachable.get_online_features(features=["driver_hourly:conv_rate"], entity_rows=[{"driver_id": 1001}])

    assert raised.value.service == "serving"
    assert raised.value.url == f"http://127.0.0.1:{port}"
    assert f"Cannot reach serving-service at http://127.0.0.1:{port}" in str(raised.value)


def test_an_unknown_project_is_the_registrys_not_found(store):
    with FeatureStore(project="no_such_project") as other:
        with pytest.raises(NotFoundError) as missing:
            other.list_entities()

    assert missing.value.status == 404
    assert missing.value.code == "PROJECT_NOT_FOUND"
