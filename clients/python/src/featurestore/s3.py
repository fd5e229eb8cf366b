"""The S3 API the SDK talks to directly: entity files go up to the staging prefix, training sets come down.

Two ways to reach it, chosen by ``s3_client``: pyarrow's ``S3FileSystem`` (``endpoint_override``, path-style), or plain
``requests`` calls signed with AWS Signature Version 4, for pyarrow builds without S3 support. Both read and write
whole objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
from typing import Optional, Protocol
from urllib.parse import quote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq
import requests

from .config import OfflineStoreConfig
from .errors import ConfigurationError, FeatureStoreError, NotFoundError, ServiceUnavailableError

__all__ = ["ObjectStore", "ArrowObjectStore", "HttpObjectStore", "object_store", "split_uri"]


def split_uri(uri: str) -> tuple[str, str]:
    """``s3://bucket/key`` as ``(bucket, key)``.

    Raises:
        FeatureStoreError: when ``uri`` is not an ``s3://`` (or ``s3a://``) URI.
    """
    parsed = urlparse(uri)
    if parsed.scheme not in ("s3", "s3a") or not parsed.netloc:
        raise FeatureStoreError(f"'{uri}' is not an s3:// URI")
    return parsed.netloc, parsed.path.lstrip("/")


class ObjectStore(Protocol):
    """Whole objects of the S3 API, by ``s3://`` URI."""

    name: str

    def put(self, uri: str, data: bytes) -> None:
        """Writes the object."""

    def get(self, uri: str) -> bytes:
        """Reads the object."""

    def read_parquet(self, uri: str) -> pa.Table:
        """Reads a Parquet object."""


def object_store(config: OfflineStoreConfig, client: str = "auto", timeout: float = 60.0) -> ObjectStore:
    """The object store for ``config``: ``client`` ``"pyarrow"``, ``"requests"``, or ``"auto"`` (pyarrow when its S3
    support is available, else requests).

    Raises:
        ConfigurationError: for an unknown ``client``, or ``"pyarrow"`` without pyarrow's S3 support.
    """
    if client not in ("auto", "pyarrow", "requests"):
        raise ConfigurationError(f"s3_client: '{client}' is not one of auto, pyarrow, requests")
    if client in ("auto", "pyarrow"):
        try:
            return ArrowObjectStore(config)
        except (ImportError, pa.ArrowNotImplementedError) as error:
            if client == "pyarrow":
                raise ConfigurationError(f"s3_client: pyarrow's S3 support is not available here: {error}") from error
    return HttpObjectStore(config, timeout)


class ArrowObjectStore:
    """Objects through pyarrow's ``S3FileSystem``."""

    name = "pyarrow"

    def __init__(self, config: OfflineStoreConfig) -> None:
        from pyarrow import fs  # raises ImportError on builds without S3

        endpoint = urlparse(config.endpoint)
        options = {
            "region": config.region,
            "endpoint_override": endpoint.netloc + endpoint.path.rstrip("/"),
            "scheme": endpoint.scheme,
            "force_virtual_addressing": False,
        }
        if config.access_key and config.secret_key:
            options["access_key"] = config.access_key
            options["secret_key"] = config.secret_key
        self._endpoint = config.endpoint
        self._filesystem = fs.S3FileSystem(**options)

    def _path(self, uri: str) -> str:
        bucket, key = split_uri(uri)
        return f"{bucket}/{key}"

    def put(self, uri: str, data: bytes) -> None:
        """Writes the object."""
        try:
            with self._filesystem.open_output_stream(self._path(uri)) as stream:
                stream.write(data)
        except OSError as error:
            raise _failure("write", uri, self._endpoint, error) from error

    def get(self, uri: str) -> bytes:
        """Reads the object."""
        try:
            with self._filesystem.open_input_stream(self._path(uri)) as stream:
                return stream.read()
        except FileNotFoundError as error:
            raise NotFoundError(f"No object at {uri} (S3 API at {self._endpoint})") from error
        except OSError as error:
            raise _failure("read", uri, self._endpoint, error) from error

    def read_parquet(self, uri: str) -> pa.Table:
        """Reads a Parquet object."""
        try:
            return pq.read_table(self._path(uri), filesystem=self._filesystem)
        except FileNotFoundError as error:
            raise NotFoundError(f"No object at {uri} (S3 API at {self._endpoint})") from error
        except OSError as error:
            raise _failure("read", uri, self._endpoint, error) from error


