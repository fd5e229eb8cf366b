import json
from pathlib import Path

import pytest

from featurestore import ConfigurationError, FeatureStore, MissingApiKeyError, RepoConfig
from featurestore.config import DEFAULT_ENDPOINTS


def write_endpoints(path: Path, port_base: int = 28080, key: str = "fsk_devstack") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "services": {name: f"http://127.0.0.1:{port_base + i}" for i, name in
                     enumerate(["registry", "serving", "historical", "materialization", "monitoring"], start=1)},
        "s3": {"endpoint": "http://127.0.0.1:29000", "access_key": "devstack-access", "secret_key": "devstack-secret",
               "region": "eu-west-1", "bucket": "devbucket"},
        "security": {"admin_key": key},
    }))
    return path


def write_repo(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "featurestore.yaml").write_text(text)
    return folder


def test_defaults_are_the_dev_stack_ports_without_any_configuration(tmp_path):
    config = RepoConfig.resolve(environ={}, cwd=tmp_path)

    assert dict(config.endpoints) == DEFAULT_ENDPOINTS
    assert config.offline_store.endpoint == "http://127.0.0.1:19000"
    assert config.offline_store.bucket == "featurestore"
    assert config.offline_store.staging_prefix == "s3://featurestore/staging/"
    assert config.offline_store.region == "us-east-1"
    assert config.project is None
    assert config.api_key is None
    assert config.describe("endpoints.serving") == "the built-in default"


def test_endpoints_file_is_found_in_a_parent_folder_and_gives_services_s3_and_the_admin_key(tmp_path):
    write_endpoints(tmp_path / ".devstack" / "endpoints.json")
    nested = tmp_path / "notebooks" / "week1"
    nested.mkdir(parents=True)

    config = RepoConfig.resolve(environ={}, cwd=nested)

    assert config.endpoints["registry"] == "http://127.0.0.1:28081"
    assert config.endpoints["monitoring"] == "http://127.0.0.1:28085"
    assert config.offline_store.endpoint == "http://127.0.0.1:29000"
    assert config.offline_store.access_key == "devstack-access"
    assert config.offline_store.secret_key == "devstack-secret"
    assert config.offline_store.region == "eu-west-1"
    assert config.offline_store.bucket == "devbucket"
    assert config.offline_store.staging_prefix == "s3://devbucket/staging/"
    assert config.api_key == "fsk_devstack"
    assert config.endpoints_file == tmp_path / ".devstack" / "endpoints.json"


def test_featurestore_yaml_wins_over_the_endpoints_file(tmp_path):
    write_endpoints(tmp_path / ".devstack" / "endpoints.json")
    repo = write_repo(tmp_path / "repo", """
project: rides
endpoints:
  serving: http://serving.internal:8082/
offline_store:
  endpoint: https://s3.example.com
  region: us-west-2
  bucket: features
  staging_prefix: s3://features/tmp/entities
auth:
  api_key_env: RIDES_KEY
""")

    config = RepoConfig.resolve(repo, environ={"RIDES_KEY": "fsk_rides"}, cwd=tmp_path)

    assert config.project == "rides"
    assert config.repo_path == repo
    assert config.endpoints["serving"] == "http://serving.internal:8082"
    assert config.endpoints["registry"] == "http://127.0.0.1:28081"  # not in the file: the endpoints file
    assert config.offline_store.endpoint == "https://s3.example.com"
    assert config.offline_store.region == "us-west-2"
    assert config.offline_store.bucket == "features"
    assert config.offline_store.staging_prefix == "s3://features/tmp/entities/"
    assert config.api_key == "fsk_rides"
    assert config.api_key_env == "RIDES_KEY"


