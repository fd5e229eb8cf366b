package dev.featurestore.serving.config;

import dev.featurestore.runtime.config.ConfigurationChecks;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;

/**
 * {@code featurestore.serving.grpc.*}: Feast's gRPC {@code ServingService}, checked at start-up.
 *
 * @param enabled whether the gRPC server runs
 * @param port its port (Feast's 6566); {@code 0} or {@code -1}: a free port chosen at start (tests)
 * @param maxInboundMessageSize the largest request message; a larger one is refused with RESOURCE_EXHAUSTED before it
 *     is parsed
 * @param maxInboundMetadataSize the most metadata (headers) one call may send; more is refused
 */
@Context
@ConfigurationProperties("featurestore.serving.grpc")
public record GrpcProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "6566") int port,
        @Bindable(defaultValue = "4MB") @ReadableBytes int maxInboundMessageSize,
        @Bindable(defaultValue = "8KB") @ReadableBytes int maxInboundMetadataSize) {
    public GrpcProperties {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("featurestore.serving.grpc.port must be a port (0 or -1: any free one): " + port);
        }
        ConfigurationChecks.requirePositive(maxInboundMessageSize, "featurestore.serving.grpc.max-inbound-message-size");
        ConfigurationChecks.requirePositive(maxInboundMetadataSize, "featurestore.serving.grpc.max-inbound-metadata-size");
    }

    /** The port to bind: a free one chosen by the system for {@code 0} and {@code -1}. */
    public int bindPort() {
        return Math.max(port, 0);
    }
}
