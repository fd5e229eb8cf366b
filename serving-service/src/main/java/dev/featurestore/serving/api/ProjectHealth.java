package dev.featurestore.serving.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /projects/{project}/health}: the project's definitions can be read.
 *
 * @param status {@code UP}
 * @param project the project
 */
@Serdeable
public record ProjectHealth(String status, String project) {
}
