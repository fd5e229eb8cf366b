package dev.featurestore.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.registry.domain.DefinitionObject;
import dev.featurestore.registry.domain.Lineage;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Body of {@code GET /v1/projects/{project}/lineage/{kind}/{name}}: one entry per edge.
 * An upstream entry is an object read (as its {@code edge}) by {@code read_by}; a downstream
 * entry is an object that reads {@code reads} (as its {@code edge}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineageResponse(String project, ObjectReference object, List<Upstream> upstream, List<Downstream> downstream) {

    static LineageResponse of(String project, Lineage.Result lineage) {
        return new LineageResponse(project, ObjectReference.of(lineage.object()),
                lineage.upstream().stream().map(step -> new Upstream(step.object().kind(), step.object().name(), step.edge(),
                        ObjectReference.of(step.neighbour()), step.depth())).toList(),
                lineage.downstream().stream().map(step -> new Downstream(step.object().kind(), step.object().name(), step.edge(),
                        ObjectReference.of(step.neighbour()), step.depth())).toList());
    }

    @Serdeable
    public record ObjectReference(ObjectKind kind, String name) {
        static ObjectReference of(DefinitionObject object) {
            return new ObjectReference(object.kind(), object.name());
        }
    }

    @Serdeable
    public record Upstream(ObjectKind kind, String name, String edge, @JsonProperty("read_by") ObjectReference readBy, int depth) {
    }

    @Serdeable
    public record Downstream(ObjectKind kind, String name, String edge, ObjectReference reads, int depth) {
    }
}
