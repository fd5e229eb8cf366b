package dev.featurestore.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.featurestore.runtime.testing.RawHttp;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spans and metrics of {@code /get-online-features}: the request's server span with the online store call as
 * its child, and the per-feature status counters and request sizes on {@code /prometheus}.
 */
class ObservabilityIT extends ServingApiTest {
    static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    @Override
    Map<String, String> moreProperties() {
        return Map.of("spec.name", "ObservabilityIT");
    }

    @BeforeAll
    void define() {
        defineDriverHourly("1h");
        writeDriverHourly(1, Instant.now(), 0.5);
        writeDriverHourly(2, Instant.now().minusSeconds(7200), 0.5);
    }

    @Test
    void theOnlineStoreCallIsAChildSpanOfTheRequestAndStatusesAreCountedPerFeature() {
        SPANS.clear();
        RawHttp.Answer answer = post("/get-online-features", """
                {"features": ["driver_hourly:conv_rate"], "entities": {"driver_id": [1, 2, 3]}}""");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
        SpanData read = SPANS.stream().filter(span -> span.getName().equals("online-store read")).findFirst().orElseThrow();
        SpanData request = SPANS.stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(read.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(read.getAttributes().get(AttributeKey.longKey("featurestore.online_store.records"))).isEqualTo(3L);
        assertThat(read.getAttributes().get(AttributeKey.stringKey("db.system"))).isEqualTo("redis");
        assertThat(read.getTraceId()).isEqualTo(request.getTraceId());
        assertThat(read.getParentSpanId()).isEqualTo(request.getSpanId());

        String metrics = http.get("/prometheus").body();
        assertThat(counter(metrics, "PRESENT")).isEqualTo(1.0);
        assertThat(counter(metrics, "OUTSIDE_MAX_AGE")).isEqualTo(1.0);
        assertThat(counter(metrics, "NOT_FOUND")).isEqualTo(1.0);
        assertThat(metrics).contains("featurestore_serving_request_entity_rows_count{endpoint=\"get-online-features\"")
                .contains("featurestore_serving_online_store_seconds_count{operation=\"read\",outcome=\"success\"");
    }

    private double counter(String metrics, String status) {
        Pattern line = Pattern.compile("featurestore_serving_feature_values_total\\{feature=\"conv_rate\",feature_view=\"driver_hourly\",project=\"%s\",status=\"%s\",?\\} ([0-9.E]+)"
                .formatted(project, status));
        Matcher matcher = line.matcher(metrics);
        assertThat(matcher.find()).as("%s counter in %s", status, metrics.lines().filter(text -> text.contains("feature_values")).toList()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    /** The service's OpenTelemetry, with every finished span kept in {@link #SPANS}. */
    @Factory
    @Requires(property = "spec.name", value = "ObservabilityIT")
    static class InMemoryTracing {
        @Singleton
        @Replaces(OpenTelemetry.class)
        OpenTelemetry openTelemetry() {
            SpanExporter exporter = new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    SPANS.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }
    }
}
