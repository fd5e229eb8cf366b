"""Python SDK of the feature store suite, shaped like Feast's ``FeatureStore``.

>>> from featurestore import FeatureStore
>>> store = FeatureStore(repo_path="feature_repo")
"""

__version__ = "0.1.0"

from .config import OfflineStoreConfig, RepoConfig  # noqa: E402
from .definitions import (  # noqa: E402
    DataSource,
    Entity,
    FeatureService,
    FeatureView,
    FeatureViewProjection,
    Field,
    FreshnessStatus,
    OnDemandFeatureView,
)
from .errors import (  # noqa: E402
    AuthenticationError,
    BreakingChangeError,
    ConfigurationError,
    ConflictError,
    FeatureStoreError,
    FieldError,
    InvalidRequestError,
    JobFailedError,
    JobTimeoutError,
    MissingApiKeyError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    ServerError,
    ServiceUnavailableError,
)
from .historical import JobStatus, RetrievalJob  # noqa: E402
from .materialization import MaterializationResult, Run  # noqa: E402
from .online import OnlineResponse  # noqa: E402
from .plan import BreakingChange, ObjectChange, Plan  # noqa: E402
from .progress import PlainProgress, Progress  # noqa: E402
from .store import FeatureStore, PushMode, PushResult  # noqa: E402

__all__ = [
    "__version__",
    "FeatureStore",
    "RepoConfig",
    "OfflineStoreConfig",
    "PushMode",
    "PushResult",
    "OnlineResponse",
    "RetrievalJob",
    "JobStatus",
    "MaterializationResult",
    "Run",
    "Plan",
    "ObjectChange",
    "BreakingChange",
    "Progress",
    "PlainProgress",
    "Entity",
    "DataSource",
    "FeatureView",
    "OnDemandFeatureView",
    "FeatureService",
    "FeatureViewProjection",
    "Field",
    "FreshnessStatus",
    "FeatureStoreError",
    "FieldError",
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
]
