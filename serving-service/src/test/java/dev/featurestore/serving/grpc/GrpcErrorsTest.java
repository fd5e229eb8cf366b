package dev.featurestore.serving.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import dev.featurestore.runtime.error.CommonErrorCode;
import dev.featurestore.runtime.error.FeatureStoreException;
import dev.featurestore.runtime.error.FieldError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
    @Test
    void everyErrorCodeHasAStatusOtherThanUnknown() {
        for (CommonErrorCode code : CommonErrorCode.values()) {
            StatusRuntimeException status = GrpcErrors.toStatus("Test", new FeatureStoreException(code, "detail"));
            assertThat(status.getStatus().getCode()).as(code.name()).isNotEqualTo(Status.Code.UNKNOWN).isNotEqualTo(Status.Code.OK);
        }
        assertThat(code(CommonErrorCode.VALIDATION_FAILED)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(code(CommonErrorCode.UNAUTHORIZED)).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(code(CommonErrorCode.FORBIDDEN)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(code(CommonErrorCode.NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(code(CommonErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(code(CommonErrorCode.SERVICE_UNAVAILABLE)).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(code(CommonErrorCode.CONFLICT)).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void aFailureOfNoKnownKindIsInternalAndAWrappedOneIsUnwrapped() {
        assertThat(GrpcErrors.toStatus("Test", new IllegalStateException("boom")).getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(GrpcErrors.toStatus("Test", new IllegalStateException("boom")).getStatus().getDescription()).doesNotContain("boom");
        assertThat(GrpcErrors.toStatus("Test", new CompletionException(new FeatureStoreException(CommonErrorCode.NOT_FOUND, "gone"))).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(GrpcErrors.toStatus("Test", Status.UNKNOWN.asRuntimeException()).getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
    }

    @Test
    void theDescriptionNamesTheFieldsAndEverythingStaysWithinWhatAClientTakes() {
        List<FieldError> errors = new ArrayList<>();
        for (int row = 0; row < 500; row++) {
            errors.add(new FieldError("entities.driver_id[%d]".formatted(row), "'%s' is not of type INT64".formatted("x".repeat(1000))));
        }
        StatusRuntimeException status = GrpcErrors.toStatus("Test", new FeatureStoreException(CommonErrorCode.INVALID_REQUEST, "Invalid entity rows", errors));

        assertThat(status.getStatus().getDescription()).startsWith("Invalid entity rows (entities.driver_id[0]: ").hasSizeLessThanOrEqualTo(1003);
        BadRequest badRequest = StatusProto.fromThrowable(status).getDetailsList().stream().filter(any -> any.is(BadRequest.class))
                .map(any -> unpack(any)).findFirst().orElseThrow();
        assertThat(badRequest.getFieldViolationsCount()).isEqualTo(10);
        assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("entities.driver_id[0]");
        Metadata trailers = status.getTrailers();
        int bytes = 0;
        for (String key : trailers.keys()) {
            bytes += key.length() + (key.endsWith("-bin") ? trailers.get(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER)).length * 4 / 3
                    : trailers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).length());
        }
        assertThat(bytes + status.getStatus().getDescription().length() * 3).isLessThan(8 * 1024);
    }

    @Test
    void unavailableCarriesTheWaitAsRetryInfo() throws Exception {
        StatusRuntimeException status = GrpcErrors.toStatus("Test", FeatureStoreException.unavailable("circuit open", Duration.ofMillis(2500), null));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        RetryInfo retry = StatusProto.fromThrowable(status).getDetailsList().stream().filter(any -> any.is(RetryInfo.class))
                .findFirst().orElseThrow().unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(2);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
    }

    private static Status.Code code(CommonErrorCode code) {
        return GrpcErrors.toStatus("Test", new FeatureStoreException(code, "detail")).getStatus().getCode();
    }

    private static BadRequest unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(BadRequest.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
