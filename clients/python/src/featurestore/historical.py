"""A training set being built by historical-service: follow it, then read it straight from S3."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import JobFailedError, JobTimeoutError
from .progress import Progress, ProgressReporter, reporter

if TYPE_CHECKING:  # pragma: no cover
    from ._http import Services
    from .s3 import ObjectStore

__all__ = ["JobStatus", "RetrievalJob"]

FINAL_STATES = ("succeeded", "failed", "cancelled")


@dataclass(frozen=True)
class JobStatus:
    """The state of a historical job, as ``GET /v1/jobs/{id}`` answers it.

    Attributes:
        job_id: the job.
        state: ``queued``, ``running``, ``succeeded``, ``failed`` or ``cancelled``.
        percent, rows_done, rows_total: its progress.
        phase: what it is doing while running.
        output_uri: the ``s3://`` prefix of its part files.
        output_files: the part files, in entity-row order (once succeeded).
        row_count: rows written (once succeeded).
        error_code, error_message: why it failed.
        raw: the whole answer (``counts``, ``timings``, ``output_schema``, ...).
    """

    job_id: str
    state: str
    percent: float
    rows_done: int
    rows_total: int
    phase: Optional[str]
    output_uri: Optional[str]
    output_files: tuple[str, ...]
    row_count: Optional[int]
    error_code: Optional[str]
    error_message: Optional[str]
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

    @classmethod
    def from_response(cls, body: Mapping[str, Any]) -> "JobStatus":
        """From the service's job answer."""
        progress = body.get("progress") or {}
        error = body.get("error") or {}
        return cls(
            job_id=str(body.get("job_id")),
            state=str(body.get("state")),
            percent=float(progress.get("percent") or 0.0),
            rows_done=int(progress.get("rows_done") or 0),
            rows_total=int(progress.get("rows_total") or 0),
            phase=body.get("phase"),
            output_uri=body.get("output_uri"),
            output_files=tuple(body.get("output_files") or ()),
            row_count=body.get("row_count"),
            error_code=error.get("code"),
            error_message=error.get("message"),
            raw=dict(body),
        )

    @property
    def finished(self) -> bool:
        """Whether the state is final (``succeeded``, ``failed`` or ``cancelled``)."""
        return self.state in FINAL_STATES

    def __str__(self) -> str:
        text = f"job {self.job_id}: {self.state} {self.percent:.1f}%"
        if self.error_code:
            text += f" ({self.error_code}: {self.error_message})"
        return text


