package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code GET /v1/projects/{project}/audit}: entries newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditPageResponse(String project, List<AuditEntryResponse> entries, @JsonProperty("next_cursor") @Nullable String nextCursor) {
}
