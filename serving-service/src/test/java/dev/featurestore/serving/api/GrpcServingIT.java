package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.featurestore.contracts.definition.JoinKey;
import dev.featurestore.contracts.definition.ValueType;
import dev.featurestore.contracts.online.OnlineKeys;
import dev.featurestore.contracts.online.OnlineRecord;
import dev.featurestore.contracts.online.OnlineSchema;
import dev.featurestore.contracts.online.OnlineSchema.OnlineField;
import dev.featurestore.onlinestore.RecordWrite;
import dev.featurestore.runtime.testing.RawHttp;
import dev.featurestore.runtime.testing.TestCredentials;
import dev.featurestore.runtime.testing.TestingAccessDirectory;
import dev.featurestore.serving.grpc.GrpcServer;
import feast.proto.serving.ServingAPIProto.FeatureList;
import feast.proto.serving.ServingAPIProto.FieldStatus;
import feast.proto.serving.ServingAPIProto.GetFeastServingInfoRequest;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesResponse;
import feast.proto.serving.ServingServiceGrpc;
import feast.proto.types.ValueProto;
import feast.proto.types.ValueProto.RepeatedValue;
import feast.proto.types.ValueProto.Value;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feast's gRPC {@code ServingService} against the service on the test stack's Redis, through a grpc-java blocking
 * stub generated from Feast's protos: the same request over HTTP and over gRPC answers the same names, values (typed
 * per feature), statuses and timestamps; the project from metadata; every bad input a named status, never UNKNOWN.
 */
class GrpcServingIT extends ServingApiTest {
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final JoinKey DRIVER = new JoinKey("driver_id", ValueType.INT64);
    private static final JoinKey CITY = new JoinKey("city", ValueType.STRING);
    private static final OnlineSchema DRIVER_HOURLY = new OnlineSchema(List.of(new OnlineField("conv_rate", ValueType.FLOAT64),
            new OnlineField("acc_rate", ValueType.FLOAT32), new OnlineField("trips", ValueType.INT64)));
    private static final OnlineSchema DRIVER_PROFILE = new OnlineSchema(List.of(new OnlineField("name", ValueType.STRING),
            new OnlineField("rating", ValueType.INT32), new OnlineField("photo", ValueType.BYTES), new OnlineField("joined", ValueType.UNIX_TIMESTAMP),
            new OnlineField("active", ValueType.BOOL), new OnlineField("tags", ValueType.STRING_LIST), new OnlineField("scores", ValueType.FLOAT32_LIST),
            new OnlineField("history", ValueType.INT64_LIST)));
    private static final OnlineSchema DRIVER_CITY = new OnlineSchema(List.of(new OnlineField("rides_in_city", ValueType.INT64)));

    @Inject
    MeterRegistry meters;
    @Inject
    GrpcServer grpcServer;
    @Inject
    TestingThreadRecorder threads;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private ManagedChannel channel;

    @Override
    Map<String, String> moreProperties() {
        return Map.of(
                "micronaut.server.host", "127.0.0.1",
                "featurestore.serving.grpc.port", "0",
                "featurestore.serving.grpc.max-inbound-message-size", String.valueOf(MAX_MESSAGE_BYTES),
                "featurestore.test.access-table", "true",
                "featurestore.test.grpc-threads", "true");
    }