def test_environment_variables_win_over_featurestore_yaml(tmp_path):
    repo = write_repo(tmp_path / "repo", """
project: rides
endpoints: {registry: http://registry.internal:8081, historical: http://historical.internal:8083}
offline_store: {endpoint: https://s3.example.com, region: us-west-2}
""")
    environ = {
        "FEATURESTORE_PROJECT": "rides_staging",
        "FEATURESTORE_REGISTRY_URL": "http://registry.staging:8081",
        "FEATURESTORE_SERVING_URL": "http://serving.staging:8082",
        "FEATURESTORE_MATERIALIZATION_URL": "http://materialization.staging:8084",
        "FEATURESTORE_MONITORING_URL": "http://monitoring.staging:8085",
        "FEATURESTORE_S3_ENDPOINT": "http://minio.staging:9000",
        "FEATURESTORE_API_KEY": "fsk_env",
        "AWS_ACCESS_KEY_ID": "env-access",
        "AWS_SECRET_ACCESS_KEY": "env-secret",
        "AWS_REGION": "ap-south-1",
    }

    config = RepoConfig.resolve(repo, environ=environ, cwd=tmp_path)

    assert config.project == "rides_staging"
    assert config.endpoints["registry"] == "http://registry.staging:8081"
    assert config.endpoints["serving"] == "http://serving.staging:8082"
    assert config.endpoints["historical"] == "http://historical.internal:8083"
    assert config.endpoints["materialization"] == "http://materialization.staging:8084"
    assert config.endpoints["monitoring"] == "http://monitoring.staging:8085"
    assert config.offline_store.endpoint == "http://minio.staging:9000"
    assert config.offline_store.region == "ap-south-1"
    assert config.offline_store.access_key == "env-access"
    assert config.offline_store.secret_key == "env-secret"
    assert config.api_key == "fsk_env"
    assert config.describe("endpoints.registry") == "the environment variable FEATURESTORE_REGISTRY_URL"


def test_explicit_arguments_win_over_everything(tmp_path):
    write_endpoints(tmp_path / ".devstack" / "endpoints.json")
    repo = write_repo(tmp_path / "repo", "project: rides\nendpoints: {serving: http://serving.internal:8082}\n")
    environ = {"FEATURESTORE_PROJECT": "from_env", "FEATURESTORE_SERVING_URL": "http://env:8082",
               "FEATURESTORE_API_KEY": "fsk_env", "FEATURESTORE_S3_ENDPOINT": "http://env-s3:9000"}

    config = RepoConfig.resolve(repo, project="explicit", serving_url="http://explicit:8082", api_key="fsk_explicit",
                                s3_endpoint="http://explicit-s3:9000", s3_access_key="a", s3_secret_key="s",
                                staging_prefix="s3://b/p", environ=environ, cwd=tmp_path)

    assert config.project == "explicit"
    assert config.endpoints["serving"] == "http://explicit:8082"
    assert config.api_key == "fsk_explicit"
    assert config.offline_store.endpoint == "http://explicit-s3:9000"
    assert (config.offline_store.access_key, config.offline_store.secret_key) == ("a", "s")
    assert config.offline_store.staging_prefix == "s3://b/p/"
    assert config.describe("endpoints.serving") == "the argument serving_url"


def test_endpoints_file_named_by_the_environment_is_read(tmp_path):
    named = write_endpoints(tmp_path / "elsewhere" / "stack.json", port_base=38080, key="fsk_named")
    write_endpoints(tmp_path / ".devstack" / "endpoints.json")  # ignored: the variable wins

    config = RepoConfig.resolve(environ={"FEATURESTORE_ENDPOINTS_FILE": str(named)}, cwd=tmp_path)

    assert config.endpoints["serving"] == "http://127.0.0.1:38082"
    assert config.api_key == "fsk_named"


def test_a_missing_endpoints_file_named_by_the_environment_is_an_error(tmp_path):
    with pytest.raises(ConfigurationError, match="FEATURESTORE_ENDPOINTS_FILE: no file at"):
        RepoConfig.resolve(environ={"FEATURESTORE_ENDPOINTS_FILE": str(tmp_path / "missing.json")}, cwd=tmp_path)


