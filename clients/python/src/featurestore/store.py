"""``FeatureStore``: the SDK's entry point, shaped like Feast's so that moving over is a change of import and
configuration."""

from __future__ import annotations

import enum
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pyarrow as pa

from ._convert import (
    columns_to_json,
    is_pandas_frame,
    parse_timestamp_column,
    rows_to_columns,
    timestamp_text,
    to_arrow,
    utc_timestamps,
)
from ._http import Services
from .config import RepoConfig
from .definitions import (
    DataSource,
    Entity,
    FeatureService,
    FeatureView,
    FreshnessStatus,
    OnDemandFeatureView,
    _Definition,
)
from .errors import (
    BreakingChangeError,
    ConfigurationError,
    FieldError,
    InvalidRequestError,
    NotFoundError,
)
from .historical import RetrievalJob
from .materialization import MaterializationResult, Run, follow_runs
from .online import OnlineResponse
from .plan import Plan
from .progress import ProgressReporter
from .repository import SECTIONS, DefinitionDocument, document_from, load_repository
from .s3 import ObjectStore, object_store, parquet_bytes

__all__ = ["FeatureStore", "PushMode", "PushResult"]

_KIND_CLASSES = {
    "entities": Entity,
    "data_sources": DataSource,
    "feature_views": FeatureView,
    "on_demand_feature_views": OnDemandFeatureView,
    "feature_services": FeatureService,
}
_SECTION_OF_CLASS = {cls: section for section, cls in _KIND_CLASSES.items()}


class PushMode(enum.Enum):
    """Where a push writes (as Feast's ``PushMode``)."""

    ONLINE = "online"
    OFFLINE = "offline"
    ONLINE_AND_OFFLINE = "online_and_offline"


@dataclass(frozen=True)
class PushResult:
    """What a push wrote.

    Attributes:
        rows: rows pushed.
        feature_views: the views fed by the push source.
        online_written: records written online (newer than what the store held).
        online_unchanged: records left as they were (not newer).
        online_expired: records already past their ttl, not written.
        offline_object: the Parquet object written under the batch source (offline pushes).
    """

    rows: int
    feature_views: tuple[str, ...]
    online_written: int = 0
    online_unchanged: int = 0
    online_expired: int = 0
    offline_object: Optional[str] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


