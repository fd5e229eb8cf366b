package dev.featurestore.serving.grpc;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.access.Permission;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.registryclient.FeatureSelection;
import dev.featurestore.registryclient.RegistryClient;
import dev.featurestore.registryclient.RegistryLookupException;
import dev.featurestore.registryclient.ResolvedFeatures;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import dev.featurestore.runtime.security.ProjectAccess;
import dev.featurestore.serving.api.ServingRequests;
import dev.featurestore.serving.config.BoundsProperties;
import dev.featurestore.serving.config.ServingProperties;
import dev.featurestore.serving.domain.FeatureStatus;
import dev.featurestore.serving.domain.OnlineFeatureQuery;
import dev.featurestore.serving.domain.OnlineFeatures;
import dev.featurestore.serving.domain.OnlineFeaturesResult;
import feast.proto.serving.ServingAPIProto;
import feast.proto.serving.ServingAPIProto.FieldStatus;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesResponse;
import feast.proto.serving.ServingServiceGrpc;
import feast.proto.types.ValueProto.RepeatedValue;
import feast.proto.types.ValueProto.Value;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Feast's {@code feast.serving.ServingService} over the same domain call as {@code POST /get-online-features}, with
 * its semantics: the project from the {@code x-feature-project} metadata (else
 * {@code featurestore.serving.default-project}), the role viewer in it (pii features: pii_reader or admin), the same
 * bounds, statuses, timestamps and errors (as gRPC statuses, see {@link GrpcErrors}). A call runs on the event loop
 * that read it, up to and after its one online store read (the server's executor is direct).
 */
@Singleton
@Requires(property = "featurestore.serving.grpc.enabled", notEquals = "false")
class FeastServingService extends ServingServiceGrpc.ServingServiceImplBase {
    static final String GET_ONLINE_FEATURES = "GetOnlineFeatures";
    private static final int MAX_REPORTED_ERRORS = 50;
    private static final Value NULL = Value.getDefaultInstance();
    private static final FieldStatus[] STATUSES = statuses();

    private final OnlineFeatures onlineFeatures;
    private final ServingProperties properties;
    private final BoundsProperties bounds;
    private final ProjectAccess access;
    private final RegistryClient registry;
    private final Executor blocking;
    private final String version;

    FeastServingService(OnlineFeatures onlineFeatures, ServingProperties properties, BoundsProperties bounds, ProjectAccess access,
            RegistryClient registry, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.onlineFeatures = requireNonNull(onlineFeatures, "onlineFeatures is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.bounds = requireNonNull(bounds, "bounds is null");
        this.access = requireNonNull(access, "access is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.blocking = requireNonNull(blocking, "blocking is null");
        String implementation = FeastServingService.class.getPackage().getImplementationVersion();
        this.version = "featurestore serving-service " + (implementation == null ? "(development build)" : implementation);
    }

    @Override
    public void getFeastServingInfo(ServingAPIProto.GetFeastServingInfoRequest request, StreamObserver<ServingAPIProto.GetFeastServingInfoResponse> answer) {
        answer.onNext(ServingAPIProto.GetFeastServingInfoResponse.newBuilder().setVersion(version).build());
        answer.onCompleted();
    }

    @Override
    public void getOnlineFeatures(GetOnlineFeaturesRequest request, StreamObserver<GetOnlineFeaturesResponse> answer) {
        ServerCallStreamObserver<GetOnlineFeaturesResponse> call = (ServerCallStreamObserver<GetOnlineFeaturesResponse>) answer;
        call.setOnCancelHandler(() -> {
            // a caller gone (or past its deadline) gets nothing; the read, once sent, completes on its own
        });
        CompletableFuture<OnlineFeaturesResult> result;
        OnlineFeatureQuery query;
        try {
            query = query(request, CallerInterceptor.CALLER.get(), CallerInterceptor.PROJECT_METADATA.get());
            result = read(query);
        } catch (RuntimeException e) {
            call.onError(GrpcErrors.toStatus(GET_ONLINE_FEATURES, e));
            return;
        }
        result.whenComplete((answered, failure) -> {
            if (call.isCancelled()) {
                return;
            }
            GetOnlineFeaturesResponse response;
            try {
                if (failure != null) {
                    throw failure;
                }
                response = response(query, answered);
            } catch (Throwable e) {
                call.onError(GrpcErrors.toStatus(GET_ONLINE_FEATURES, e));
                return;
            }
            call.onNext(response);
            call.onCompleted();
        });
    }

    /** The domain's call, as the HTTP controller makes it, on this thread (the online store it reads is the guarded one). */
    private CompletableFuture<OnlineFeaturesResult> read(OnlineFeatureQuery query) {
        return onlineFeatures.get(query, blocking);
    }

    /** The request as the domain's query, after the project, the caller's rights and the bounds are checked. */
    OnlineFeatureQuery query(GetOnlineFeaturesRequest request, Authentication caller, String projectMetadata) {
        String project = projectMetadata == null || projectMetadata.isBlank() ? properties.defaultProject()
                : ServingRequests.checkedProject(CallerInterceptor.PROJECT.name(), projectMetadata);
        Set<Permission> permissions = ServingRequests.readPermissions(access, caller, project);
        List<String> features = request.getKindCase() == GetOnlineFeaturesRequest.KindCase.FEATURES ? request.getFeatures().getValList() : null;
        ServingRequests.requireFeatureReferences(features, bounds);
        Optional<String> featureService = request.getKindCase() == GetOnlineFeaturesRequest.KindCase.FEATURE_SERVICE
                ? Optional.of(request.getFeatureService()) : Optional.empty();
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<Object>> entities = columns("entities", request.getEntitiesMap(), errors);
        Map<String, List<Object>> requestContext = columns("request_context", request.getRequestContextMap(), errors);
        if (!errors.isEmpty()) {
            List<FieldError> reported = errors.size() > MAX_REPORTED_ERRORS ? errors.subList(0, MAX_REPORTED_ERRORS) : errors;
            throw new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Invalid entity rows: %s".formatted(
                    reported.stream().map(error -> error.path() + ": " + error.message()).toList()), reported);
        }
        return new OnlineFeatureQuery(project, features, featureService, entities, requestContext, request.getFullFeatureNames(),
                permissions.contains(Permission.READ_PII));
    }

    /** Columns of values as a JSON body gives them, in the order they arrived; a value of no feature type is an error naming it. */
    private static Map<String, List<Object>> columns(String field, Map<String, RepeatedValue> columns, List<FieldError> errors) {
        Map<String, List<Object>> converted = new LinkedHashMap<>();
        for (Map.Entry<String, RepeatedValue> column : columns.entrySet()) {
            List<Value> values = column.getValue().getValList();
            List<Object> javaValues = new ArrayList<>(values.size());
            for (int row = 0; row < values.size(); row++) {
                try {
                    javaValues.add(ProtoValues.toRequestValue(values.get(row)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("%s.%s[%d]".formatted(field, column.getKey(), row), e.getMessage()));
                    javaValues.add(null);
                }
            }
            converted.put(column.getKey(), Collections.unmodifiableList(javaValues));
        }
        return converted;
    }

    /** Feast's response: the names, then per column its values typed, statuses and event timestamps. */
    private GetOnlineFeaturesResponse response(OnlineFeatureQuery query, OnlineFeaturesResult result) {
        GetOnlineFeaturesResponse.Builder response = GetOnlineFeaturesResponse.newBuilder();
        response.setMetadata(ServingAPIProto.GetOnlineFeaturesResponseMetadata.newBuilder()
                .setFeatureNames(ServingAPIProto.FeatureList.newBuilder().addAllVal(result.names())));
        List<OnlineFeaturesResult.Column> columns = result.columns();
        ColumnTypes types = new ColumnTypes(query, columns.size());
        for (int index = 0; index < columns.size(); index++) {
            OnlineFeaturesResult.Column column = columns.get(index);
            int columnIndex = index;
            GetOnlineFeaturesResponse.FeatureVector.Builder vector = GetOnlineFeaturesResponse.FeatureVector.newBuilder();
            for (Object value : column.values()) {
                vector.addValues(value == null ? NULL : ProtoValues.toProto(value, () -> types.type(columnIndex)));
            }
            for (FeatureStatus status : column.statuses()) {
                vector.addStatuses(STATUSES[status.ordinal()]);
            }
            for (Instant timestamp : column.eventTimestamps()) {
                vector.addEventTimestamps(ProtoValues.timestamp(timestamp));
            }
            response.addResults(vector);
        }
        return response.build();
    }

    /**
     * The declared types of a response's columns, looked up in the cached registry only when a value does not tell its
     * own (an empty list): the feature columns are the last ones, in the order the selection resolves to.
     */
    private final class ColumnTypes {
        private final OnlineFeatureQuery query;
        private final int columns;
        private List<ValueType> featureTypes;

        ColumnTypes(OnlineFeatureQuery query, int columns) {
            this.query = query;
            this.columns = columns;
        }

        Optional<ValueType> type(int column) {
            if (featureTypes == null) {
                featureTypes = featureTypes();
            }
            int feature = column - (columns - featureTypes.size());
            return feature < 0 || feature >= featureTypes.size() ? Optional.empty() : Optional.of(featureTypes.get(feature));
        }

        private List<ValueType> featureTypes() {
            try {
                return registry.cached(query.project())
                        .map(cached -> new FeatureSelection(query.features(), query.featureService()).resolve(cached))
                        .map(ResolvedFeatures::features)
                        .map(features -> features.stream().map(feature -> feature.field().dtype()).toList())
                        .orElse(List.of());
            } catch (RegistryLookupException | IllegalArgumentException e) {
                return List.of(); // changed since the answer was made: the list stays untyped
            }
        }
    }

    private static FieldStatus[] statuses() {
        FieldStatus[] statuses = new FieldStatus[FeatureStatus.values().length];
        for (FeatureStatus status : FeatureStatus.values()) {
            statuses[status.ordinal()] = switch (status) {
                case PRESENT -> FieldStatus.PRESENT;
                case NULL_VALUE -> FieldStatus.NULL_VALUE;
                case NOT_FOUND -> FieldStatus.NOT_FOUND;
                case OUTSIDE_MAX_AGE -> FieldStatus.OUTSIDE_MAX_AGE;
            };
        }
        return statuses;
    }
}