def test_the_current_folders_featurestore_yaml_is_read_without_repo_path(tmp_path):
    write_repo(tmp_path, "project: here\n")

    config = RepoConfig.resolve(environ={}, cwd=tmp_path)

    assert config.project == "here"
    assert config.repo_path == tmp_path


@pytest.mark.parametrize("text, message", [
    ("project: Rides\n", "project: 'Rides'"),
    ("endpoints: {serving: localhost:8082}\n", "endpoints.serving: 'localhost:8082'"),
    ("endpoints: {serving: 8082}\n", "endpoints.serving must be a URL"),
    ("endpoints: [a]\n", "endpoints must be a mapping"),
    ("offline_store: {staging_prefix: /tmp/staging}\n", "offline_store.staging_prefix: '/tmp/staging'"),
    ("auth: {api_key: fsk_secret}\n", "auth.api_key: the key itself is never written"),
    ("auth: {api_key_env: 'not a variable'}\n", "auth.api_key_env must name an environment variable"),
    ("project: [unclosed\n", "not valid YAML"),
    ("- a list\n", "expected a mapping"),
])
def test_a_bad_setting_in_featurestore_yaml_is_named(tmp_path, text, message):
    repo = write_repo(tmp_path / "repo", text)

    with pytest.raises(ConfigurationError) as error:
        RepoConfig.resolve(repo, environ={}, cwd=tmp_path)

    assert message in str(error.value)


def test_an_unknown_setting_is_warned_about_and_ignored(tmp_path):
    repo = write_repo(tmp_path / "repo", "project: rides\nprovider: local\n")

    with pytest.warns(UserWarning, match="unknown setting 'provider'"):
        config = RepoConfig.resolve(repo, environ={}, cwd=tmp_path)

    assert config.project == "rides"


def test_a_bad_url_from_the_environment_names_the_variable(tmp_path):
    with pytest.raises(ConfigurationError, match="FEATURESTORE_HISTORICAL_URL"):
        RepoConfig.resolve(environ={"FEATURESTORE_HISTORICAL_URL": "ftp://x"}, cwd=tmp_path)


def test_repo_path_that_is_not_a_folder_is_an_error(tmp_path):
    with pytest.raises(ConfigurationError, match="repo_path: .* is not a folder"):
        RepoConfig.resolve(tmp_path / "missing", environ={}, cwd=tmp_path)


def test_a_missing_api_key_says_how_to_provide_one(tmp_path):
    repo = write_repo(tmp_path / "repo", "project: rides\nauth: {api_key_env: RIDES_KEY}\n")
    config = RepoConfig.resolve(repo, environ={}, cwd=tmp_path)

    with pytest.raises(MissingApiKeyError) as error:
        config.require_api_key()

    message = str(error.value)
    assert "api_key=" in message
    assert "FEATURESTORE_API_KEY" in message
    assert "RIDES_KEY" in message
    assert ".devstack/endpoints.json" in message


def test_a_missing_project_says_how_to_set_one(tmp_path):
    store = FeatureStore(api_key="fsk_x")

    with pytest.raises(ConfigurationError, match="FEATURESTORE_PROJECT"):
        _ = store.project


def test_the_api_key_and_secret_never_show_in_repr(tmp_path):
    config = RepoConfig.resolve(api_key="fsk_topsecret", s3_access_key="a", s3_secret_key="s3cr3t", environ={}, cwd=tmp_path)

    assert "fsk_topsecret" not in repr(config)
    assert "s3cr3t" not in repr(config)


@pytest.mark.parametrize("arguments, message", [
    ({"inline_entity_rows": -1}, "inline_entity_rows"),
    ({"inline_entity_rows": 20_000}, "inline_entity_rows"),
    ({"timeout": 0}, "timeout"),
    ({"s3_client": "boto"}, "s3_client"),
])
def test_bad_constructor_arguments_are_named(arguments, message):
    with pytest.raises(ConfigurationError, match=message):
        FeatureStore(**arguments)
