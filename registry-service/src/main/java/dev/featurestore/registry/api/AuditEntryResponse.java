package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.events.ChangeAction;
import dev.featurestore.registry.domain.AuditEntry;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** One entry of the audit log. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntryResponse(
        long id,
        ObjectKind kind,
        String name,
        int version,
        ChangeAction action,
        List<String> diffs,
        String actor,
        @JsonProperty("registry_version") long registryVersion,
        Instant at) {

    static AuditEntryResponse of(AuditEntry entry) {
        return new AuditEntryResponse(entry.id(), entry.kind(), entry.name(), entry.version(), entry.action(), entry.diffs(),
                entry.actor(), entry.registryVersion(), entry.at());
    }
}
