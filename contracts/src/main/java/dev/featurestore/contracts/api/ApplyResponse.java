package dev.featurestore.contracts.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Answer of {@code POST /v1/projects/{project}/apply} (registry-service).
 *
 * @param registryVersion the project's {@code registry_version} after the apply; for a dry run,
 *                        the current one (0 when the project does not exist yet)
 * @param dryRun whether nothing was written
 * @param changes one entry per object of the document, then the deletes of a prune
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApplyResponse(
        @JsonProperty("registry_version") long registryVersion,
        @JsonProperty("dry_run") boolean dryRun,
        List<ObjectChange> changes) {
    public ApplyResponse {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
    }
}
