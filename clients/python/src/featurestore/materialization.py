"""Materialization runs: queued by ``materialize`` / ``materialize_incremental``, followed until they end."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from .errors import JobFailedError, JobTimeoutError
from .progress import Progress, ProgressReporter, reporter

if TYPE_CHECKING:  # pragma: no cover
    from ._http import Services

__all__ = ["Run", "MaterializationResult", "follow_runs"]

FINAL_STATES = ("succeeded", "failed", "cancelled")


@dataclass(frozen=True)
class Run:
    """One materialization run of one feature view.

    Attributes:
        run_id: the run.
        feature_view: the view it copies into the online store.
        state: ``queued``, ``running``, ``succeeded``, ``failed`` (or ``cancelled``).
        start_ts, end_ts: its window (RFC 3339), once known.
        percent, rows_done, rows_total: its progress.
        result: rows read, entities written / unchanged / expired, ``max_event_timestamp``, ``statistics``,
            ``skew_check`` (once succeeded).
        error_code, error_message: why it failed.
        raw: the whole answer of ``GET /v1/runs/{id}``.
    """

    run_id: str
    feature_view: str
    state: str
    start_ts: Optional[str] = None
    end_ts: Optional[str] = None
    percent: float = 0.0
    rows_done: int = 0
    rows_total: int = 0
    result: Mapping[str, Any] = field(default_factory=dict)
    error_code: Optional[str] = None
    error_message: Optional[str] = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_response(cls, body: Mapping[str, Any]) -> "Run":
        """From a run of the service's answer."""
        progress = body.get("progress") or {}
        error = body.get("error") or {}
        return cls(
            run_id=str(body.get("run_id")),
            feature_view=str(body.get("feature_view")),
            state=str(body.get("state")),
            start_ts=body.get("start_ts"),
            end_ts=body.get("end_ts"),
            percent=float(progress.get("percent") or 0.0),
            rows_done=int(progress.get("rows_done") or 0),
            rows_total=int(progress.get("rows_total") or 0),
            result=dict(body.get("result") or {}),
            error_code=error.get("code"),
            error_message=error.get("message"),
            raw=dict(body),
        )

    @property
    def finished(self) -> bool:
        """Whether the state is final."""
        return self.state in FINAL_STATES

    @property
    def rows_read(self) -> Optional[int]:
        """Rows of the window read from the offline store (once succeeded)."""
        return self.result.get("rows_read")

    @property
    def entities_written(self) -> Optional[int]:
        """Entities written to the online store (once succeeded)."""
        return self.result.get("entities_written")

    def __str__(self) -> str:
        text = f"{self.feature_view} {self.state}"
        if self.state == "succeeded" and self.result:
            text += f": {self.rows_read or 0:,} rows read, {self.entities_written or 0:,} entities written"
        if self.error_code:
            text += f": {self.error_code}: {self.error_message}"
        return text


@dataclass(frozen=True)
class MaterializationResult:
    """The runs one ``materialize`` or ``materialize_incremental`` call queued, as they ended (or as they are, with
    ``wait=False``)."""

    project: str
    runs: tuple[Run, ...]

    @property
    def succeeded(self) -> bool:
        """Whether every run succeeded."""
        return all(run.state == "succeeded" for run in self.runs)

    def run(self, feature_view: str) -> Run:
        """The run of one feature view.

        Raises:
            KeyError: when no run is about that view.
        """
        for run in self.runs:
            if run.feature_view == feature_view:
                return run
        raise KeyError(feature_view)

    def __str__(self) -> str:
        lines = [f"Materialization of project '{self.project}':"]
        lines.extend(f"  {run}" for run in self.runs)
        return "\n".join(lines)


def follow_runs(
    services: "Services",
    project: str,
    runs: Sequence[Run],
    progress: bool | ProgressReporter = True,
    timeout: Optional[float] = None,
    poll_interval: float = 0.25,
) -> MaterializationResult:
    """Polls each run until all have ended, showing their progress.

    Raises:
        JobFailedError: when a run failed, naming each failed run and its error (after all of them ended).
        JobTimeoutError: when they did not all end within ``timeout`` seconds.
    """
    show = reporter(progress)
    deadline = None if timeout is None else time.monotonic() + timeout
    current = {run.run_id: run for run in runs}
    interval = poll_interval
    while True:
        for run_id, run in list(current.items()):
            if not run.finished:
                current[run_id] = Run.from_response(services.json("materialization", "GET", f"/v1/runs/{run_id}"))
            if show is not None:
                now = current[run_id]
                show(Progress(f"materialize {now.feature_view}", now.state, now.percent, now.rows_done, now.rows_total,
                              now.raw.get("phase")))
        if all(run.finished for run in current.values()):
            break
        if deadline is not None and time.monotonic() >= deadline:
            pending = ", ".join(f"{run.feature_view} ({run.state})" for run in current.values() if not run.finished)
            raise JobTimeoutError(
                f"materialization runs did not end within {timeout:g} s: {pending}", code="TIMEOUT"
            )
        time.sleep(interval)
        interval = min(interval * 1.5, 2.0)
    result = MaterializationResult(project, tuple(current[run.run_id] for run in runs))
    failed = [run for run in result.runs if run.state != "succeeded"]
    if failed:
        raise JobFailedError(
            f"{len(failed)} of {len(result.runs)} materialization run(s) of project '{project}' did not succeed: "
            + "; ".join(str(run) for run in failed),
            code=failed[0].error_code or failed[0].state.upper(),
            service="materialization",
            url=services.url("materialization"),
        )
    return result
