"""Showing the progress of a historical job or a materialization run while the SDK waits for it.

``progress=True`` shows a tqdm bar when tqdm is installed, else plain lines; ``progress`` may also be any callable
taking a :class:`Progress` (called on every poll), or ``False``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Callable, Optional, TextIO, Union

__all__ = ["Progress", "ProgressReporter", "PlainProgress", "TqdmProgress", "reporter"]


@dataclass(frozen=True)
class Progress:
    """Where a job or run is.

    Attributes:
        label: what is followed (``historical job 4f0c1a2b``, ``materialize driver_hourly``).
        state: ``queued``, ``running``, ``succeeded``, ``failed`` or ``cancelled``.
        percent: 0 to 100.
        rows_done: rows processed so far.
        rows_total: rows to process (estimated).
        phase: what it is doing now, when the service says.
    """

    label: str
    state: str
    percent: float
    rows_done: int
    rows_total: int
    phase: Optional[str] = None

    @property
    def finished(self) -> bool:
        """Whether the state is final."""
        return self.state in ("succeeded", "failed", "cancelled")


ProgressReporter = Callable[[Progress], None]


class PlainProgress:
    """Prints one line when the state or phase changes, and at most every ``interval`` seconds while the percentage
    moves: ``historical job 4f0c1a2b: running 45.0% (450 / 1,000 rows)``."""

    def __init__(self, stream: Optional[TextIO] = None, interval: float = 1.0) -> None:
        self._stream = stream
        self._interval = interval
        self._last: dict[str, tuple[str, Optional[str], float, float]] = {}

    def __call__(self, progress: Progress) -> None:
        previous = self._last.get(progress.label)
        now = time.monotonic()
        if previous is not None:
            state, phase, percent, shown_at = previous
            moved = progress.percent != percent and now - shown_at >= self._interval
            if state == progress.state and phase == progress.phase and not moved:
                return
        self._last[progress.label] = (progress.state, progress.phase, progress.percent, now)
        phase = f", {progress.phase}" if progress.phase else ""
        rows = f" ({progress.rows_done:,} / {progress.rows_total:,} rows{phase})" if progress.rows_total else (
            f" ({progress.phase})" if progress.phase else "")
        stream = self._stream or sys.stderr
        print(f"{progress.label}: {progress.state} {progress.percent:.1f}%{rows}", file=stream, flush=True)


class TqdmProgress:
    """A tqdm bar per job or run, from 0 to 100 %, closed when it finishes."""

    def __init__(self) -> None:
        from tqdm.auto import tqdm  # noqa: F401 - fails here when tqdm is not installed

        self._bars: dict[str, object] = {}

    def __call__(self, progress: Progress) -> None:
        from tqdm.auto import tqdm

        bar = self._bars.get(progress.label)
        if bar is None:
            bar = tqdm(total=100.0, desc=progress.label, unit="%", bar_format="{l_bar}{bar}| {n:.1f}% [{elapsed}{postfix}]")
            self._bars[progress.label] = bar
        bar.n = min(100.0, max(0.0, progress.percent))
        bar.set_postfix_str(progress.state + (f", {progress.phase}" if progress.phase else ""), refresh=False)
        bar.refresh()
        if progress.finished:
            bar.close()
            del self._bars[progress.label]


def reporter(progress: Union[bool, ProgressReporter, None]) -> Optional[ProgressReporter]:
    """The reporter for a ``progress`` argument: ``True`` -> tqdm if installed, else plain lines."""
    if progress is None or progress is False:
        return None
    if progress is True:
        try:
            return TqdmProgress()
        except ImportError:
            return PlainProgress()
    if callable(progress):
        return progress
    raise TypeError(f"progress: expected True, False or a callable taking a Progress, not {type(progress).__name__}")