class RetrievalJob:
    """A historical-features job (``get_historical_features`` returns one as soon as the service accepted it).

    ``to_df()``, ``to_arrow()`` and ``to_parquet()`` wait for it to finish, then read its part files
    (``part-00000.parquet``, ...) from S3 in entity-row order.
    """

    def __init__(
        self,
        services: "Services",
        store: Callable[[], "ObjectStore"],
        body: Mapping[str, Any],
        entity_columns: Sequence[str] = (),
        full_feature_names: bool = False,
        poll_interval: float = 0.2,
    ) -> None:
        self._services = services
        self._store = store
        self._status = JobStatus.from_response(body)
        self._entity_columns = list(entity_columns)
        self._table: Optional[pa.Table] = None
        self._poll_interval = poll_interval
        self.full_feature_names = full_feature_names

    @property
    def job_id(self) -> str:
        """The job's id."""
        return self._status.job_id

    @property
    def output_uri(self) -> Optional[str]:
        """The ``s3://`` prefix the job writes its part files under."""
        return self._status.output_uri

    def status(self) -> JobStatus:
        """Asks historical-service where the job is now."""
        if not self._status.finished:
            self._status = JobStatus.from_response(self._services.json("historical", "GET", f"/v1/jobs/{self.job_id}"))
        return self._status

    def wait(self, progress: bool | ProgressReporter = True, timeout: Optional[float] = None) -> JobStatus:
        """Waits until the job finishes, showing its progress while it runs.

        Args:
            progress: ``True`` shows a tqdm bar if tqdm is installed, else plain lines on stderr; a callable receives
                a :class:`~featurestore.progress.Progress` on every poll; ``False`` shows nothing.
            timeout: seconds to wait at most (``None``: no limit).

        Returns:
            the final :class:`JobStatus` (``succeeded``).

        Raises:
            JobFailedError: the job failed or was cancelled; ``code`` is its error code.
            JobTimeoutError: it did not finish within ``timeout`` (it keeps running; :meth:`cancel` stops it).
        """
        show = reporter(progress)
        deadline = None if timeout is None else time.monotonic() + timeout
        interval = self._poll_interval
        label = f"historical job {self.job_id[:8]}"
        while True:
            status = self.status()
            if show is not None:
                show(Progress(label, status.state, status.percent, status.rows_done, status.rows_total, status.phase))
            if status.finished:
                break
            if deadline is not None and time.monotonic() >= deadline:
                raise JobTimeoutError(
                    f"historical job {self.job_id} did not finish within {timeout:g} s (it is {status.state}, "
                    f"{status.percent:.1f}%); wait again, or cancel() it",
                    code="TIMEOUT",
                )
            time.sleep(interval if deadline is None else max(0.0, min(interval, deadline - time.monotonic())))
            interval = min(interval * 1.5, 2.0)
        if status.state != "succeeded":
            raise JobFailedError(
                f"historical job {self.job_id} {status.state}"
                + (f": {status.error_code}: {status.error_message}" if status.error_code else ""),
                code=status.error_code or status.state.upper(),
                service="historical",
                url=self._services.url("historical"),
            )
        return status

    def cancel(self) -> JobStatus:
        """Asks historical-service to cancel the job (a finished job answers ``ConflictError`` ``JOB_FINISHED``)."""
        self._services.request("historical", "DELETE", f"/v1/jobs/{self.job_id}", expected=(200, 202, 204))
        return self.status()

    def to_arrow(self, timeout: Optional[float] = None) -> pa.Table:
        """The training set as a pyarrow Table: every entity row, in input order, with its columns, then the features.

        Waits for the job first (without showing progress; call :meth:`wait` to see it).
        """
        if self._table is None:
            status = self.wait(progress=False, timeout=timeout)
            store = self._store()
            tables = [store.read_parquet(uri) for uri in sorted(status.output_files)]
            if tables:
                table = pa.concat_tables(tables, promote_options="permissive")
            else:
                table = _empty(status.raw.get("output_schema") or [])
            self._table = self._in_input_order(table)
        return self._table

    def to_df(self, timeout: Optional[float] = None):
        """The training set as a pandas DataFrame (see :meth:`to_arrow`); timestamps are UTC.

        Raises:
            ImportError: when pandas is not installed (``pip install 'featurestore[pandas]'``).
        """
        try:
            import pandas  # noqa: F401
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("to_df needs pandas: pip install 'featurestore[pandas]'") from error
        return self.to_arrow(timeout).to_pandas()

    def to_parquet(self, path: os.PathLike | str, timeout: Optional[float] = None) -> Path:
        """Writes the training set to one local Parquet file and returns its path."""
        target = Path(path)
        if target.parent and not target.parent.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(self.to_arrow(timeout), target)
        return target

    def _in_input_order(self, table: pa.Table) -> pa.Table:
        """The entity columns in the order of the caller's frame, then the features (as Feast returns them)."""
        if not self._entity_columns:
            return table
        names = table.column_names
        first = [name for name in self._entity_columns if name in names]
        rest = [name for name in names if name not in first]
        return table.select(first + rest) if first + rest != names else table

    def __repr__(self) -> str:
        return f"RetrievalJob(job_id={self.job_id!r}, state={self._status.state!r})"


_DTYPES = {
    "BOOL": pa.bool_(),
    "INT32": pa.int32(),
    "INT64": pa.int64(),
    "FLOAT32": pa.float32(),
    "FLOAT64": pa.float64(),
    "STRING": pa.string(),
    "BYTES": pa.binary(),
    "UNIX_TIMESTAMP": pa.timestamp("us", tz="UTC"),
}


def _empty(schema: Sequence[Mapping[str, Any]]) -> pa.Table:
    fields = []
    for column in schema:
        dtype = str(column.get("dtype"))
        if dtype.endswith("_LIST"):
            kind = pa.list_(_DTYPES.get(dtype[: -len("_LIST")], pa.string()))
        else:
            kind = _DTYPES.get(dtype, pa.string())
        fields.append(pa.field(str(column.get("name")), kind))
    return pa.schema(fields).empty_table()
