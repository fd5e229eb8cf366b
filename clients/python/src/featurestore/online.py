"""The answer of ``get_online_features``, shaped like Feast's ``OnlineResponse``."""

from __future__ import annotations

from typing import Any, Mapping

from ._convert import epoch_seconds

__all__ = ["OnlineResponse", "TIMESTAMP_SUFFIX"]

TIMESTAMP_SUFFIX = "__ts"
STATUS_SUFFIX = "__status"


class OnlineResponse:
    """Feature values of a few entities: the join keys given, then the features, one value per entity row.

    Each value has a status: ``PRESENT``, ``NULL_VALUE``, ``NOT_FOUND`` or ``OUTSIDE_MAX_AGE`` (withheld: older than
    the view's ttl).
    """

    def __init__(self, body: Mapping[str, Any]) -> None:
        self._names: list[str] = list((body.get("metadata") or {}).get("feature_names") or [])
        self._results: list[Mapping[str, Any]] = list(body.get("results") or [])
        self.raw = body

    @property
    def feature_names(self) -> list[str]:
        """The columns: the join keys given, then the features in request (or feature service) order."""
        return list(self._names)

    def to_dict(self, include_event_timestamps: bool = False, include_statuses: bool = False) -> dict[str, list]:
        """The values as ``{column: [one value per entity row]}``.

        Args:
            include_event_timestamps: also ``<column>__ts``: each value's event timestamp in seconds since the epoch
                (as Feast's ``to_dict``).
            include_statuses: also ``<column>__status``: each value's status.
        """
        result: dict[str, list] = {}
        for name, column in zip(self._names, self._results):
            result[name] = list(column.get("values") or [])
            if include_event_timestamps:
                result[name + TIMESTAMP_SUFFIX] = [epoch_seconds(t) for t in column.get("event_timestamps") or []]
            if include_statuses:
                result[name + STATUS_SUFFIX] = list(column.get("statuses") or [])
        return result

    def to_df(self, include_event_timestamps: bool = False, include_statuses: bool = False):
        """The values as a pandas DataFrame, one row per entity row (columns as :meth:`to_dict`).

        Raises:
            ImportError: when pandas is not installed (``pip install 'featurestore[pandas]'``).
        """
        pandas = _pandas()
        return pandas.DataFrame(self.to_dict(include_event_timestamps, include_statuses))

    def to_arrow(self):
        """The values as a pyarrow Table (columns as :meth:`to_dict`)."""
        import pyarrow as pa

        return pa.table(self.to_dict())

    def statuses(self) -> dict[str, list[str]]:
        """Each column's statuses: ``{column: ["PRESENT", "NOT_FOUND", ...]}``."""
        return {name: list(column.get("statuses") or []) for name, column in zip(self._names, self._results)}

    def __len__(self) -> int:
        return len(self._results[0].get("values") or []) if self._results else 0

    def __repr__(self) -> str:
        return f"OnlineResponse(columns={self._names!r}, rows={len(self)})"


def _pandas():
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("to_df needs pandas: pip install 'featurestore[pandas]'") from error
    return pandas
