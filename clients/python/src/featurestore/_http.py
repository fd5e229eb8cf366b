"""HTTP calls to the five services: the API key on every call, problem+json answers as typed errors."""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping, Optional

import requests

from . import __version__
from .config import RepoConfig
from .errors import FeatureStoreError, ServiceUnavailableError, error_from_problem

_SERVICE_NAMES = {
    "registry": "registry-service",
    "serving": "serving-service",
    "historical": "historical-service",
    "materialization": "materialization-service",
    "monitoring": "monitoring-service",
}


class Services:
    """Sends requests to the services of one configuration, with one pooled ``requests`` session."""

    def __init__(self, config: RepoConfig, timeout: float, session: Optional[requests.Session] = None) -> None:
        self._config = config
        self._timeout = timeout
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = f"featurestore-python/{__version__}"

    def close(self) -> None:
        """Closes the pooled connections."""
        self._session.close()

    def url(self, service: str) -> str:
        """The base URL of ``service``."""
        return self._config.endpoint(service)

    def request(
        self,
        service: str,
        method: str,
        path: str,
        *,
        params: Optional[Mapping[str, Any]] = None,
        json_body: Any = None,
        data: Optional[bytes | str] = None,
        content_type: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        expected: tuple[int, ...] = (200,),
        locate: Optional[Callable[[str], Optional[str]]] = None,
        timeout: Optional[float] = None,
    ) -> requests.Response:
        """Calls ``service`` and returns the answer when its status is ``expected``; raises the typed error otherwise.

        Raises:
            MissingApiKeyError: no API key is configured (nothing is sent).
            ServiceUnavailableError: the service cannot be reached, naming it and its URL.
            FeatureStoreError: a subclass chosen by the answer's status and code, carrying its problem detail.
        """
        key = self._config.require_api_key()
        base = self._config.endpoint(service)
        url = base + path
        send_headers = {"Authorization": f"Bearer {key}", "Accept": "application/json, application/problem+json"}
        if headers:
            send_headers.update(headers)
        body: Optional[bytes | str] = data
        if json_body is not None:
            body = json.dumps(json_body, allow_nan=False)
            send_headers["Content-Type"] = "application/json"
        elif content_type is not None:
            send_headers["Content-Type"] = content_type
        try:
            response = self._session.request(
                method,
                url,
                params=_query(params),
                data=body,
                headers=send_headers,
                timeout=(min(5.0, self._timeout), timeout or self._timeout),
            )
        except requests.exceptions.ConnectionError as error:
            raise self._unreachable(service, base, "connection refused or reset", error) from error
        except requests.exceptions.Timeout as error:
            raise self._unreachable(service, base, f"no answer within {timeout or self._timeout:g} s", error) from error
        except requests.exceptions.RequestException as error:
            raise self._unreachable(service, base, str(error), error) from error
        if response.status_code in expected:
            return response
        raise self._error(service, method, url, response, locate)

    def json(self, service: str, method: str, path: str, **kwargs: Any) -> Any:
        """Like :meth:`request`, and decodes the JSON body."""
        response = self.request(service, method, path, **kwargs)
        if response.status_code == 304 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise FeatureStoreError(
                f"{_SERVICE_NAMES[service]} answered {response.status_code} with a body that is not JSON: "
                f"{response.text[:200]!r}",
                status=response.status_code,
                service=service,
                url=response.url,
            ) from error

    def _unreachable(self, service: str, base: str, reason: str, error: Exception) -> ServiceUnavailableError:
        setting = f"endpoints.{service}"
        return ServiceUnavailableError(
            f"Cannot reach {_SERVICE_NAMES[service]} at {base} ({reason}). Its URL comes from "
            f"{self._config.describe(setting)}; is the service running? Set FEATURESTORE_{service.upper()}_URL, "
            f"endpoints.{service} in featurestore.yaml or FeatureStore({service}_url=...) to point elsewhere.",
            code="UNREACHABLE",
            service=service,
            url=base,
        )

    def _error(self, service, method, url, response: requests.Response, locate) -> FeatureStoreError:
        problem: Mapping[str, Any]
        try:
            decoded = response.json()
            problem = decoded if isinstance(decoded, Mapping) else {}
        except ValueError:
            problem = {}
        if not problem:
            text = response.text.strip()[:300]
            problem = {
                "status": response.status_code,
                "title": response.reason,
                "detail": f"{method} {url} answered HTTP {response.status_code} {response.reason}"
                + (f": {text}" if text else ""),
            }
        return error_from_problem(
            problem,
            status=response.status_code,
            service=service,
            url=self._config.endpoint(service),
            locate=locate,
        )


def _query(params: Optional[Mapping[str, Any]]) -> Optional[list[tuple[str, str]]]:
    if not params:
        return None
    query = []
    for name, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            query.append((name, "true" if item is True else "false" if item is False else str(item)))
    return query