class FeatureStore:
    """A client of the feature store suite: registry, serving, historical, materialization and monitoring.

    Example::

        from featurestore import FeatureStore

        store = FeatureStore(repo_path="feature_repo")       # featurestore.yaml + definitions
        print(store.plan())
        store.apply()
        store.get_online_features(
            features=["driver_hourly:conv_rate"], entity_rows=[{"driver_id": 1001}]
        ).to_df()
    """

    def __init__(
        self,
        repo_path: Optional[os.PathLike | str] = None,
        config: Optional[RepoConfig] = None,
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
        s3_client: str = "auto",
        inline_entity_rows: int = 1000,
        timeout: float = 30.0,
    ) -> None:
        """Resolves the configuration (see :mod:`featurestore.config` for the order of precedence).

        Args:
            repo_path: the feature repository folder (``featurestore.yaml`` plus definition files); without it, the
                current directory's ``featurestore.yaml`` is read if there is one.
            config: a resolved :class:`RepoConfig` to use as it is (the other settings are then ignored).
            fs_yaml_file: a configuration file to read instead of ``<repo_path>/featurestore.yaml``.
            project: the project (else ``FEATURESTORE_PROJECT``, else ``project`` of ``featurestore.yaml``).
            registry_url, serving_url, historical_url, materialization_url, monitoring_url: service URLs.
            api_key: the API key (else ``FEATURESTORE_API_KEY``, the variable ``auth.api_key_env`` names, or the dev
                stack's admin key from its endpoints file).
            s3_endpoint, s3_access_key, s3_secret_key, s3_region, s3_bucket, staging_prefix: the S3 API the SDK
                uploads entity files to and reads training sets from.
            s3_client: ``"auto"`` (pyarrow's S3 filesystem when available, else signed HTTP requests),
                ``"pyarrow"`` or ``"requests"``.
            inline_entity_rows: entity frames of at most this many rows are sent inside the request; larger ones are
                uploaded to the staging prefix as Parquet (``0``: always upload). At most 10,000 (the service's
                default inline limit).
            timeout: seconds to wait for a service's answer.

        Raises:
            ConfigurationError: naming the bad setting and where it came from.
        """
        if config is None:
            config = RepoConfig.resolve(
                repo_path,
                fs_yaml_file,
                project=project,
                registry_url=registry_url,
                serving_url=serving_url,
                historical_url=historical_url,
                materialization_url=materialization_url,
                monitoring_url=monitoring_url,
                api_key=api_key,
                s3_endpoint=s3_endpoint,
                s3_access_key=s3_access_key,
                s3_secret_key=s3_secret_key,
                s3_region=s3_region,
                s3_bucket=s3_bucket,
                staging_prefix=staging_prefix,
            )
        rows_ok = isinstance(inline_entity_rows, int) and not isinstance(inline_entity_rows, bool)
        if not rows_ok or not 0 <= inline_entity_rows <= 10_000:
            raise ConfigurationError(f"inline_entity_rows: {inline_entity_rows!r} is not a number of rows from 0 to 10000")
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ConfigurationError(f"timeout: {timeout!r} is not a positive number of seconds")
        if s3_client not in ("auto", "pyarrow", "requests"):
            raise ConfigurationError(f"s3_client: '{s3_client}' is not one of auto, pyarrow, requests")
        self._config = config
        self._services = Services(config, float(timeout))
        self._s3_client = s3_client
        self._object_store: Optional[ObjectStore] = None
        self._inline_entity_rows = inline_entity_rows
        self._snapshot: Optional[dict[str, Any]] = None
        self._etag: Optional[str] = None

    # ----------------------------------------------------------------------------------------------- configuration

    @property
    def config(self) -> RepoConfig:
        """The resolved configuration."""
        return self._config

    @property
    def project(self) -> str:
        """The project every call is about.

        Raises:
            ConfigurationError: when none is configured.
        """
        return self._config.require_project()

    @property
    def repo_path(self) -> Optional[Path]:
        """The feature repository folder, if any."""
        return self._config.repo_path

    def close(self) -> None:
        """Closes the pooled HTTP connections."""
        self._services.close()

    def __enter__(self) -> "FeatureStore":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FeatureStore(project={self._config.project!r}, registry={self._config.endpoint('registry')!r})"

    # ---------------------------------------------------------------------------------------------- definitions

    def plan(self, document: Any = None, *, prune: bool = False) -> Plan:
        """What :meth:`apply` would change, without writing anything.

        Breaking changes do not raise here: they are listed in ``plan.breaking_changes`` (and marked when printed).

        Args:
            document: what to plan; ``None`` reads the repository folder (every definition file next to
                ``featurestore.yaml``, as one document). Also a mapping of the five lists, its YAML text, or a list
                of definition objects (:class:`FeatureView`, ...).
            prune: also plan deleting the project's objects the document does not name.

        Returns:
            the :class:`Plan`: one change per object (create, update with diffs, delete, unchanged).

        Raises:
            InvalidRequestError: the document is invalid; ``errors`` names each problem with its file.
        """
        definitions = self._definitions(document)
        try:
            body = self._post_apply(definitions, dry_run=True, allow_breaking=False, prune=prune)
            return Plan.from_response(self.project, body)
        except BreakingChangeError as breaking:
            body = self._post_apply(definitions, dry_run=True, allow_breaking=True, prune=prune)
            return Plan.from_response(self.project, body, breaking=breaking.errors, dry_run=True)

    def apply(self, document: Any = None, *, allow_breaking: bool = False, prune: bool = False) -> Plan:
        """Applies the definitions to the registry (the project is created if it does not exist).

        Args:
            document: what to apply; ``None`` reads the repository folder (see :meth:`plan`).
            allow_breaking: make breaking changes (removed or retyped features, changed entities, ...); without it
                a breaking change raises :class:`BreakingChangeError` naming each and nothing is written.
            prune: delete the project's objects the document does not name.

        Returns:
            the :class:`Plan` that was applied, with the new registry version.

        Raises:
            BreakingChangeError: breaking changes without ``allow_breaking``; ``errors`` names each.
            InvalidRequestError: the document is invalid; ``errors`` names each problem with its file.
            ConflictError: an object still in use would be removed.
        """
        definitions = self._definitions(document)
        body = self._post_apply(definitions, dry_run=False, allow_breaking=allow_breaking, prune=prune)
        self._snapshot = None
        self._etag = None
        return Plan.from_response(self.project, body)

    def _definitions(self, document: Any) -> DefinitionDocument:
        if document is None:
            if self._config.repo_path is None:
                raise ConfigurationError(
                    "No feature repository: pass FeatureStore(repo_path=...) (a folder with featurestore.yaml and "
                    "definition files), or give the definitions to apply()/plan()"
                )
            return load_repository(self._config.repo_path)
        if isinstance(document, (list, tuple)) and all(isinstance(item, _Definition) for item in document):
            sections: dict[str, list] = {}
            for item in document:
                sections.setdefault(_SECTION_OF_CLASS[type(item)], []).append(item.to_dict())
            return DefinitionDocument({section: sections[section] for section in SECTIONS if section in sections})
        return document_from(document)

    def _post_apply(self, definitions: DefinitionDocument, *, dry_run: bool, allow_breaking: bool, prune: bool) -> dict:
        project = self.project
        return self._services.json(
            "registry",
            "POST",
            f"/v1/projects/{project}/apply",
            params={"dry_run": dry_run, "allow_breaking": allow_breaking, "prune": prune},
            data=definitions.to_yaml().encode("utf-8"),
            content_type="application/yaml",
            locate=definitions.locate,
        )

    def refresh_registry(self) -> dict[str, Any]:
        """Reads the project's definitions again (``GET /v1/projects/{p}/registry``) and returns the snapshot.

        The SDK keeps the snapshot to check feature references before it sends a request; it refreshes it by itself
        when a name is missing, so a read right after an apply elsewhere sees it.
        """
        headers = {"If-None-Match": self._etag} if self._etag and self._snapshot is not None else None
        response = self._services.request(
            "registry", "GET", f"/v1/projects/{self.project}/registry", headers=headers, expected=(200, 304)
        )
        if response.status_code == 200:
            self._snapshot = response.json()
            self._etag = response.headers.get("ETag")
        return self._snapshot or {}

    def _registry(self, refresh: bool = False) -> dict[str, Any]:
        if self._snapshot is None or refresh:
            return self.refresh_registry()
        return self._snapshot

    def _list(self, section: str, tags: Optional[Mapping[str, str]]) -> list:
        params = {"tag": [f"{key}:{value}" for key, value in (tags or {}).items()]} if tags else None
        body = self._services.json("registry", "GET", f"/v1/projects/{self.project}/{section}", params=params)
        return [_KIND_CLASSES[section].from_registry(item) for item in body.get("objects") or []]

    def _get(self, section: str, name: str):
        if not isinstance(name, str) or not name:
            raise InvalidRequestError(f"name: expected the name of a {section[:-1].replace('_', ' ')}, not {name!r}")
        body = self._services.json("registry", "GET", f"/v1/projects/{self.project}/{section}/{name}")
        return _KIND_CLASSES[section].from_registry(body)

    def list_entities(self, allow_cache: bool = False, tags: Optional[Mapping[str, str]] = None) -> list[Entity]:
        """The project's entities (with every tag of ``tags``, if given).

        ``allow_cache`` is accepted for compatibility with Feast; lists are always read from the registry.
        """
        return self._list("entities", tags)

    def list_data_sources(self, allow_cache: bool = False, tags: Optional[Mapping[str, str]] = None) -> list[DataSource]:
        """The project's data sources (with every tag of ``tags``, if given).

        ``allow_cache`` is accepted for compatibility with Feast; lists are always read from the registry.
        """
        return self._list("data_sources", tags)

    def list_feature_views(self, allow_cache: bool = False, tags: Optional[Mapping[str, str]] = None) -> list[FeatureView]:
        """The project's feature views, not on-demand ones (with every tag of ``tags``, if given).

        ``allow_cache`` is accepted for compatibility with Feast; lists are always read from the registry.
        """
        return self._list("feature_views", tags)

    def list_on_demand_feature_views(
        self, allow_cache: bool = False, tags: Optional[Mapping[str, str]] = None
    ) -> list[OnDemandFeatureView]:
        """The project's on-demand feature views (with every tag of ``tags``, if given).

        ``allow_cache`` is accepted for compatibility with Feast; lists are always read from the registry.
        """
        return self._list("on_demand_feature_views", tags)

    def list_feature_services(self, tags: Optional[Mapping[str, str]] = None) -> list[FeatureService]:
        """The project's feature services (with every tag of ``tags``, if given)."""
        return self._list("feature_services", tags)

    def get_entity(self, name: str, allow_registry_cache: bool = False) -> Entity:
        """One entity. Raises :class:`NotFoundError` when the project has none of that name.

        ``allow_registry_cache`` is accepted for compatibility with Feast; the object is always read from the registry.
        """
        return self._get("entities", name)

    def get_data_source(self, name: str, allow_registry_cache: bool = False) -> DataSource:
        """One data source. Raises :class:`NotFoundError` when the project has none of that name.

        ``allow_registry_cache`` is accepted for compatibility with Feast; the object is always read from the registry.
        """
        return self._get("data_sources", name)

    def get_feature_view(self, name: str, allow_registry_cache: bool = False) -> FeatureView:
        """One feature view. Raises :class:`NotFoundError` when the project has none of that name.

        ``allow_registry_cache`` is accepted for compatibility with Feast; the object is always read from the registry.
        """
        return self._get("feature_views", name)

    def get_on_demand_feature_view(self, name: str, allow_registry_cache: bool = False) -> OnDemandFeatureView:
        """One on-demand feature view. Raises :class:`NotFoundError` when the project has none of that name.

        ``allow_registry_cache`` is accepted for compatibility with Feast; the object is always read from the registry.
        """
        return self._get("on_demand_feature_views", name)

    def get_feature_service(self, name: str, allow_registry_cache: bool = False) -> FeatureService:
        """One feature service. Raises :class:`NotFoundError` when the project has none of that name.

        ``allow_registry_cache`` is accepted for compatibility with Feast; the object is always read from the registry.
        """
        return self._get("feature_services", name)

    # ------------------------------------------------------------------------------------------------ features

    def _references(
        self, features: Any, feature_service: Any
    ) -> tuple[Optional[list[str]], Optional[str], list[str], list[str]]:
        """Checks the features asked for against the registry: (references, service name, join keys, request fields).

        Raises:
            InvalidRequestError: both or neither of features and feature_service, a malformed reference.
            NotFoundError: an unknown feature view, feature or feature service, naming it and what exists.
        """
        if isinstance(features, FeatureService):
            if feature_service is not None:
                raise InvalidRequestError("features and feature_service: give one of them, not both")
            feature_service, features = features, None
        if isinstance(feature_service, FeatureService):
            feature_service = feature_service.name
        if isinstance(features, str):
            raise InvalidRequestError(
                f"features: expected a list of 'view:feature' references, not the string {features!r}",
                errors=[FieldError("features", "expected a list")],
            )
        if (features is None) == (feature_service is None):
            raise InvalidRequestError(
                "features and feature_service: give exactly one of them (a list of 'view:feature' references, or the "
                "name of a feature service)"
            )
        if features is not None:
            references = list(features)
            if not references:
                raise InvalidRequestError("features: the list is empty", errors=[FieldError("features", "empty")])
            bad = [
                FieldError(f"features[{i}]", f"'{ref}' is not a 'view:feature' reference")
                for i, ref in enumerate(references)
                if not isinstance(ref, str) or ref.count(":") != 1 or not all(ref.split(":"))
            ]
            if bad:
                raise InvalidRequestError("features: " + "; ".join(f"{e.path}: {e.message}" for e in bad), errors=bad)
            wanted = [tuple(ref.split(":")) for ref in references]
            views = self._views_of(wanted)
            keys, fields = self._inputs(views)
            return references, None, keys, fields
        if not isinstance(feature_service, str) or not feature_service:
            raise InvalidRequestError(f"feature_service: expected a name, not {feature_service!r}")
        snapshot = self._registry()
        service = _find(snapshot, "feature_services", feature_service)
        if service is None:
            snapshot = self._registry(refresh=True)
            service = _find(snapshot, "feature_services", feature_service)
        if service is None:
            known = ", ".join(sorted(item.get("name") for item in snapshot.get("feature_services") or [])) or "none"
            raise NotFoundError(
                f"Unknown feature service '{feature_service}' in project '{self.project}' (feature services: {known})",
                code="NOT_FOUND",
                errors=[FieldError("feature_service", f"unknown feature service '{feature_service}'")],
            )
        names = [str(item.get("feature_view")) for item in service.get("features") or []]
        keys, fields = self._inputs(names)
        return None, feature_service, keys, fields

    def _views_of(self, wanted: Sequence[tuple[str, str]]) -> list[str]:
        snapshot = self._registry()
        problems = _unknown_features(snapshot, wanted)
        if problems:
            snapshot = self._registry(refresh=True)
            problems = _unknown_features(snapshot, wanted)
        if problems:
            raise NotFoundError(
                f"Unknown features in project '{self.project}': " + "; ".join(f"{p.path}: {p.message}" for p in problems),
                code="NOT_FOUND",
                errors=problems,
            )
        views: list[str] = []
        for view, _ in wanted:
            if view not in views:
                views.append(view)
        return views

    def _inputs(self, views: Sequence[str]) -> tuple[list[str], list[str]]:
        """The join keys and request fields reading ``views`` needs, in a stable order."""
        snapshot = self._registry()
        keys: list[str] = []
        fields: list[str] = []

        def add(items: list[str], names: Iterable[str]) -> None:
            for name in names:
                if name not in items:
                    items.append(name)

        def visit(name: str, seen: set[str]) -> None:
            if name in seen:
                return
            seen.add(name)
            view = _find(snapshot, "feature_views", name)
            if view is not None:
                for entity_name in view.get("entities") or []:
                    entity = _find(snapshot, "entities", entity_name) or {}
                    add(keys, [str(key.get("name")) for key in entity.get("join_keys") or []])
                return
            on_demand = _find(snapshot, "on_demand_feature_views", name)
            if on_demand is not None:
                for source in on_demand.get("sources") or []:
                    request = _find(snapshot, "data_sources", source)
                    if request is not None and request.get("type") == "request":
                        add(fields, [str(item.get("name")) for item in request.get("schema") or []])
                    else:
                        visit(source, seen)

        seen: set[str] = set()
        for view in views:
            visit(view, seen)
        return keys, fields

    def get_online_features(
        self,
        features: Union[Sequence[str], FeatureService, None] = None,
        entity_rows: Union[Sequence[Mapping[str, Any]], Mapping[str, Sequence[Any]], Any] = None,
        full_feature_names: bool = False,
        *,
        feature_service: Union[str, FeatureService, None] = None,
    ) -> OnlineResponse:
        """The latest feature values of a few entities, from the online store (serving-service).

        Args:
            features: ``["view:feature", ...]`` (feature views and on-demand views), or a :class:`FeatureService`.
            entity_rows: one mapping per entity: its join keys, plus the request data on-demand features read
                (``[{"driver_id": 1001, "distance_km": 10.0}]``); also a mapping of columns or a DataFrame.
            full_feature_names: name columns ``view__feature`` instead of ``feature``.
            feature_service: the name of a feature service, instead of ``features``.

        Returns:
            an :class:`OnlineResponse` (``to_dict()``, ``to_df()``).

        Raises:
            NotFoundError: an unknown feature or feature service (checked before sending).
            InvalidRequestError: a missing join key or request field (checked before sending), a bad value.
            ServiceUnavailableError: serving-service (or the registry) cannot be reached.
        """
        references, service, keys, fields = self._references(features, feature_service)
        columns = _entity_columns(entity_rows)
        missing = [name for name in keys + fields if name not in columns]
        if missing:
            raise InvalidRequestError(
                "entity_rows: missing " + ", ".join(
                    f"'{name}' ({'join key' if name in keys else 'request data of an on-demand feature'})" for name in missing
                ) + f" (the rows have {', '.join(columns) or 'no columns'})",
                errors=[FieldError(f"entity_rows.{name}", "missing") for name in missing],
            )
        body: dict[str, Any] = {"entities": columns, "full_feature_names": bool(full_feature_names)}
        if references is not None:
            body["features"] = references
        else:
            body["feature_service"] = service
        answer = self._services.json("serving", "POST", "/get-online-features", params={"project": self.project}, json_body=body)
        return OnlineResponse(answer)

    def push(
        self,
        push_source_name: str,
        df: Any,
        allow_registry_cache: bool = True,
        to: Union[str, PushMode] = PushMode.ONLINE,
    ) -> PushResult:
        """Writes rows to a push source: online (the default), offline (a Parquet object under its batch source, then
        a ``data.landed`` event), or both.

        Args:
            push_source_name: the push source.
            df: the rows (pandas DataFrame, pyarrow Table, or mapping of columns), named as the batch source's
                columns: its timestamp field, join keys and the features of the views the source feeds.
            allow_registry_cache: accepted for compatibility with Feast; the SDK checks names against its cached
                registry snapshot and refreshes it on a miss.
            to: ``"online"``, ``"offline"``, ``"online_and_offline"`` (or :class:`PushMode`).

        Returns:
            a :class:`PushResult` (rows written, unchanged, expired; the offline object).

        Raises:
            NotFoundError: an unknown push source (checked before sending).
            InvalidRequestError: a bad ``to``, a missing or unknown column, a bad value (naming it).
        """
        mode = to.value if isinstance(to, PushMode) else to
        if mode not in {m.value for m in PushMode}:
            raise InvalidRequestError(
                f"to: '{to}' is not one of online, offline, online_and_offline", errors=[FieldError("to", "unknown mode")]
            )
        if not isinstance(push_source_name, str) or not push_source_name:
            raise InvalidRequestError(f"push_source_name: expected a name, not {push_source_name!r}")
        source = _find(self._registry(), "data_sources", push_source_name) or _find(
            self._registry(refresh=True), "data_sources", push_source_name
        )
        if source is None or source.get("type") != "push":
            what = "no data source" if source is None else f"a {source.get('type')} source, not a push source"
            raise NotFoundError(
                f"push_source_name: project '{self.project}' has {what} named '{push_source_name}'",
                code="NOT_FOUND",
                errors=[FieldError("push_source_name", "unknown push source")],
            )
        table = to_arrow(df, "df")
        if table.num_rows == 0:
            raise InvalidRequestError("df: no rows to push", errors=[FieldError("df", "empty")])
        body = {"push_source_name": push_source_name, "df": columns_to_json(utc_timestamps(table), "df"), "to": mode}
        answer = self._services.json("serving", "POST", "/push", params={"project": self.project}, json_body=body)
        return PushResult(
            rows=int(answer.get("rows") or 0),
            feature_views=tuple(answer.get("feature_views") or ()),
            online_written=int(answer.get("online_written") or 0),
            online_unchanged=int(answer.get("online_unchanged") or 0),
            online_expired=int(answer.get("online_expired") or 0),
            offline_object=answer.get("offline_object"),
            raw=answer,
        )

    def get_historical_features(
        self,
        entity_df: Any = None,
        features: Union[Sequence[str], FeatureService, None] = None,
        full_feature_names: bool = False,
        *,
        feature_service: Union[str, FeatureService, None] = None,
        timestamp_column: str = "event_timestamp",
        output_uri: Optional[str] = None,
    ) -> RetrievalJob:
        """Point-in-time correct feature values for every entity row: a training set built by historical-service.

        The entity rows go inside the request when there are at most ``inline_entity_rows`` of them; otherwise they
        are uploaded as Parquet to ``<staging_prefix><uuid>/entities.parquet``. An ``s3://`` URI is passed as it is.

        Args:
            entity_df: the entity rows: a pandas DataFrame, a pyarrow Table, a local ``.parquet`` or ``.csv`` path,
                or an ``s3://`` URI of Parquet. They need the join keys of the views read, the timestamp column
                (naive times are UTC), and the request data of on-demand features; other columns (labels) are kept.
            features: ``["view:feature", ...]``, or a :class:`FeatureService`.
            full_feature_names: name columns ``view__feature`` instead of ``feature``.
            feature_service: the name of a feature service, instead of ``features``.
            timestamp_column: the column holding each row's point in time.
            output_uri: an empty ``s3://`` prefix for the part files (default: the service's, per job).

        Returns:
            a :class:`RetrievalJob`: ``.wait()``, ``.status()``, ``.to_df()``, ``.to_arrow()``, ``.to_parquet()``.

        Raises:
            InvalidRequestError: no timestamp column, a missing join key, an unreadable entity file, no rows
                (checked before anything is uploaded or submitted).
            NotFoundError: an unknown feature or feature service (checked before anything is submitted).
        """
        if not isinstance(timestamp_column, str) or not timestamp_column:
            raise InvalidRequestError(f"timestamp_column: expected a column name, not {timestamp_column!r}")
        references, service, keys, fields = self._references(features, feature_service)
        body: dict[str, Any] = {
            "project": self.project,
            "event_timestamp_column": timestamp_column,
            "full_feature_names": bool(full_feature_names),
        }
        if references is not None:
            body["features"] = references
        else:
            body["feature_service"] = service
        if output_uri is not None:
            body["output_uri"] = output_uri
        entity_columns: list[str] = []
        if isinstance(entity_df, (str, os.PathLike)) and str(entity_df).startswith(("s3://", "s3a://")):
            body["entity_source"] = {"uri": str(entity_df)}
        else:
            table = self._entity_table(entity_df, timestamp_column, keys + fields)
            entity_columns = table.column_names
            if table.num_rows <= self._inline_entity_rows:
                body["entity_source"] = {"rows": columns_to_json(table, "entity_df")}
            else:
                uri = f"{self._config.offline_store.staging_prefix}{uuid.uuid4()}/entities.parquet"
                self.object_store().put(uri, parquet_bytes(table))
                body["entity_source"] = {"uri": uri}
        answer = self._services.json("historical", "POST", "/v1/historical-features", json_body=body, expected=(200, 201, 202))
        return RetrievalJob(self._services, self.object_store, answer, entity_columns, bool(full_feature_names))

    def _entity_table(self, entity_df: Any, timestamp_column: str, required: Sequence[str]) -> pa.Table:
        if entity_df is None:
            raise InvalidRequestError("entity_df: the entity rows are missing", errors=[FieldError("entity_df", "missing")])
        if isinstance(entity_df, (str, os.PathLike)):
            table = _read_entity_file(Path(entity_df))
        elif isinstance(entity_df, pa.Table) or is_pandas_frame(entity_df) or isinstance(entity_df, pa.RecordBatch):
            table = to_arrow(entity_df, "entity_df")
        else:
            raise InvalidRequestError(
                f"entity_df: expected a pandas DataFrame, a pyarrow Table or a .parquet/.csv path, not "
                f"{type(entity_df).__name__} (SQL queries are not supported)",
                errors=[FieldError("entity_df", "unsupported type")],
            )
        if timestamp_column not in table.column_names:
            raise InvalidRequestError(
                f"entity_df: no timestamp column '{timestamp_column}' (columns: {', '.join(table.column_names)}); "
                "name the column holding each row's point in time with timestamp_column=",
                code="MISSING_TIMESTAMP_COLUMN",
                errors=[FieldError("timestamp_column", f"the entity rows have no column '{timestamp_column}'")],
            )
        missing = [name for name in required if name not in table.column_names]
        if missing:
            raise InvalidRequestError(
                f"entity_df: missing column(s) {', '.join(missing)} that the features need "
                f"(columns: {', '.join(table.column_names)})",
                errors=[FieldError(f"entity_df.{name}", "missing") for name in missing],
            )
        if table.num_rows == 0:
            raise InvalidRequestError("entity_df: no rows", errors=[FieldError("entity_df", "empty")])
        table = parse_timestamp_column(table, timestamp_column, f"entity_df.{timestamp_column}")
        if table.column(timestamp_column).null_count:
            raise InvalidRequestError(
                f"entity_df.{timestamp_column}: {table.column(timestamp_column).null_count} row(s) have no time",
                errors=[FieldError(f"entity_df.{timestamp_column}", "null")],
            )
        return utc_timestamps(table)

    def object_store(self) -> ObjectStore:
        """The S3 API client the SDK uploads entity files with and reads training sets with."""
        if self._object_store is None:
            self._object_store = object_store(self._config.offline_store, self._s3_client)
        return self._object_store

    # ---------------------------------------------------------------------------------------- materialization

    def materialize(
        self,
        start_date: Any,
        end_date: Any,
        feature_views: Optional[Sequence[str]] = None,
        *,
        wait: bool = True,
        progress: Union[bool, ProgressReporter] = True,
        timeout: Optional[float] = None,
    ) -> MaterializationResult:
        """Copies the latest offline values of ``[start_date, end_date]`` into the online store, one run per view,
        and follows the runs until they end.

        Args:
            start_date, end_date: the window (datetimes; naive ones are UTC), both inclusive.
            feature_views: the views (default: every view served online).
            wait: follow the runs until they end (``False``: return them queued).
            progress: show the runs' progress while waiting (tqdm if installed, else lines; or a callable).
            timeout: seconds to wait at most.

        Raises:
            NotFoundError: an unknown feature view (checked before sending).
            InvalidRequestError: a start after the end, a bad time.
            JobFailedError: a run failed (after all ended), naming it and its error.
        """
        start = timestamp_text(start_date, "start_date")
        end = timestamp_text(end_date, "end_date")
        if start > end:
            raise InvalidRequestError(
                f"start_date: {start} is after end_date {end}", errors=[FieldError("start_date", "after end_date")]
            )
        body = {"project": self.project, "start_ts": start, "end_ts": end}
        return self._materialize("/v1/materialize", body, feature_views, wait, progress, timeout)

    def materialize_incremental(
        self,
        end_date: Any = None,
        feature_views: Optional[Sequence[str]] = None,
        *,
        wait: bool = True,
        progress: Union[bool, ProgressReporter] = True,
        timeout: Optional[float] = None,
    ) -> MaterializationResult:
        """Copies what is new since each view's last run (its watermark) up to ``end_date`` (default now) into the
        online store, and follows the runs until they end. Arguments and errors as :meth:`materialize`."""
        body: dict[str, Any] = {"project": self.project}
        if end_date is not None:
            body["end_ts"] = timestamp_text(end_date, "end_date")
        return self._materialize("/v1/materialize-incremental", body, feature_views, wait, progress, timeout)

    def _materialize(self, path, body, feature_views, wait, progress, timeout) -> MaterializationResult:
        if feature_views is not None:
            if isinstance(feature_views, str):
                raise InvalidRequestError(
                    f"feature_views: expected a list of names, not the string {feature_views!r}",
                    errors=[FieldError("feature_views", "expected a list")],
                )
            names = [view.name if isinstance(view, FeatureView) else view for view in feature_views]
            snapshot = self._registry()
            unknown = [i for i, name in enumerate(names) if _find(snapshot, "feature_views", name) is None]
            if unknown:
                snapshot = self._registry(refresh=True)
                unknown = [i for i, name in enumerate(names) if _find(snapshot, "feature_views", name) is None]
            if unknown:
                known = ", ".join(sorted(v.get("name") for v in snapshot.get("feature_views") or []))
                errors = [FieldError(f"feature_views[{i}]", f"unknown feature view '{names[i]}'") for i in unknown]
                raise NotFoundError(
                    f"Unknown feature view(s) in project '{self.project}': "
                    + ", ".join(f"'{names[i]}'" for i in unknown) + f" (feature views: {known})",
                    code="NOT_FOUND",
                    errors=errors,
                )
            body["feature_views"] = names
        answer = self._services.json("materialization", "POST", path, json_body=body, expected=(200, 202))
        runs = [Run.from_response(item) for item in answer.get("runs") or []]
        if not wait:
            return MaterializationResult(self.project, tuple(runs))
        return follow_runs(self._services, self.project, runs, progress=progress, timeout=timeout)

    def get_materialization_run(self, run_id: str) -> Run:
        """One materialization run, as it is now."""
        return Run.from_response(self._services.json("materialization", "GET", f"/v1/runs/{run_id}"))

    def list_materialization_runs(self, feature_view: Optional[str] = None, limit: int = 50) -> list[Run]:
        """The project's runs (of one view, if given), newest first."""
        params = {"project": self.project, "feature_view": feature_view, "limit": limit}
        body = self._services.json("materialization", "GET", "/v1/runs", params=params)
        return [Run.from_response(item) for item in body.get("runs") or []]

    # -------------------------------------------------------------------------------------------- monitoring

    def freshness(self, feature_view: Optional[str] = None) -> Union[list[FreshnessStatus], FreshnessStatus]:
        """How fresh the project's online views are (monitoring-service): state ``ok``, ``violated`` or ``unknown``,
        staleness against the SLA.

        Args:
            feature_view: one view (returns its :class:`FreshnessStatus`); default every view (a list).
        """
        if feature_view is not None:
            body = self._services.json("monitoring", "GET", f"/v1/freshness/{self.project}/{feature_view}")
            return FreshnessStatus.from_response(body)
        body = self._services.json("monitoring", "GET", "/v1/freshness", params={"project": self.project})
        return [FreshnessStatus.from_response(item) for item in body.get("views") or []]