class HttpObjectStore:
    """Objects through plain HTTP requests signed with AWS Signature Version 4 (path-style URLs)."""

    name = "requests"

    def __init__(self, config: OfflineStoreConfig, timeout: float = 60.0, session: Optional[requests.Session] = None) -> None:
        self._config = config
        self._timeout = timeout
        self._session = session or requests.Session()

    def _url(self, uri: str) -> tuple[str, str]:
        bucket, key = split_uri(uri)
        path = "/" + quote(bucket, safe="-_.~") + "/" + quote(key, safe="-_.~/")
        base = urlparse(self._config.endpoint)
        prefix = base.path.rstrip("/")
        return f"{base.scheme}://{base.netloc}{prefix}{path}", prefix + path

    def _send(self, method: str, uri: str, data: bytes = b"") -> requests.Response:
        url, path = self._url(uri)
        host = urlparse(self._config.endpoint).netloc
        headers = sign_v4(
            method,
            host,
            path,
            data,
            self._config.region,
            self._config.access_key,
            self._config.secret_key,
        )
        try:
            body = data if method == "PUT" else None
            return self._session.request(method, url, data=body, headers=headers, timeout=self._timeout)
        except requests.exceptions.RequestException as error:
            raise ServiceUnavailableError(
                f"Cannot reach the S3 API at {self._config.endpoint} ({error}). Set FEATURESTORE_S3_ENDPOINT or "
                "offline_store.endpoint in featurestore.yaml.",
                service="s3",
                url=self._config.endpoint,
            ) from error

    def put(self, uri: str, data: bytes) -> None:
        """Writes the object."""
        response = self._send("PUT", uri, data)
        if response.status_code not in (200, 201, 204):
            raise _http_failure("write", uri, self._config.endpoint, response)

    def get(self, uri: str) -> bytes:
        """Reads the object."""
        response = self._send("GET", uri)
        if response.status_code == 404:
            raise NotFoundError(f"No object at {uri} (S3 API at {self._config.endpoint})", status=404)
        if response.status_code != 200:
            raise _http_failure("read", uri, self._config.endpoint, response)
        return response.content

    def read_parquet(self, uri: str) -> pa.Table:
        """Reads a Parquet object."""
        return pq.read_table(pa.BufferReader(self.get(uri)))


def sign_v4(
    method: str,
    host: str,
    path: str,
    payload: bytes,
    region: str,
    access_key: Optional[str],
    secret_key: Optional[str],
    now: Optional[dt.datetime] = None,
) -> dict[str, str]:
    """The headers of an AWS Signature Version 4 signed S3 request without a query string (``path`` already
    URI-encoded); unsigned (anonymous) when there are no keys."""
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
    day = moment.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(payload).hexdigest()
    headers = {"host": host, "x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
    if not access_key or not secret_key:
        return {"x-amz-content-sha256": payload_hash, "x-amz-date": amz_date}
    signed = ";".join(sorted(headers))
    canonical = "\n".join(
        [method, path, "", "".join(f"{name}:{headers[name]}\n" for name in sorted(headers)), signed, payload_hash]
    )
    scope = f"{day}/{region}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret_key).encode()
    for part in (day, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "x-amz-content-sha256": payload_hash,
        "x-amz-date": amz_date,
        "Authorization": f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={signed}, Signature={signature}",
    }


def parquet_bytes(table: pa.Table) -> bytes:
    """The table as one Parquet file (Snappy, microsecond timestamps)."""
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="snappy", coerce_timestamps="us", allow_truncated_timestamps=True)
    return sink.getvalue()


def _failure(action: str, uri: str, endpoint: str, error: Exception) -> FeatureStoreError:
    text = str(error)
    if any(word in text.lower() for word in ("connect", "curl", "network", "timed out", "resolve")):
        return ServiceUnavailableError(
            f"Cannot {action} {uri}: the S3 API at {endpoint} cannot be reached ({text}). Set FEATURESTORE_S3_ENDPOINT "
            "or offline_store.endpoint in featurestore.yaml.",
            service="s3",
            url=endpoint,
        )
    return FeatureStoreError(f"Cannot {action} {uri} (S3 API at {endpoint}): {text}", service="s3", url=endpoint)


def _http_failure(action: str, uri: str, endpoint: str, response: requests.Response) -> FeatureStoreError:
    text = response.text[:300]
    return FeatureStoreError(
        f"Cannot {action} {uri} (S3 API at {endpoint}): HTTP {response.status_code} {text}",
        status=response.status_code,
        service="s3",
        url=endpoint,
    )
