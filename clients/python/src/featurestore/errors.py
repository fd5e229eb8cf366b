"""Typed errors of the SDK.

Every error the services answer is ``application/problem+json``
(``type``, ``title``, ``status``, ``detail``, ``code``, ``errors: [{path, message}]``); the SDK raises it as a
subclass of :class:`FeatureStoreError` chosen by its status (and code), carrying every field. Problems the SDK finds
itself before sending anything (a missing timestamp column, an unknown feature, no API key) are raised as the same
classes, with ``status`` ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence

__all__ = [
    "FieldError",
    "FeatureStoreError",
    "ConfigurationError",
    "InvalidRequestError",
    "AuthenticationError",
    "MissingApiKeyError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "BreakingChangeError",
    "PayloadTooLargeError",
    "ServiceUnavailableError",
    "ServerError",
    "JobFailedError",
    "JobTimeoutError",
    "error_from_problem",
]


@dataclass(frozen=True)
class FieldError:
    """One entry of a problem's ``errors[]``: the field or object at fault and what is wrong with it.

    ``location`` is where a path of an applied definition document comes from in the repository's files
    (``driver_features.yaml: feature_views[0].schema[1].dtype``), when the SDK could tell.
    """

    path: str
    message: str
    location: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.location or self.path}: {self.message}"


class FeatureStoreError(Exception):
    """Base class of every error the SDK raises.

    Attributes:
        status: the HTTP status of the service's answer (``None`` for a problem found by the SDK itself).
        code: the problem's machine-readable code (``NOT_FOUND``, ``VALIDATION_FAILED``, ...).
        title: the problem's short title.
        detail: the human-readable explanation.
        errors: the problem's field errors (:class:`FieldError`), each naming its path.
        type: the problem's type URI.
        service: which service answered (``registry``, ``serving``, ...), when known.
        url: the URL that was called, when known.
    """

    def __init__(
        self,
        detail: str,
        *,
        status: Optional[int] = None,
        code: Optional[str] = None,
        title: Optional[str] = None,
        errors: Iterable[FieldError] = (),
        type: Optional[str] = None,  # noqa: A002 - the problem+json field's name
        service: Optional[str] = None,
        url: Optional[str] = None,
    ) -> None:
        self.detail = detail
        self.status = status
        self.code = code
        self.title = title
        self.errors: tuple[FieldError, ...] = tuple(errors)
        self.type = type
        self.service = service
        self.url = url
        super().__init__(self._message())

    def _message(self) -> str:
        head = []
        if self.status is not None:
            head.append(str(self.status))
        if self.code:
            head.append(self.code)
        prefix = f"[{' '.join(head)}] " if head else ""
        lines = [prefix + self.detail]
        # the detail usually quotes every error already; list them when it does not, or when they were located
        for error in self.errors:
            if error.location is not None or error.message not in self.detail:
                lines.append(f"  - {error}")
        return "\n".join(lines)

    def __reduce__(self):  # keep the keyword arguments when pickled (multiprocessing, joblib)
        return (_rebuild, (type(self), self.detail, self._fields()))

    def _fields(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "code": self.code,
            "title": self.title,
            "errors": self.errors,
            "type": self.type,
            "service": self.service,
            "url": self.url,
        }


def _rebuild(cls, detail, fields):
    error = cls.__new__(cls)
    FeatureStoreError.__init__(error, detail, **fields)
    return error


class ConfigurationError(FeatureStoreError):
    """The client configuration is incomplete or invalid (a bad ``featurestore.yaml``, no project, ...)."""


class InvalidRequestError(FeatureStoreError):
    """The request is invalid (HTTP 400, or found before sending): ``errors`` names each bad field."""


class AuthenticationError(FeatureStoreError):
    """No valid credential (HTTP 401): the API key is missing, unknown, revoked or expired."""


class MissingApiKeyError(AuthenticationError, ConfigurationError):
    """No API key is configured; the message says every way to provide one."""


class PermissionDeniedError(FeatureStoreError):
    """The credential is valid but lacks the role (HTTP 403); the detail names the roles that would do."""


class NotFoundError(FeatureStoreError):
    """An unknown project, object, feature, job or run (HTTP 404, or found before sending)."""


class ConflictError(FeatureStoreError):
    """The request conflicts with the current state (HTTP 409): an object in use, an output that exists, ..."""


class BreakingChangeError(ConflictError):
    """An apply would make breaking changes (HTTP 409 ``BREAKING_CHANGE``); ``errors`` names each one.

    Apply again with ``allow_breaking=True`` to accept them.
    """


class PayloadTooLargeError(InvalidRequestError):
    """The request is larger than the service accepts (HTTP 413: too many rows, too large a body)."""


class ServiceUnavailableError(FeatureStoreError):
    """A service could not be reached, or answered that it cannot serve now (HTTP 503/504).

    ``service`` and ``url`` name which one.
    """


class ServerError(FeatureStoreError):
    """The service failed (HTTP 5xx other than 503/504)."""


class JobFailedError(FeatureStoreError):
    """A historical job or materialization run ended ``failed`` or ``cancelled``; ``code`` is its error code."""


class JobTimeoutError(FeatureStoreError, TimeoutError):
    """A job or run did not finish within the time the caller allowed."""


def error_from_problem(
    problem: Mapping[str, Any],
    *,
    status: int,
    service: Optional[str] = None,
    url: Optional[str] = None,
    locate=None,
) -> FeatureStoreError:
    """The typed error for a problem+json body answered with ``status``.

    ``locate``, when given, maps an error path to where it comes from (a repository file), for apply and plan.
    """
    code = _text(problem.get("code"))
    title = _text(problem.get("title"))
    detail = _text(problem.get("detail")) or title or f"HTTP {status}"
    errors = []
    raw_errors = problem.get("errors")
    if isinstance(raw_errors, Sequence) and not isinstance(raw_errors, (str, bytes)):
        for item in raw_errors:
            if isinstance(item, Mapping):
                path = _text(item.get("path")) or ""
                errors.append(FieldError(path, _text(item.get("message")) or "", locate(path) if locate else None))
    kind = _class_for(status, code)
    if service and url and kind is ServiceUnavailableError:
        detail = f"{detail} ({service} at {url})"
    return kind(
        detail,
        status=status,
        code=code,
        title=title,
        errors=errors,
        type=_text(problem.get("type")),
        service=service,
        url=url,
    )


def _class_for(status: int, code: Optional[str]) -> type[FeatureStoreError]:
    if code == "BREAKING_CHANGE":
        return BreakingChangeError
    if status == 401:
        return AuthenticationError
    if status == 403:
        return PermissionDeniedError
    if status == 404:
        return NotFoundError
    if status == 409:
        return ConflictError
    if status == 413:
        return PayloadTooLargeError
    if status in (503, 504):
        return ServiceUnavailableError
    if 400 <= status < 500:
        return InvalidRequestError
    if status >= 500:
        return ServerError
    return FeatureStoreError


def _text(value: Any) -> Optional[str]:
    if value is None:
        return None
    return str(value)