def _find(snapshot: Mapping[str, Any], section: str, name: str) -> Optional[Mapping[str, Any]]:
    for item in snapshot.get(section) or []:
        if isinstance(item, Mapping) and item.get("name") == name:
            return item
    return None


def _unknown_features(snapshot: Mapping[str, Any], wanted: Sequence[tuple[str, str]]) -> list[FieldError]:
    problems = []
    for index, (view_name, feature) in enumerate(wanted):
        view = _find(snapshot, "feature_views", view_name) or _find(snapshot, "on_demand_feature_views", view_name)
        if view is None:
            views = sorted(
                str(v.get("name"))
                for section in ("feature_views", "on_demand_feature_views")
                for v in snapshot.get(section) or []
            )
            problems.append(FieldError(
                f"features[{index}]", f"unknown feature view '{view_name}' (views: {', '.join(views) or 'none'})"
            ))
            continue
        names = [str(item.get("name")) for item in view.get("schema") or []]
        if feature not in names:
            problems.append(FieldError(
                f"features[{index}]", f"feature view '{view_name}' has no feature '{feature}' (it has {', '.join(names)})"
            ))
    return problems


def _entity_columns(entity_rows: Any) -> dict[str, list]:
    if entity_rows is None:
        raise InvalidRequestError("entity_rows: the entity rows are missing", errors=[FieldError("entity_rows", "missing")])
    if is_pandas_frame(entity_rows) or isinstance(entity_rows, (pa.Table, pa.RecordBatch)):
        return columns_to_json(utc_timestamps(to_arrow(entity_rows, "entity_rows")), "entity_rows")
    if isinstance(entity_rows, Mapping):
        table = to_arrow(entity_rows, "entity_rows")
        return columns_to_json(table, "entity_rows")
    return rows_to_columns(entity_rows, "entity_rows")


def _read_entity_file(path: Path) -> pa.Table:
    if not path.is_file():
        if str(path).lstrip().lower().startswith(("select ", "with ")):
            raise InvalidRequestError(
                "entity_df: SQL queries are not supported; pass a pandas DataFrame, a pyarrow Table, a .parquet/.csv "
                "path or an s3:// URI of Parquet",
                errors=[FieldError("entity_df", "SQL query")],
            )
        raise InvalidRequestError(f"entity_df: no file at {path}", errors=[FieldError("entity_df", "no such file")])
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            return pq.read_table(path)
        if suffix == ".csv":
            import pyarrow.csv as csv

            return csv.read_csv(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidRequestError(f"entity_df: {path} cannot be read: {error}") from error
    raise InvalidRequestError(
        f"entity_df: {path} is neither .parquet nor .csv", errors=[FieldError("entity_df", "unsupported file type")]
    )
