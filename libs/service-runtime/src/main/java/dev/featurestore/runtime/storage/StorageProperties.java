package dev.featurestore.runtime.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * {@code featurestore.storage.*}: where the services may read and write offline data (the checks live in
 * offline-store's {@code StorageRoots}; each service that touches storage builds them from these settings).
 *
 * @param allowedRoots storage roots ({@code s3://bucket/prefix/}); none means the configured bucket
 *        ({@code s3://<featurestore.s3.bucket>/}); comma-separated in {@code FEATURESTORE_STORAGE_ALLOWED_ROOTS}
 * @param allowLocalFiles whether {@code file://} roots may be listed: for development only
 */
@Context
@ConfigurationProperties("featurestore.storage")
public record StorageProperties(
        @Nullable List<String> allowedRoots,
        @Bindable(defaultValue = "false") boolean allowLocalFiles) {

    public StorageProperties {
        allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
    }
}
