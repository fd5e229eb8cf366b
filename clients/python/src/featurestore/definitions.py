"""Registry objects as read by the SDK: entities, data sources, feature views, on-demand views, feature services.

Each keeps its full definition in ``spec`` (the registry's JSON) and exposes the fields Feast users reach for
(``name``, ``features``, ``entities``, ``ttl``, ``tags``, ...), plus the registry's ``version`` of the object.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

__all__ = [
    "Field",
    "Entity",
    "DataSource",
    "FeatureView",
    "OnDemandFeatureView",
    "FeatureViewProjection",
    "FeatureService",
    "FreshnessStatus",
    "parse_duration",
]

_SIMPLE_DURATION = re.compile(r"^(?P<amount>\d+)(?P<unit>ms|s|m|h|d)$")
_ISO_DURATION = re.compile(r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$")
_UNITS = {"ms": "milliseconds", "s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: Optional[str]) -> Optional[dt.timedelta]:
    """A duration of a definition (``"2d"``, ``"26h"``, ``"5m"``, ``"PT6H"``, ``"0"``) as a ``timedelta``.

    ``None`` for ``None`` or a text that is not a duration.
    """
    if text is None:
        return None
    value = str(text).strip()
    if value == "0":
        return dt.timedelta(0)
    simple = _SIMPLE_DURATION.match(value)
    if simple:
        return dt.timedelta(**{_UNITS[simple.group("unit")]: int(simple.group("amount"))})
    iso = _ISO_DURATION.match(value.upper())
    if iso and any(iso.groupdict().values()):
        parts = {k: float(v) for k, v in iso.groupdict().items() if v}
        return dt.timedelta(days=parts.get("d", 0), hours=parts.get("h", 0), minutes=parts.get("m", 0), seconds=parts.get("s", 0))
    return None


@dataclass(frozen=True)
class Field:
    """A feature, join key or request field: its name and type (``FLOAT64``, ``INT32_LIST``, ...)."""

    name: str
    dtype: str
    description: Optional[str] = None
    tags: Mapping[str, str] = field(default_factory=dict)


def _fields(items: Any, type_key: str = "dtype") -> list[Field]:
    return [
        Field(str(item.get("name")), str(item.get(type_key)), item.get("description"), dict(item.get("tags") or {}))
        for item in items or []
        if isinstance(item, Mapping)
    ]


@dataclass(frozen=True)
class _Definition:
    spec: Mapping[str, Any]
    version: Optional[int] = None
    registry_version: Optional[int] = None

    @property
    def name(self) -> str:
        """The object's name."""
        return str(self.spec.get("name"))

    @property
    def description(self) -> Optional[str]:
        """The description, if any."""
        return self.spec.get("description")

    @property
    def owner(self) -> Optional[str]:
        """The owner, if any."""
        return self.spec.get("owner")

    @property
    def tags(self) -> dict[str, str]:
        """The tags."""
        return dict(self.spec.get("tags") or {})

    def to_dict(self) -> dict[str, Any]:
        """The definition as the registry holds it."""
        return dict(self.spec)

    @classmethod
    def from_registry(cls, item: Mapping[str, Any]):
        """From a registry answer: a stored object (``{"definition", "version", ...}``) or a bare definition."""
        if "definition" in item and isinstance(item.get("definition"), Mapping):
            return cls(dict(item["definition"]), item.get("version"), item.get("registry_version"))
        return cls(dict(item))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r}, version={self.version!r})"


class Entity(_Definition):
    """An entity: what features are about, with its join keys."""

    @property
    def join_keys(self) -> list[Field]:
        """The join keys with their value types."""
        return _fields(self.spec.get("join_keys"), "value_type")

    @property
    def join_key_names(self) -> list[str]:
        """The names of the join keys."""
        return [key.name for key in self.join_keys]