    @BeforeAll
    void writeRecordsAndConnect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port()).usePlaintext().build();
        registry.put(project, """
                {"entities": [
                   {"name": "driver", "join_keys": [{"name": "driver_id", "value_type": "INT64"}]},
                   {"name": "city", "join_keys": [{"name": "city", "value_type": "STRING"}]}],
                 "data_sources": [
                   {"name": "driver_src", "type": "parquet", "path": "s3://bucket/driver/", "timestamp_field": "event_timestamp"},
                   {"name": "ride_request", "type": "request", "schema": [{"name": "distance_km", "dtype": "FLOAT64"}]}],
                 "feature_views": [
                   {"name": "driver_hourly", "entities": ["driver"], "source": "driver_src", "ttl": "2h",
                    "schema": [{"name": "conv_rate", "dtype": "FLOAT64"}, {"name": "acc_rate", "dtype": "FLOAT32"}, {"name": "trips", "dtype": "INT64"}]},
                   {"name": "driver_profile", "entities": ["driver"], "source": "driver_src", "ttl": "0",
                    "schema": [{"name": "name", "dtype": "STRING"}, {"name": "rating", "dtype": "INT32"}, {"name": "photo", "dtype": "BYTES"},
                               {"name": "joined", "dtype": "UNIX_TIMESTAMP"}, {"name": "active", "dtype": "BOOL"}, {"name": "tags", "dtype": "STRING_LIST"},
                               {"name": "scores", "dtype": "FLOAT32_LIST"}, {"name": "history", "dtype": "INT64_LIST"}]},
                   {"name": "driver_city", "entities": ["driver", "city"], "source": "driver_src", "ttl": "0",
                    "schema": [{"name": "rides_in_city", "dtype": "INT64"}]}],
                 "on_demand_feature_views": [
                   {"name": "ride_quote", "sources": ["driver_hourly", "ride_request"], "schema": [{"name": "quote", "dtype": "FLOAT64"}],
                    "expressions": {"quote": "ride_request.distance_km * 1.5 + driver_hourly.conv_rate"}}],
                 "feature_services": [
                   {"name": "dispatch_v1", "features": [{"feature_view": "driver_hourly", "features": ["trips", "conv_rate"]}, {"feature_view": "ride_quote"}]}]}
                """);
        List<RecordWrite> writes = new ArrayList<>();
        // 1001: fresh; 1002: 3 hours old (ttl 2h); 1003: fresh with a null trips; 1004: nothing
        writes.add(driverHourly(1001, now.minusSeconds(60), 0.5, 0.75f, 12L));
        writes.add(driverHourly(1002, now.minus(Duration.ofHours(3)), 0.25, 0.25f, 3L));
        writes.add(driverHourly(1003, now.minusSeconds(5), 0.125, 0.5f, null));
        writes.add(new RecordWrite(OnlineKeys.recordKey(project, "driver_profile", List.of(DRIVER), List.of(1001L)), DRIVER_PROFILE,
                new OnlineRecord(now.minusSeconds(30), null, List.of("Ada", 5, new byte[] {1, 2, 3}, Instant.parse("2024-02-03T04:05:06Z"), true,
                        List.of("airport", "night"), List.of(0.5f, 0.25f), List.of())), null));
        writes.add(new RecordWrite(OnlineKeys.recordKey(project, "driver_profile", List.of(DRIVER), List.of(1003L)), DRIVER_PROFILE,
                new OnlineRecord(now.minusSeconds(40), null, Arrays.asList(null, null, null, null, false, Arrays.asList("a", null), null, List.of(7L, 8L))), null));
        writes.add(new RecordWrite(OnlineKeys.recordKey(project, "driver_city", List.of(DRIVER, CITY), List.of(1001L, "Oslo")), DRIVER_CITY,
                new OnlineRecord(now.minusSeconds(30), null, List.of(7L)), null));
        assertThat(store.write(writes).join().written()).isEqualTo(writes.size());
    }

    @AfterAll
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void answersAsHttpDoesWithEveryStatusAndTtlEnforcedAtReadTime() {
        GetOnlineFeaturesResponse response = stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate", "driver_hourly:trips", "driver_hourly:acc_rate"),
                Map.of("driver_id", int64s(1001, 1002, 1003, 1004))));

        assertSameAsHttp(response, """
                {"features": ["driver_hourly:conv_rate", "driver_hourly:trips", "driver_hourly:acc_rate"], "entities": {"driver_id": [1001, 1002, 1003, 1004]}}""");
        assertThat(response.getMetadata().getFeatureNames().getValList()).containsExactly("driver_id", "conv_rate", "trips", "acc_rate");
        assertThat(response.getResults(1).getStatusesList())
                .containsExactly(FieldStatus.PRESENT, FieldStatus.OUTSIDE_MAX_AGE, FieldStatus.PRESENT, FieldStatus.NOT_FOUND);
        assertThat(response.getResults(2).getStatusesList())
                .containsExactly(FieldStatus.PRESENT, FieldStatus.OUTSIDE_MAX_AGE, FieldStatus.NULL_VALUE, FieldStatus.NOT_FOUND);
        // typed per the feature's dtype; absent values are a Value with nothing set
        assertThat(response.getResults(0).getValues(0).getInt64Val()).isEqualTo(1001L);
        assertThat(response.getResults(1).getValues(0).getDoubleVal()).isEqualTo(0.5);
        assertThat(response.getResults(1).getValues(1).getValCase()).isEqualTo(Value.ValCase.VAL_NOT_SET);
        assertThat(response.getResults(2).getValues(0).getInt64Val()).isEqualTo(12L);
        assertThat(response.getResults(3).getValues(0).getFloatVal()).isEqualTo(0.75f);
        assertThat(response.getResults(1).getEventTimestamps(0).getSeconds()).isEqualTo(now.minusSeconds(60).getEpochSecond());
        assertThat(response.getResults(1).getEventTimestamps(0).getNanos()).isEqualTo(now.getNano());
        assertThat(response.getResults(1).getEventTimestamps(3).getSeconds()).isZero();
    }

    @Test
    void everyFeatureTypeAnswersItsFeastValue() {
        GetOnlineFeaturesResponse response = stub().getOnlineFeatures(request(List.of("driver_profile:name", "driver_profile:rating", "driver_profile:photo",
                "driver_profile:joined", "driver_profile:active", "driver_profile:tags", "driver_profile:scores", "driver_profile:history"),
                Map.of("driver_id", int64s(1001, 1003))));

        assertSameAsHttp(response, """
                {"features": ["driver_profile:name", "driver_profile:rating", "driver_profile:photo", "driver_profile:joined", "driver_profile:active",
                              "driver_profile:tags", "driver_profile:scores", "driver_profile:history"], "entities": {"driver_id": [1001, 1003]}}""");
        List<Value> first = response.getResultsList().stream().skip(1).map(vector -> vector.getValues(0)).toList();
        assertThat(first.get(0).getStringVal()).isEqualTo("Ada");
        assertThat(first.get(1).getInt32Val()).isEqualTo(5);
        assertThat(first.get(2).getBytesVal()).isEqualTo(ByteString.copyFrom(new byte[] {1, 2, 3}));
        assertThat(first.get(3).getUnixTimestampVal()).isEqualTo(Instant.parse("2024-02-03T04:05:06Z").getEpochSecond());
        assertThat(first.get(4).getBoolVal()).isTrue();
        assertThat(first.get(5).getStringListVal().getValList()).containsExactly("airport", "night");
        assertThat(first.get(6).getFloatListVal().getValList()).containsExactly(0.5f, 0.25f);
        // an empty list keeps its type (looked up in the registry: the value alone does not tell it)
        assertThat(first.get(7).getValCase()).isEqualTo(Value.ValCase.INT64_LIST_VAL);
        List<Value> second = response.getResultsList().stream().skip(1).map(vector -> vector.getValues(1)).toList();
        assertThat(second.get(4).getBoolVal()).isFalse();
        assertThat(second.get(4).getValCase()).isEqualTo(Value.ValCase.BOOL_VAL);
        // a list with a null element, which Feast's typed lists cannot hold
        assertThat(second.get(5).getListVal().getValList()).extracting(Value::getValCase).containsExactly(Value.ValCase.STRING_VAL, Value.ValCase.VAL_NOT_SET);
        assertThat(second.get(7).getInt64ListVal().getValList()).containsExactly(7L, 8L);
    }

    @Test
    void compositeKeysFullFeatureNamesOnDemandFeaturesAndFeatureServices() {
        Map<String, RepeatedValue> keys = new LinkedHashMap<>();
        keys.put("city", strings("Oslo", "Lima"));
        keys.put("driver_id", int64s(1001, 1001));
        GetOnlineFeaturesResponse composite = stub().getOnlineFeatures(request(List.of("driver_city:rides_in_city", "driver_hourly:trips"), keys).toBuilder()
                .setFullFeatureNames(true).build());
        GetOnlineFeaturesResponse onDemand = stub().getOnlineFeatures(request(List.of("ride_quote:quote"), Map.of("driver_id", int64s(1001, 1004))).toBuilder()
                .putRequestContext("distance_km", doubles(10.0, 2.0)).build());
        GetOnlineFeaturesResponse service = stub().getOnlineFeatures(GetOnlineFeaturesRequest.newBuilder().setFeatureService("dispatch_v1")
                .putEntities("driver_id", int64s(1001, 1004)).putEntities("distance_km", doubles(10.0, 2.0)).build());

        assertSameAsHttp(composite, """
                {"features": ["driver_city:rides_in_city", "driver_hourly:trips"], "full_feature_names": true,
                 "entities": {"city": ["Oslo", "Lima"], "driver_id": [1001, 1001]}}""");
        assertThat(composite.getMetadata().getFeatureNames().getValList()).containsExactly("city", "driver_id", "driver_city__rides_in_city", "driver_hourly__trips");
        assertSameAsHttp(onDemand, """
                {"features": ["ride_quote:quote"], "entities": {"driver_id": [1001, 1004]}, "request_context": {"distance_km": [10.0, 2.0]}}""");
        assertThat(onDemand.getResults(1).getValues(0).getDoubleVal()).isEqualTo(15.5);
        assertThat(onDemand.getResults(1).getStatusesList()).containsExactly(FieldStatus.PRESENT, FieldStatus.NULL_VALUE);
        assertSameAsHttp(service, """
                {"feature_service": "dispatch_v1", "entities": {"driver_id": [1001, 1004], "distance_km": [10.0, 2.0]}}""");
        assertThat(service.getMetadata().getFeatureNames().getValList()).containsExactly("driver_id", "trips", "conv_rate", "quote");
    }

    @Test
    void aCallIsReadAnsweredFromRedisAndWrittenByOneEventLoopOfTheHttpServer() {
        GetOnlineFeaturesRequest request = request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(1001, 1002)));
        for (int call = 0; call < 5; call++) {
            assertThat(stub().getOnlineFeatures(request).getResults(1).getValues(0).getDoubleVal()).isEqualTo(0.5);

            List<TestingThreadRecorder.Step> steps = threads.lastCall();
            assertThat(steps).extracting(TestingThreadRecorder.Step::what).containsExactly("call", "message", "answer", "close");
            assertThat(steps).allSatisfy(step -> assertThat(step.onHttpEventLoop()).as(step.toString()).isTrue());
            assertThat(steps).extracting(TestingThreadRecorder.Step::thread).containsOnly(steps.get(0).thread());
        }
    }

    @Test
    void theProjectComesFromMetadataElseTheDefault() {
        GetOnlineFeaturesRequest request = request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(1001)));

        assertStatus(() -> ServingServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                metadata(TestCredentials.ADMIN_KEY, null))).getOnlineFeatures(request), Status.Code.NOT_FOUND, "'default'");
        assertStatus(() -> stub("no_such_project").getOnlineFeatures(request), Status.Code.NOT_FOUND, "no_such_project");
        assertStatus(() -> stub("Bad-Name").getOnlineFeatures(request), Status.Code.INVALID_ARGUMENT, "x-feature-project");
        assertThat(stub().getOnlineFeatures(request).getResults(1).getValues(0).getDoubleVal()).isEqualTo(0.5);
    }

    @Test
    void unknownNamesAreNotFoundNamingEachOne() {
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate", "driver_hourly:nope", "no_view:x"),
                Map.of("driver_id", int64s(1)))), Status.Code.NOT_FOUND, "features[1]", "'driver_hourly:nope'", "features[2]", "'no_view'");
        assertStatus(() -> stub().getOnlineFeatures(GetOnlineFeaturesRequest.newBuilder().setFeatureService("no_service")
                .putEntities("driver_id", int64s(1)).build()), Status.Code.NOT_FOUND, "feature_service", "no_service");
    }

    @Test
    void badInputIsInvalidArgumentNamingTheField() {
        assertInvalid(Map.of("driver_id", strings("1001")), "entities.driver_id[0]", "not of type INT64");
        assertInvalid(Map.of("driver_id", RepeatedValue.newBuilder().addVal(Value.newBuilder().setInt64Val(1))
                .addVal(Value.getDefaultInstance()).build()), "entities.driver_id[1]", "null");
        assertInvalid(Map.of("driver_id", RepeatedValue.newBuilder().addVal(Value.newBuilder().setMapVal(ValueProto.Map.getDefaultInstance())).build()),
                "entities.driver_id[0]", "map_val");
        assertInvalid(Map.of("driver_id", int64s(1), "other", int64s(1)), "entities.other");
        assertInvalid(Map.of(), "entities");
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("driver_city:rides_in_city"), Map.of("driver_id", int64s(1)))),
                Status.Code.INVALID_ARGUMENT, "entities.city");
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("ride_quote:quote"), Map.of("driver_id", int64s(1)))),
                Status.Code.INVALID_ARGUMENT, "request_context.distance_km");
        assertStatus(() -> stub().getOnlineFeatures(GetOnlineFeaturesRequest.newBuilder().putEntities("driver_id", int64s(1)).build()),
                Status.Code.INVALID_ARGUMENT, "features");

        StatusRuntimeException refusal = refusal(() -> stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", strings("x")))));
        com.google.rpc.Status details = StatusProto.fromThrowable(refusal);
        assertThat(details).isNotNull();
        assertThat(details.getDetailsList()).filteredOn(any -> any.is(ErrorInfo.class)).singleElement()
                .satisfies(any -> assertThat(unpack(any, ErrorInfo.class).getReason()).isEqualTo("INVALID_REQUEST"));
        assertThat(details.getDetailsList()).filteredOn(any -> any.is(BadRequest.class)).singleElement()
                .satisfies(any -> assertThat(unpack(any, BadRequest.class).getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField)
                        .containsExactly("entities.driver_id[0]"));
    }

    @Test
    void oversizedRequestsAreResourceExhausted() {
        List<Long> many = new ArrayList<>();
        for (long driver = 0; driver <= MAX_ENTITY_ROWS; driver++) {
            many.add(driver);
        }
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(many.stream().mapToLong(Long::longValue).toArray())))),
                Status.Code.RESOURCE_EXHAUSTED, "at most " + MAX_ENTITY_ROWS);
        String longName = "x".repeat(MAX_MESSAGE_BYTES);
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", strings(longName)))),
                Status.Code.RESOURCE_EXHAUSTED, "");
    }

    @Test
    void callersNeedAKeyAndTheRightToReadTheProject() {
        GetOnlineFeaturesRequest request = request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(1001)));
        assertStatus(() -> ServingServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(null, project)))
                .getOnlineFeatures(request), Status.Code.UNAUTHENTICATED, "authorization");
        assertStatus(() -> ServingServiceGrpc.newBlockingStub(channel).getFeastServingInfo(GetFeastServingInfoRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "authorization");
        String forged = "fsk_%012x_%s".formatted(0xacce55001L, "y".repeat(43));
        assertStatus(() -> stub(project, forged).getOnlineFeatures(request), Status.Code.UNAUTHENTICATED, "authorization");
        assertStatus(() -> stub(project, TestingAccessDirectory.KEYS.get("viewer_elsewhere")).getOnlineFeatures(request), Status.Code.PERMISSION_DENIED, "viewer");
        assertThat(stub(TestingAccessDirectory.PROJECT, TestingAccessDirectory.KEYS.get("viewer")).getFeastServingInfo(GetFeastServingInfoRequest.getDefaultInstance())
                .getVersion()).startsWith("featurestore serving-service");
    }

    @Test
    void everyCallIsTimedByMethodAndStatusRefusalsIncluded() {
        GetOnlineFeaturesRequest request = request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(1001)));
        double ok = calls("OK");
        double unauthenticated = calls("UNAUTHENTICATED");
        double notFound = calls("NOT_FOUND");

        stub().getOnlineFeatures(request);
        stub().getOnlineFeatures(request);
        assertStatus(() -> stub(project, "fsk_not_a_key").getOnlineFeatures(request), Status.Code.UNAUTHENTICATED, "authorization");
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("no_view:x"), Map.of("driver_id", int64s(1)))), Status.Code.NOT_FOUND, "no_view");

        assertThat(calls("OK") - ok).isEqualTo(2);
        assertThat(calls("UNAUTHENTICATED") - unauthenticated).isEqualTo(1);
        assertThat(calls("NOT_FOUND") - notFound).isEqualTo(1);
    }

    private double calls(String status) {
        Timer timer = meters.find("featurestore.grpc.server.calls").tag("method", "GetOnlineFeatures").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aDeadlineAlreadyPastIsDeadlineExceeded() {
        GetOnlineFeaturesRequest request = request(List.of("driver_hourly:conv_rate"), Map.of("driver_id", int64s(1001)));

        assertStatus(() -> stub().withDeadlineAfter(1, TimeUnit.NANOSECONDS).getOnlineFeatures(request), Status.Code.DEADLINE_EXCEEDED, "");
        assertThat(stub().withDeadlineAfter(10, TimeUnit.SECONDS).getOnlineFeatures(request).getResultsCount()).isEqualTo(2);
    }

    private void assertInvalid(Map<String, RepeatedValue> entities, String... named) {
        assertStatus(() -> stub().getOnlineFeatures(request(List.of("driver_hourly:conv_rate"), entities)), Status.Code.INVALID_ARGUMENT, named);
    }

    private static void assertStatus(Runnable call, Status.Code code, String... named) {
        StatusRuntimeException refusal = refusal(call);
        assertThat(refusal.getStatus().getCode()).as(String.valueOf(refusal.getStatus())).isEqualTo(code);
        assertThat(String.valueOf(refusal.getStatus().getDescription())).contains(named);
    }

    private static StatusRuntimeException refusal(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) thrown;
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** The same request over HTTP: the same names, and per column the same values, statuses and event timestamps. */
    @SuppressWarnings("unchecked")
    private void assertSameAsHttp(GetOnlineFeaturesResponse grpc, String httpBody) {
        RawHttp.Answer http = post("/get-online-features", httpBody);
        assertThat(http.status()).as(http.body()).isEqualTo(200);
        assertThat(grpc.getMetadata().getFeatureNames().getValList()).isEqualTo(http.at("metadata.feature_names"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) http.json().get("results");
        assertThat(grpc.getResultsCount()).isEqualTo(results.size());
        for (int column = 0; column < results.size(); column++) {
            GetOnlineFeaturesResponse.FeatureVector vector = grpc.getResults(column);
            Map<String, Object> expected = results.get(column);
            assertThat(vector.getValuesList().stream().map(GrpcServingIT::comparable).toList()).as("values of column %d", column)
                    .isEqualTo(((List<Object>) expected.get("values")).stream().map(GrpcServingIT::comparableJson).toList());
            assertThat(vector.getStatusesList().stream().map(Enum::name).toList()).as("statuses of column %d", column).isEqualTo(expected.get("statuses"));
            assertThat(vector.getEventTimestampsList().stream().map(timestamp -> Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos())).toList())
                    .as("event timestamps of column %d", column)
                    .isEqualTo(((List<String>) expected.get("event_timestamps")).stream().map(Instant::parse).toList());
        }
    }

    /** A gRPC value in a form comparable with its JSON one: numbers as BigDecimal, bytes as base64, timestamps as epoch seconds. */
    private static Object comparable(Value value) {
        return switch (value.getValCase()) {
            case VAL_NOT_SET -> null;
            case INT32_VAL -> BigDecimal.valueOf(value.getInt32Val());
            case INT64_VAL -> BigDecimal.valueOf(value.getInt64Val());
            case FLOAT_VAL -> new BigDecimal(Float.toString(value.getFloatVal())).stripTrailingZeros();
            case DOUBLE_VAL -> BigDecimal.valueOf(value.getDoubleVal()).stripTrailingZeros();
            case STRING_VAL -> value.getStringVal();
            case BOOL_VAL -> value.getBoolVal();
            case BYTES_VAL -> Base64.getEncoder().encodeToString(value.getBytesVal().toByteArray());
            case UNIX_TIMESTAMP_VAL -> BigDecimal.valueOf(value.getUnixTimestampVal());
            case STRING_LIST_VAL -> List.copyOf(value.getStringListVal().getValList());
            case FLOAT_LIST_VAL -> value.getFloatListVal().getValList().stream().map(number -> (Object) new BigDecimal(Float.toString(number)).stripTrailingZeros()).toList();
            case INT64_LIST_VAL -> value.getInt64ListVal().getValList().stream().map(number -> (Object) BigDecimal.valueOf(number)).toList();
            case LIST_VAL -> value.getListVal().getValList().stream().map(GrpcServingIT::comparable).toList();
            default -> throw new AssertionError("unexpected value kind " + value.getValCase());
        };
    }

    private static Object comparableJson(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof String text && text.matches("\\d{4}-\\d\\d-\\d\\dT.*Z")) {
            return BigDecimal.valueOf(Instant.parse(text).getEpochSecond());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(GrpcServingIT::comparableJson).toList();
        }
        return value;
    }

    private ServingServiceGrpc.ServingServiceBlockingStub stub() {
        return stub(project);
    }

    private ServingServiceGrpc.ServingServiceBlockingStub stub(String projectMetadata) {
        return stub(projectMetadata, TestCredentials.ADMIN_KEY);
    }

    private ServingServiceGrpc.ServingServiceBlockingStub stub(String projectMetadata, String key) {
        return ServingServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata(key, projectMetadata)));
    }

    private static Metadata metadata(String key, String projectMetadata) {
        Metadata metadata = new Metadata();
        if (key != null) {
            metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
        }
        if (projectMetadata != null) {
            metadata.put(Metadata.Key.of("x-feature-project", Metadata.ASCII_STRING_MARSHALLER), projectMetadata);
        }
        return metadata;
    }

    private static GetOnlineFeaturesRequest request(List<String> features, Map<String, RepeatedValue> entities) {
        return GetOnlineFeaturesRequest.newBuilder().setFeatures(FeatureList.newBuilder().addAllVal(features)).putAllEntities(entities).build();
    }

    private static RepeatedValue int64s(long... values) {
        return repeated(values.length, index -> Value.newBuilder().setInt64Val(values[index]).build());
    }

    private static RepeatedValue doubles(double... values) {
        return repeated(values.length, index -> Value.newBuilder().setDoubleVal(values[index]).build());
    }

    private static RepeatedValue strings(String... values) {
        return repeated(values.length, index -> Value.newBuilder().setStringVal(values[index]).build());
    }

    private static RepeatedValue repeated(int count, java.util.function.IntFunction<Value> value) {
        RepeatedValue.Builder repeated = RepeatedValue.newBuilder();
        for (int index = 0; index < count; index++) {
            repeated.addVal(value.apply(index));
        }
        return repeated.build();
    }

    private RecordWrite driverHourly(long driver, Instant event, double conv, float acc, Long trips) {
        return new RecordWrite(OnlineKeys.recordKey(project, "driver_hourly", List.of(DRIVER), List.of(driver)), DRIVER_HOURLY,
                new OnlineRecord(event, null, Arrays.asList(conv, acc, trips)), null);
    }
}
