"""What an apply changes (or would change): the registry's plan as objects that print readably."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

from .errors import FieldError
from .repository import KINDS, SECTIONS

__all__ = ["BreakingChange", "ObjectChange", "Plan"]

_SYMBOLS = {"create": "+", "update": "~", "delete": "-", "unchanged": "="}
_KIND_ORDER = [KINDS[section] for section in SECTIONS]


@dataclass(frozen=True)
class BreakingChange:
    """One breaking change the registry named.

    Attributes:
        kind: the object's kind (``feature_view``, ...).
        name: the object's name.
        path: the full path (``feature_views.driver_hourly.schema.trips_today.dtype``).
        message: what changes (``INT64 -> FLOAT64: dtype changed (breaking)``).
        location: where the object is in the repository's files, when known.
    """

    kind: str
    name: str
    path: str
    message: str
    location: Optional[str] = None

    @property
    def field(self) -> str:
        """The path inside the object (``schema.trips_today.dtype``)."""
        parts = self.path.split(".", 2)
        return parts[2] if len(parts) == 3 else ""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class ObjectChange:
    """The change of one object.

    Attributes:
        kind: ``entity``, ``data_source``, ``feature_view``, ``on_demand_feature_view`` or ``feature_service``.
        name: the object's name.
        action: ``create``, ``update``, ``delete`` or ``unchanged``.
        diffs: each difference as ``path: old -> new`` (``schema.trips_today.dtype: INT32 -> INT64``).
        breaking: the breaking changes among them.
    """

    kind: str
    name: str
    action: str
    diffs: tuple[str, ...] = ()
    breaking: tuple[BreakingChange, ...] = ()

    def is_breaking(self, diff: str) -> bool:
        """Whether the diff line ``diff`` is one of the breaking changes."""
        target = diff.split(":", 1)[0].strip()
        return any(change.field == target or target.startswith(change.field + ".") for change in self.breaking if change.field)


@dataclass(frozen=True)
class Plan:
    """The registry's plan of a definition document: what apply changes (``dry_run`` ``False``) or would change.

    ``print(plan)`` shows it as a list of changes (``+`` create, ``~`` update, ``-`` delete) with their diffs, breaking
    changes marked.

    Attributes:
        project: the project.
        registry_version: the project's registry version after the apply (for a plan: now).
        dry_run: ``True`` for :meth:`FeatureStore.plan`, ``False`` for :meth:`FeatureStore.apply`.
        changes: one :class:`ObjectChange` per object of the document (and per deleted object with ``prune``).
        breaking_changes: the breaking changes the registry named (an apply with ``allow_breaking=True`` makes them).
    """

    project: str
    registry_version: int
    dry_run: bool
    changes: tuple[ObjectChange, ...]
    breaking_changes: tuple[BreakingChange, ...] = field(default=())

    @classmethod
    def from_response(
        cls,
        project: str,
        body: Mapping[str, Any],
        breaking: Iterable[FieldError] = (),
        dry_run: Optional[bool] = None,
    ) -> "Plan":
        """Builds the plan from the registry's apply answer and the breaking changes of its 409, if any."""
        breaking_changes = tuple(_breaking(error) for error in breaking)
        changes = []
        for item in body.get("changes") or []:
            kind = str(item.get("kind"))
            name = str(item.get("name"))
            mine = tuple(change for change in breaking_changes if change.kind == kind and change.name == name)
            changes.append(
                ObjectChange(kind, name, str(item.get("action")), tuple(str(d) for d in item.get("diffs") or []), mine)
            )
        return cls(
            project=project,
            registry_version=int(body.get("registry_version") or 0),
            dry_run=bool(body.get("dry_run")) if dry_run is None else dry_run,
            changes=tuple(changes),
            breaking_changes=breaking_changes,
        )

    def _with(self, action: str) -> list[ObjectChange]:
        return [change for change in self.changes if change.action == action]

    @property
    def creates(self) -> list[ObjectChange]:
        """Objects created."""
        return self._with("create")

    @property
    def updates(self) -> list[ObjectChange]:
        """Objects updated."""
        return self._with("update")

    @property
    def deletes(self) -> list[ObjectChange]:
        """Objects deleted (only with ``prune=True``)."""
        return self._with("delete")

    @property
    def unchanged(self) -> list[ObjectChange]:
        """Objects left as they are."""
        return self._with("unchanged")

    @property
    def has_changes(self) -> bool:
        """Whether anything is created, updated or deleted."""
        return any(change.action != "unchanged" for change in self.changes)

    @property
    def has_breaking_changes(self) -> bool:
        """Whether any change is breaking."""
        return bool(self.breaking_changes)

    def change(self, kind: str, name: str) -> Optional[ObjectChange]:
        """The change of one object (``kind`` singular or plural), or ``None``."""
        kind = KINDS.get(kind, kind)
        for change in self.changes:
            if change.kind == kind and change.name == name:
                return change
        return None

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data (the registry's shape, plus ``breaking_changes``)."""
        return {
            "project": self.project,
            "registry_version": self.registry_version,
            "dry_run": self.dry_run,
            "changes": [
                {"kind": c.kind, "name": c.name, "action": c.action, "diffs": list(c.diffs)} for c in self.changes
            ],
            "breaking_changes": [{"path": b.path, "message": b.message} for b in self.breaking_changes],
        }

    def __str__(self) -> str:
        verb = "Plan" if self.dry_run else "Applied"
        lines = [f"{verb} for project '{self.project}' (registry version {self.registry_version}):"]
        ordered = sorted(
            (c for c in self.changes if c.action != "unchanged"),
            key=lambda c: (_KIND_ORDER.index(c.kind) if c.kind in _KIND_ORDER else len(_KIND_ORDER)),
        )
        for change in ordered:
            lines.append(f"  {_SYMBOLS.get(change.action, '?')} {change.kind} {change.name}")
            for diff in change.diffs:
                marker = "   (breaking)" if change.is_breaking(diff) else ""
                lines.append(f"      {diff}{marker}")
            shown = {diff.split(':', 1)[0].strip() for diff in change.diffs}
            for breaking in change.breaking:
                if breaking.field not in shown:
                    lines.append(f"      {breaking.field}: {breaking.message}")
        if not ordered:
            lines.append("  no changes")
        counts = (len(self.creates), len(self.updates), len(self.deletes), len(self.unchanged))
        if self.dry_run:
            summary = "%d to create, %d to update, %d to delete, %d unchanged" % counts
        else:
            summary = "%d created, %d updated, %d deleted, %d unchanged" % counts
        lines.append(summary + ".")
        if self.breaking_changes:
            lines.append(f"{len(self.breaking_changes)} breaking change(s):")
            for breaking in self.breaking_changes:
                where = f" [{breaking.location}]" if breaking.location else ""
                lines.append(f"  ! {breaking}{where}")
            if self.dry_run:
                lines.append("Apply with allow_breaking=True to make them.")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython / Jupyter
        printer.text(str(self))


def _breaking(error: FieldError) -> BreakingChange:
    section, _, rest = error.path.partition(".")
    name = rest.split(".", 1)[0]
    return BreakingChange(KINDS.get(section, section), name, error.path, error.message, error.location)