class DataSource(_Definition):
    """A data source: ``parquet``, ``push``, ``kafka`` or ``request``."""

    @property
    def type(self) -> str:
        """``parquet``, ``push``, ``kafka`` or ``request``."""
        return str(self.spec.get("type"))

    @property
    def path(self) -> Optional[str]:
        """The ``s3://`` path of a parquet source."""
        return self.spec.get("path")

    @property
    def batch_source(self) -> Optional[str]:
        """The parquet source a push or kafka source's offline values go to."""
        return self.spec.get("batch_source")

    @property
    def timestamp_field(self) -> Optional[str]:
        """The event timestamp column."""
        return self.spec.get("timestamp_field")

    @property
    def schema(self) -> list[Field]:
        """The fields of a request source."""
        return _fields(self.spec.get("schema"))


class FeatureView(_Definition):
    """A feature view: features of entities, read from a source, kept for ``ttl``."""

    @property
    def entities(self) -> list[str]:
        """The names of its entities."""
        return list(self.spec.get("entities") or [])

    @property
    def source(self) -> str:
        """The name of its data source."""
        return str(self.spec.get("source"))

    @property
    def features(self) -> list[Field]:
        """Its features (the schema)."""
        return _fields(self.spec.get("schema"))

    schema = features

    @property
    def ttl(self) -> Optional[dt.timedelta]:
        """How long a value is valid (``timedelta(0)``: no limit)."""
        return parse_duration(self.spec.get("ttl"))

    @property
    def online(self) -> bool:
        """Whether it is served online."""
        return bool(self.spec.get("online", True))

    @property
    def freshness_sla(self) -> Optional[dt.timedelta]:
        """The freshness SLA, if any."""
        return parse_duration(self.spec.get("freshness_sla"))


class OnDemandFeatureView(_Definition):
    """An on-demand feature view: features computed at read time from other views and request data."""

    @property
    def sources(self) -> list[str]:
        """The feature views and request sources it reads."""
        return list(self.spec.get("sources") or [])

    @property
    def features(self) -> list[Field]:
        """Its features (the schema)."""
        return _fields(self.spec.get("schema"))

    schema = features

    @property
    def expressions(self) -> dict[str, str]:
        """The CEL expression of each feature."""
        return dict(self.spec.get("expressions") or {})


@dataclass(frozen=True)
class FeatureViewProjection:
    """One item of a feature service: a view and the features taken from it (all when ``features`` is empty)."""

    feature_view: str
    features: tuple[str, ...] = ()


class FeatureService(_Definition):
    """A feature service: the set of features a model reads."""

    @property
    def feature_views(self) -> list[FeatureViewProjection]:
        """Its items, in order."""
        return [
            FeatureViewProjection(str(item.get("feature_view")), tuple(item.get("features") or []))
            for item in self.spec.get("features") or []
            if isinstance(item, Mapping)
        ]


@dataclass(frozen=True)
class FreshnessStatus:
    """The freshness of one feature view, as monitoring-service judges it.

    Attributes:
        project, feature_view: which view.
        state: ``ok``, ``violated`` or ``unknown``.
        reason: why it is violated (``sla_exceeded``, ``materialization_failed``, ``never_materialized``), if it is.
        freshness_sla: the SLA, if any.
        staleness: now minus the greatest event timestamp materialized, if anything was.
        max_event_timestamp: that timestamp.
        spec: the service's full answer (``last_run``, ``last_error``, ``state_since``, ...).
    """

    project: str
    feature_view: str
    state: str
    reason: Optional[str]
    freshness_sla: Optional[dt.timedelta]
    staleness: Optional[dt.timedelta]
    max_event_timestamp: Optional[str]
    spec: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_response(cls, item: Mapping[str, Any]) -> "FreshnessStatus":
        """From one view of ``GET /v1/freshness``."""
        sla = item.get("freshness_sla_seconds")
        staleness = item.get("staleness_seconds")
        return cls(
            project=str(item.get("project")),
            feature_view=str(item.get("feature_view")),
            state=str(item.get("state")),
            reason=item.get("reason"),
            freshness_sla=None if sla is None else dt.timedelta(seconds=float(sla)),
            staleness=None if staleness is None else dt.timedelta(seconds=float(staleness)),
            max_event_timestamp=item.get("max_event_timestamp"),
            spec=dict(item),
        )
