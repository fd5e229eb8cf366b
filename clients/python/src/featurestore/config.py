"""Client configuration: where the services are, which project, which API key.

The same settings, in the same order, as the ``featurestore`` command line. Highest first:

1. explicit arguments (``FeatureStore(serving_url=..., api_key=...)``),
2. environment variables (``FEATURESTORE_API_KEY``, ``FEATURESTORE_PROJECT``, ``FEATURESTORE_<SERVICE>_URL``,
   ``FEATURESTORE_S3_ENDPOINT``, ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_REGION``),
3. the repository's ``featurestore.yaml``,
4. the dev stack's endpoints file (``FEATURESTORE_ENDPOINTS_FILE``, else ``.devstack/endpoints.json`` in the current
   directory or a parent),
5. built-in defaults: the dev stack's ports on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import urlparse

import yaml

from .errors import ConfigurationError, MissingApiKeyError

__all__ = [
    "SERVICES",
    "DEFAULT_ENDPOINTS",
    "CONFIG_FILE_NAME",
    "OfflineStoreConfig",
    "RepoConfig",
    "find_endpoints_file",
]

SERVICES = ("registry", "serving", "historical", "materialization", "monitoring")
DEFAULT_ENDPOINTS = {
    "registry": "http://127.0.0.1:8081",
    "serving": "http://127.0.0.1:8082",
    "historical": "http://127.0.0.1:8083",
    "materialization": "http://127.0.0.1:8084",
    "monitoring": "http://127.0.0.1:8085",
}
DEFAULT_S3_ENDPOINT = "http://127.0.0.1:19000"
DEFAULT_REGION = "us-east-1"
DEFAULT_BUCKET = "featurestore"
DEFAULT_API_KEY_ENV = "FEATURESTORE_API_KEY"
CONFIG_FILE_NAME = "featurestore.yaml"
ENDPOINTS_FILE_ENV = "FEATURESTORE_ENDPOINTS_FILE"

_NAME = re.compile(r"[a-z][a-z0-9_]*")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOP_LEVEL_KEYS = ("project", "endpoints", "offline_store", "auth")
_OFFLINE_STORE_KEYS = ("endpoint", "region", "bucket", "staging_prefix")
_AUTH_KEYS = ("api_key_env",)


@dataclass(frozen=True)
class OfflineStoreConfig:
    """The S3 API the SDK uploads entity files to and reads training sets from.

    Attributes:
        endpoint: the S3 API's URL (``http://127.0.0.1:19000`` for the dev stack).
        region: the signing region.
        bucket: the bucket of the suite.
        staging_prefix: ``s3://`` prefix under which entity files are uploaded (``<prefix><uuid>/entities.parquet``).
        access_key: the access key id (``AWS_ACCESS_KEY_ID`` or the dev stack's), or ``None`` for the AWS default chain.
        secret_key: the secret key; never shown in ``repr``.
    """

    endpoint: str
    region: str
    bucket: str
    staging_prefix: str
    access_key: Optional[str] = None
    secret_key: Optional[str] = field(default=None, repr=False)


@dataclass(frozen=True)
class RepoConfig:
    """The resolved client configuration (see the module's documentation for the order of precedence).

    Attributes:
        project: the project every call is about, or ``None`` when none is configured.
        endpoints: the base URL of each service, by short name (``registry``, ``serving``, ``historical``,
            ``materialization``, ``monitoring``).
        offline_store: the S3 API settings.
        api_key: the API key sent as ``Authorization: Bearer``; never shown in ``repr``.
        api_key_env: the environment variable ``featurestore.yaml`` names for the key.
        repo_path: the feature repository folder, when there is one.
        endpoints_file: the dev stack endpoints file that was read, if any.
        origins: where each setting came from (``argument``, an environment variable's name, ``featurestore.yaml``,
            the endpoints file, ``default``), for messages.
    """

    project: Optional[str]
    endpoints: Mapping[str, str]
    offline_store: OfflineStoreConfig
    api_key: Optional[str] = field(default=None, repr=False)
    api_key_env: str = DEFAULT_API_KEY_ENV
    repo_path: Optional[Path] = None
    endpoints_file: Optional[Path] = None
    origins: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    def endpoint(self, service: str) -> str:
        """The base URL of ``service`` (``registry``, ``serving``, ``historical``, ``materialization``, ``monitoring``)."""
        return self.endpoints[service]

    def require_project(self) -> str:
        """The configured project, or a :class:`ConfigurationError` saying how to set one."""
        if not self.project:
            raise ConfigurationError(
                "No project configured: pass FeatureStore(project=...), set FEATURESTORE_PROJECT, "
                f"or write 'project: <name>' in {CONFIG_FILE_NAME} of the feature repository"
            )
        return self.project

    def require_api_key(self) -> str:
        """The configured API key, or a :class:`MissingApiKeyError` saying every way to provide one."""
        if not self.api_key:
            named = (
                f", or the variable {self.api_key_env} that auth.api_key_env of {CONFIG_FILE_NAME} names"
                if self.api_key_env != DEFAULT_API_KEY_ENV
                else ""
            )
            raise MissingApiKeyError(
                "No API key: every call to the feature store needs one. Pass FeatureStore(api_key=...), "
                f"set the environment variable {DEFAULT_API_KEY_ENV}{named}, or run against the dev stack "
                "(./devstack.sh writes its admin key to .devstack/endpoints.json, which the SDK reads; "
                f"{ENDPOINTS_FILE_ENV} points at another copy). The key itself is never written in {CONFIG_FILE_NAME}."
            )
        return self.api_key

    def describe(self, setting: str) -> str:
        """Where ``setting`` (e.g. ``endpoints.serving``) came from, in words, for error messages."""
        origin = self.origins.get(setting, "default")
        if origin == "default":
            return "the built-in default"
        return origin

    @classmethod
    def resolve(
        cls,
        repo_path: Optional[os.PathLike | str] = None,
        fs_yaml_file: Optional[os.PathLike | str] = None,
        *,
        project: Optional[str] = None,
        registry_url: Optional[str] = None,
        serving_url: Optional[str] = None,
        historical_url: Optional[str] = None,
        materialization_url: Optional[str] = None,
        monitoring_url: Optional[str] = None,
        api_key: Optional[str] = None,
        s3_endpoint: Optional[str] = None,
        s3_access_key: Optional[str] = None,
        s3_secret_key: Optional[str] = None,
        s3_region: Optional[str] = None,
        s3_bucket: Optional[str] = None,
        staging_prefix: Optional[str] = None,
        environ: Optional[Mapping[str, str]] = None,
        cwd: Optional[os.PathLike | str] = None,
    ) -> "RepoConfig":
        """Resolves the configuration from arguments, the environment, ``featurestore.yaml`` and the endpoints file.

        Args:
            repo_path: the feature repository folder; its ``featurestore.yaml`` is read when present. Without it,
                ``featurestore.yaml`` of ``cwd`` is read if there is one.
            fs_yaml_file: another configuration file to read instead of ``<repo_path>/featurestore.yaml``.
            project, registry_url, ..., staging_prefix: explicit settings, highest precedence.
            environ: the environment to read (default ``os.environ``).
            cwd: where to look for ``featurestore.yaml`` and ``.devstack/endpoints.json`` (default the current
                directory).

        Raises:
            ConfigurationError: naming the file and field of a bad setting.
        """
        env = os.environ if environ is None else environ
        here = Path(cwd) if cwd is not None else Path.cwd()
        origins: dict[str, str] = {}

        repo = _repo_folder(repo_path, here)
        yaml_path = _config_file(repo, fs_yaml_file, here)
        file_settings = _read_config_file(yaml_path) if yaml_path is not None else {}
        if repo is None and yaml_path is not None and fs_yaml_file is None:
            repo = yaml_path.parent
        endpoints_path = find_endpoints_file(env, here)
        devstack = _read_endpoints_file(endpoints_path) if endpoints_path is not None else {}
        devstack_origin = f"the endpoints file {endpoints_path}" if endpoints_path is not None else ""
        yaml_origin = str(yaml_path) if yaml_path is not None else CONFIG_FILE_NAME

        def pick(setting: str, candidates: list[tuple[Optional[str], str]], default: Optional[str]) -> Optional[str]:
            for value, origin in candidates:
                if value is not None and str(value).strip() != "":
                    origins[setting] = origin
                    return str(value).strip()
            origins[setting] = "default"
            return default

        arguments = {
            "registry": registry_url,
            "serving": serving_url,
            "historical": historical_url,
            "materialization": materialization_url,
            "monitoring": monitoring_url,
        }
        file_endpoints = file_settings.get("endpoints") or {}
        devstack_services = devstack.get("services") or {}
        endpoints = {}
        for service in SERVICES:
            variable = f"FEATURESTORE_{service.upper()}_URL"
            url = pick(
                f"endpoints.{service}",
                [
                    (arguments[service], f"the argument {service}_url"),
                    (env.get(variable), f"the environment variable {variable}"),
                    (file_endpoints.get(service), f"endpoints.{service} of {yaml_origin}"),
                    (devstack_services.get(service), devstack_origin),
                ],
                DEFAULT_ENDPOINTS[service],
            )
            endpoints[service] = _url(url, f"endpoints.{service}", origins[f"endpoints.{service}"])

        chosen_project = pick(
            "project",
            [
                (project, "the argument project"),
                (env.get("FEATURESTORE_PROJECT"), "the environment variable FEATURESTORE_PROJECT"),
                (file_settings.get("project"), f"project of {yaml_origin}"),
            ],
            None,
        )
        if chosen_project is not None and not _NAME.fullmatch(chosen_project):
            raise ConfigurationError(
                f"project: '{chosen_project}' (from {origins['project']}) is not a project name "
                "(lower-case letters, digits and '_', starting with a letter)"
            )

        auth = file_settings.get("auth") or {}
        api_key_env = auth.get("api_key_env") or DEFAULT_API_KEY_ENV
        security = devstack.get("security") or {}
        chosen_key = pick(
            "api_key",
            [
                (api_key, "the argument api_key"),
                (env.get(DEFAULT_API_KEY_ENV), f"the environment variable {DEFAULT_API_KEY_ENV}"),
                (env.get(api_key_env), f"the environment variable {api_key_env} (auth.api_key_env of {yaml_origin})"),
                (security.get("admin_key"), f"the admin key of {devstack_origin}"),
            ],
            None,
        )

        store = file_settings.get("offline_store") or {}
        s3 = devstack.get("s3") or {}
        s3_url = pick(
            "offline_store.endpoint",
            [
                (s3_endpoint, "the argument s3_endpoint"),
                (env.get("FEATURESTORE_S3_ENDPOINT"), "the environment variable FEATURESTORE_S3_ENDPOINT"),
                (store.get("endpoint"), f"offline_store.endpoint of {yaml_origin}"),
                (s3.get("endpoint"), devstack_origin),
            ],
            DEFAULT_S3_ENDPOINT,
        )
        s3_url = _url(s3_url, "offline_store.endpoint", origins["offline_store.endpoint"])
        region = pick(
            "offline_store.region",
            [
                (s3_region, "the argument s3_region"),
                (env.get("AWS_REGION"), "the environment variable AWS_REGION"),
                (store.get("region"), f"offline_store.region of {yaml_origin}"),
                (s3.get("region"), devstack_origin),
            ],
            DEFAULT_REGION,
        )
        bucket = pick(
            "offline_store.bucket",
            [
                (s3_bucket, "the argument s3_bucket"),
                (store.get("bucket"), f"offline_store.bucket of {yaml_origin}"),
                (s3.get("bucket"), devstack_origin),
            ],
            DEFAULT_BUCKET,
        )
        prefix = pick(
            "offline_store.staging_prefix",
            [
                (staging_prefix, "the argument staging_prefix"),
                (store.get("staging_prefix"), f"offline_store.staging_prefix of {yaml_origin}"),
            ],
            f"s3://{bucket}/staging/",
        )
        prefix = _staging_prefix(prefix, origins["offline_store.staging_prefix"])
        access_key = pick(
            "offline_store.access_key",
            [
                (s3_access_key, "the argument s3_access_key"),
                (env.get("AWS_ACCESS_KEY_ID"), "the environment variable AWS_ACCESS_KEY_ID"),
                (s3.get("access_key"), devstack_origin),
            ],
            None,
        )
        secret_key = pick(
            "offline_store.secret_key",
            [
                (s3_secret_key, "the argument s3_secret_key"),
                (env.get("AWS_SECRET_ACCESS_KEY"), "the environment variable AWS_SECRET_ACCESS_KEY"),
                (s3.get("secret_key"), devstack_origin),
            ],
            None,
        )
        return cls(
            project=chosen_project,
            endpoints=endpoints,
            offline_store=OfflineStoreConfig(
                endpoint=s3_url,
                region=region or DEFAULT_REGION,
                bucket=bucket or DEFAULT_BUCKET,
                staging_prefix=prefix,
                access_key=access_key,
                secret_key=secret_key,
            ),
            api_key=chosen_key,
            api_key_env=api_key_env,
            repo_path=repo,
            endpoints_file=endpoints_path,
            origins=origins,
        )


def find_endpoints_file(environ: Mapping[str, str], cwd: Path) -> Optional[Path]:
    """The dev stack endpoints file: ``FEATURESTORE_ENDPOINTS_FILE``, else ``.devstack/endpoints.json`` of ``cwd``
    or its nearest parent that has one; ``None`` when there is none.

    Raises:
        ConfigurationError: when ``FEATURESTORE_ENDPOINTS_FILE`` names a file that does not exist.
    """
    named = environ.get(ENDPOINTS_FILE_ENV)
    if named:
        path = Path(named)
        if not path.is_absolute():
            path = cwd / path
        if not path.is_file():
            raise ConfigurationError(f"{ENDPOINTS_FILE_ENV}: no file at {path}")
        return path
    for folder in [cwd, *cwd.resolve().parents]:
        candidate = folder / ".devstack" / "endpoints.json"
        if candidate.is_file():
            return candidate
    return None


def _repo_folder(repo_path: Optional[os.PathLike | str], cwd: Path) -> Optional[Path]:
    if repo_path is None:
        return None
    path = Path(repo_path)
    if not path.is_absolute():
        path = cwd / path
    if not path.is_dir():
        raise ConfigurationError(f"repo_path: {path} is not a folder")
    return path


def _config_file(repo: Optional[Path], fs_yaml_file: Optional[os.PathLike | str], cwd: Path) -> Optional[Path]:
    if fs_yaml_file is not None:
        path = Path(fs_yaml_file)
        if not path.is_absolute():
            path = cwd / path
        if not path.is_file():
            raise ConfigurationError(f"fs_yaml_file: no file at {path}")
        return path
    folder = repo if repo is not None else cwd
    candidate = folder / CONFIG_FILE_NAME
    return candidate if candidate.is_file() else None


def _read_config_file(path: Path) -> dict[str, Any]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ConfigurationError(f"{path}: not valid YAML: {error}") from error
    except OSError as error:
        raise ConfigurationError(f"{path}: cannot be read: {error}") from error
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ConfigurationError(f"{path}: expected a mapping with {', '.join(_TOP_LEVEL_KEYS)}")
    _check_keys(path, "", content, _TOP_LEVEL_KEYS)
    project = content.get("project")
    if project is not None and not isinstance(project, str):
        raise ConfigurationError(f"{path}: project must be a name, not {project!r}")
    endpoints = _mapping(path, content, "endpoints")
    _check_keys(path, "endpoints.", endpoints, SERVICES)
    for service, url in endpoints.items():
        if url is not None and not isinstance(url, str):
            raise ConfigurationError(f"{path}: endpoints.{service} must be a URL, not {url!r}")
    store = _mapping(path, content, "offline_store")
    _check_keys(path, "offline_store.", store, _OFFLINE_STORE_KEYS)
    for key, value in store.items():
        if value is not None and not isinstance(value, str):
            raise ConfigurationError(f"{path}: offline_store.{key} must be a string, not {value!r}")
    auth = _mapping(path, content, "auth")
    if "api_key" in auth:
        raise ConfigurationError(
            f"{path}: auth.api_key: the key itself is never written in {CONFIG_FILE_NAME}; name the environment "
            f"variable that holds it with auth.api_key_env (default {DEFAULT_API_KEY_ENV})"
        )
    _check_keys(path, "auth.", auth, _AUTH_KEYS)
    variable = auth.get("api_key_env")
    if variable is not None and (not isinstance(variable, str) or not _ENV_NAME.fullmatch(variable)):
        raise ConfigurationError(f"{path}: auth.api_key_env must name an environment variable, not {variable!r}")
    return {"project": project, "endpoints": endpoints, "offline_store": store, "auth": auth}


def _mapping(path: Path, content: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = content.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigurationError(f"{path}: {key} must be a mapping, not {value!r}")
    return value


def _check_keys(path: Path, prefix: str, mapping: Mapping[str, Any], known: tuple[str, ...]) -> None:
    for key in mapping:
        if key not in known:
            warnings.warn(
                f"{path}: unknown setting '{prefix}{key}' is ignored (known: {', '.join(prefix + k for k in known)})",
                stacklevel=4,
            )


def _read_endpoints_file(path: Path) -> dict[str, Any]:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigurationError(f"{path}: not a readable endpoints file: {error}") from error
    if not isinstance(content, dict):
        raise ConfigurationError(f"{path}: expected a JSON object with services, s3 and security")
    return content


def _url(value: Optional[str], setting: str, origin: str) -> str:
    parsed = urlparse(value or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigurationError(f"{setting}: '{value}' (from {origin}) is not an http:// or https:// URL")
    return (value or "").rstrip("/")


def _staging_prefix(value: Optional[str], origin: str) -> str:
    text = value or ""
    if not text.startswith("s3://") or len(text) <= len("s3://") or text[len("s3://")] == "/":
        raise ConfigurationError(
            f"offline_store.staging_prefix: '{text}' (from {origin}) is not an s3://bucket/prefix/ URI"
        )
    return text if text.endswith("/") else text + "/"
