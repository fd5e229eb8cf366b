"""Conversions between pandas / pyarrow data and the services' JSON (columns of plain values, RFC 3339 times)."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from typing import Any, Mapping, Optional, Sequence

import pyarrow as pa

from .errors import InvalidRequestError

UTC = dt.timezone.utc


def is_pandas_frame(value: Any) -> bool:
    """Whether ``value`` is a pandas DataFrame (without importing pandas when it is not installed)."""
    module = type(value).__module__ or ""
    return module.startswith("pandas") and type(value).__name__ == "DataFrame"


def to_arrow(data: Any, what: str) -> pa.Table:
    """``data`` (a pandas DataFrame, a pyarrow Table or RecordBatch, or a mapping of columns) as a pyarrow Table.

    Raises:
        InvalidRequestError: naming ``what`` when ``data`` is none of those or its columns cannot be converted.
    """
    try:
        if isinstance(data, pa.Table):
            return data
        if isinstance(data, pa.RecordBatch):
            return pa.Table.from_batches([data])
        if is_pandas_frame(data):
            return pa.Table.from_pandas(data, preserve_index=False)
        if isinstance(data, Mapping):
            columns = {str(name): list(values) if not isinstance(values, (pa.Array, pa.ChunkedArray)) else values
                       for name, values in data.items()}
            lengths = {len(values) for values in columns.values()}
            if len(lengths) > 1:
                raise InvalidRequestError(f"{what}: columns of different lengths ({sorted(lengths)})")
            return pa.table(columns)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as error:
        raise InvalidRequestError(f"{what}: cannot be converted to columns: {error}") from error
    raise InvalidRequestError(
        f"{what}: expected a pandas DataFrame, a pyarrow Table or a mapping of columns, not {type(data).__name__}"
    )


def utc_timestamps(table: pa.Table) -> pa.Table:
    """Every timestamp column as microseconds in UTC (naive times are taken as UTC, as Feast does)."""
    columns = []
    changed = False
    for column_field, column in zip(table.schema, table.columns):
        kind = column_field.type
        if pa.types.is_timestamp(kind) and (kind.unit != "us" or kind.tz is None or kind.tz not in ("UTC", "+00:00")):
            target = pa.timestamp("us", tz="UTC")
            if kind.tz is None:
                column = column.cast(pa.timestamp(kind.unit, tz="UTC"))
            column = column.cast(target, safe=False)
            column_field = column_field.with_type(target)
            changed = True
        columns.append((column_field, column))
    if not changed:
        return table
    return pa.Table.from_arrays([c for _, c in columns], schema=pa.schema([f for f, _ in columns], table.schema.metadata))


def parse_timestamp_column(table: pa.Table, name: str, what: str) -> pa.Table:
    """``table`` with its column ``name`` as UTC timestamps: strings are parsed as RFC 3339 (or ISO 8601) times,
    integers as epoch milliseconds.

    Raises:
        InvalidRequestError: naming ``what`` and the first value that is not a time.
    """
    index = table.schema.get_field_index(name)
    column = table.column(index)
    kind = column.type
    if pa.types.is_timestamp(kind):
        return table
    if pa.types.is_date(kind):
        converted = column.cast(pa.timestamp("us")).cast(pa.timestamp("us", tz="UTC"))
    elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
        values = []
        for position, text in enumerate(column.to_pylist()):
            values.append(None if text is None else _parse_text(text, f"{what}[{position}]"))
        converted = pa.array(values, type=pa.timestamp("us", tz="UTC"))
    elif pa.types.is_integer(kind):
        converted = pa.array(
            [None if v is None else dt.datetime.fromtimestamp(v / 1000, UTC) for v in column.to_pylist()],
            type=pa.timestamp("us", tz="UTC"),
        )
    else:
        raise InvalidRequestError(
            f"{what}: the column '{name}' holds {kind}, not times (timestamps, RFC 3339 strings or epoch milliseconds)"
        )
    return table.set_column(index, pa.field(name, converted.type), converted)


def _parse_text(text: str, where: str) -> dt.datetime:
    value = text.strip()
    if value.endswith("Z") or value.endswith("z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise InvalidRequestError(f"{where}: '{text}' is not an RFC 3339 time") from error
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def columns_to_json(table: pa.Table, what: str) -> dict[str, list]:
    """The table as ``{"column": [values...]}`` of JSON values: times as RFC 3339 UTC strings, NaN as null."""
    result = {}
    for name, column in zip(table.column_names, table.columns):
        result[name] = [json_value(value, f"{what}.{name}") for value in column.to_pylist()]
    return result


def rows_to_columns(rows: Sequence[Mapping[str, Any]], what: str) -> dict[str, list]:
    """Feast's ``entity_rows`` (one mapping per row) as columns of JSON values, in the first row's key order.

    Raises:
        InvalidRequestError: when a row is not a mapping or rows have different keys, naming the row.
    """
    if isinstance(rows, Mapping) or isinstance(rows, (str, bytes)):
        raise InvalidRequestError(f"{what}: expected a list of rows (one mapping per entity), not {type(rows).__name__}")
    rows = list(rows)
    if not rows:
        raise InvalidRequestError(f"{what}: no rows")
    names: list[str] = []
    for position, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InvalidRequestError(f"{what}[{position}]: expected a mapping of column to value, not {type(row).__name__}")
        for name in row:
            if name not in names:
                names.append(str(name))
    columns: dict[str, list] = {name: [] for name in names}
    for position, row in enumerate(rows):
        missing = [name for name in names if name not in row]
        if missing:
            raise InvalidRequestError(f"{what}[{position}]: no value for {', '.join(missing)} (every row needs the same keys)")
        for name in names:
            columns[name].append(json_value(row[name], f"{what}[{position}].{name}"))
    return columns


def json_value(value: Any, where: str) -> Any:
    """One value as JSON: numpy scalars as Python numbers, times as RFC 3339 UTC strings, NaN as null."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dt.datetime):
        return timestamp_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Mapping):
        return {str(k): json_value(v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(item, where) for item in value]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and getattr(value, "ndim", 0) == 0:
        return json_value(item(), where)
    tolist = getattr(value, "tolist", None)  # numpy arrays (list features in pandas)
    if callable(tolist):
        return json_value(tolist(), where)
    to_pydatetime = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if callable(to_pydatetime):
        return timestamp_text(to_pydatetime())
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    raise InvalidRequestError(f"{where}: a value of type {type(value).__name__} cannot be sent ({value!r})")


def timestamp_text(value: Any, what: str = "timestamp") -> str:
    """A time as an RFC 3339 UTC string (``2026-11-21T16:00:00Z``); naive datetimes are taken as UTC.

    Accepts ``datetime``, ``date``, pandas ``Timestamp``, RFC 3339 strings and epoch milliseconds.

    Raises:
        InvalidRequestError: naming ``what`` when ``value`` is not a time.
    """
    if isinstance(value, str):
        value = _parse_text(value, what)
    elif isinstance(value, bool):
        raise InvalidRequestError(f"{what}: {value!r} is not a time")
    elif isinstance(value, (int, float)):
        value = dt.datetime.fromtimestamp(value / 1000, UTC)
    elif hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        text = moment.strftime("%Y-%m-%dT%H:%M:%S")
        if moment.microsecond:
            text += f".{moment.microsecond:06d}".rstrip("0")
        return text + "Z"
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    raise InvalidRequestError(f"{what}: {value!r} is not a time (datetime, RFC 3339 string or epoch milliseconds)")


def parse_time(text: Optional[str]) -> Optional[dt.datetime]:
    """An RFC 3339 string of a service as a UTC datetime (``None`` stays ``None``)."""
    if text is None:
        return None
    return _parse_text(str(text), "time")


def epoch_seconds(text: Optional[str]) -> Optional[int]:
    """An RFC 3339 string as whole seconds since the epoch (Feast's ``__ts`` columns)."""
    moment = parse_time(text)
    return None if moment is None else int(moment.timestamp())
