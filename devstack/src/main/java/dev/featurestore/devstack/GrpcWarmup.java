package dev.featurestore.devstack;

import com.google.protobuf.ByteString;
import feast.proto.serving.ServingAPIProto.FeatureList;
import feast.proto.serving.ServingAPIProto.GetOnlineFeaturesRequest;
import feast.proto.serving.ServingServiceGrpc;
import feast.proto.types.ValueProto.BoolList;
import feast.proto.types.ValueProto.BytesList;
import feast.proto.types.ValueProto.DoubleList;
import feast.proto.types.ValueProto.FloatList;
import feast.proto.types.ValueProto.Int32List;
import feast.proto.types.ValueProto.Int64List;
import feast.proto.types.ValueProto.RepeatedValue;
import feast.proto.types.ValueProto.StringList;
import feast.proto.types.ValueProto.Value;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC part of the serving warm-up ({@link ServingWarmup}): the same requests as Feast's
 * {@code ServingService/GetOnlineFeatures} calls (a blocking stub generated from serving-service's copy of Feast's
 * protos), one at a time over one plaintext channel, with the admin key and the project as metadata.
 */
final class GrpcWarmup {
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> PROJECT = Metadata.Key.of("x-feature-project", Metadata.ASCII_STRING_MARSHALLER);

    private GrpcWarmup() {
    }

    /** What the calls did: how many were made, how many failed, the first failure (or null). */
    record Outcome(int sent, int failed, String firstError) {
    }

    /**
     * Makes {@code calls} calls to {@code target} ({@code host:port}), the i-th being {@code requests.get(i % size)}, until
     * all are made or {@code deadlineNanos} ({@link System#nanoTime()}) has passed. Never throws: failures are counted.
     */
    static Outcome call(String target, String project, String authorization, List<WarmupRequest> requests, int calls, long deadlineNanos) {
        List<GetOnlineFeaturesRequest> messages = requests.stream().map(GrpcWarmup::message).toList();
        Metadata metadata = new Metadata();
        metadata.put(AUTHORIZATION, authorization);
        metadata.put(PROJECT, project);
        ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
        int sent = 0;
        int failed = 0;
        String firstError = null;
        try {
            ServingServiceGrpc.ServingServiceBlockingStub stub = ServingServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
            for (int index = 0; index < calls && System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted(); index++) {
                try {
                    stub.withDeadlineAfter(5, TimeUnit.SECONDS).getOnlineFeatures(messages.get(index % messages.size()));
                }
                catch (StatusRuntimeException e) {
                    failed++;
                    firstError = firstError == null ? "gRPC " + e.getStatus().getCode() + " " + e.getStatus().getDescription() : firstError;
                }
                sent++;
            }
        }
        finally {
            channel.shutdownNow();
        }
        return new Outcome(sent, failed, firstError);
    }

    /** The request as Feast's protobuf message, each value typed as its column says. */
    static GetOnlineFeaturesRequest message(WarmupRequest request) {
        GetOnlineFeaturesRequest.Builder message = GetOnlineFeaturesRequest.newBuilder().setFullFeatureNames(request.fullFeatureNames());
        request.featureService().ifPresentOrElse(message::setFeatureService,
                () -> message.setFeatures(FeatureList.newBuilder().addAllVal(request.features())));
        request.entities().forEach(column -> message.putEntities(column.name(), repeated(column)));
        request.requestContext().forEach(column -> message.putRequestContext(column.name(), repeated(column)));
        return message.build();
    }

    private static RepeatedValue repeated(WarmupRequest.Column column) {
        RepeatedValue.Builder values = RepeatedValue.newBuilder();
        column.values().forEach(value -> values.addVal(value(column.type(), value)));
        return values.build();
    }

    @SuppressWarnings("unchecked")
    private static Value value(String type, Object value) {
        Value.Builder builder = Value.newBuilder();
        if (type.endsWith("_LIST")) {
            List<Object> values = (List<Object>) value;
            String element = type.substring(0, type.length() - "_LIST".length());
            return switch (element) {
                case "INT32" -> builder.setInt32ListVal(Int32List.newBuilder().addAllVal(values.stream().map(item -> ((Number) item).intValue()).toList())).build();
                case "INT64" -> builder.setInt64ListVal(Int64List.newBuilder().addAllVal(values.stream().map(item -> ((Number) item).longValue()).toList())).build();
                case "UNIX_TIMESTAMP" -> builder.setUnixTimestampListVal(Int64List.newBuilder()
                        .addAllVal(values.stream().map(item -> ((Number) item).longValue()).toList())).build();
                case "FLOAT32" -> builder.setFloatListVal(FloatList.newBuilder().addAllVal(values.stream().map(item -> ((Number) item).floatValue()).toList())).build();
                case "FLOAT64" -> builder.setDoubleListVal(DoubleList.newBuilder().addAllVal(values.stream().map(item -> ((Number) item).doubleValue()).toList())).build();
                case "BOOL" -> builder.setBoolListVal(BoolList.newBuilder().addAllVal(values.stream().map(item -> (Boolean) item).toList())).build();
                case "STRING" -> builder.setStringListVal(StringList.newBuilder().addAllVal(values.stream().map(String::valueOf).toList())).build();
                default -> builder.setBytesListVal(BytesList.newBuilder().addAllVal(values.stream().map(item -> bytes(item)).toList())).build();
            };
        }
        return switch (type) {
            case "INT32" -> builder.setInt32Val(((Number) value).intValue()).build();
            case "INT64" -> builder.setInt64Val(((Number) value).longValue()).build();
            case "UNIX_TIMESTAMP" -> builder.setUnixTimestampVal(((Number) value).longValue()).build();
            case "FLOAT32" -> builder.setFloatVal(((Number) value).floatValue()).build();
            case "FLOAT64" -> builder.setDoubleVal(((Number) value).doubleValue()).build();
            case "BOOL" -> builder.setBoolVal((Boolean) value).build();
            case "STRING" -> builder.setStringVal(String.valueOf(value)).build();
            default -> builder.setBytesVal(bytes(value)).build();
        };
    }

    /** Bytes travel as base64 in the JSON requests. */
    private static ByteString bytes(Object base64) {
        return ByteString.copyFrom(Base64.getDecoder().decode(String.valueOf(base64)));
    }
}
