package dev.featurestore.contracts.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * The training-serving skew check after a materialization run: sampled entities' online values against their
 * point-in-time values from historical-service at the run's end.
 *
 * @param state {@code passed} (no mismatch), {@code failed} (mismatches found) or {@code skipped} (see reason)
 * @param sampled entities compared
 * @param mismatches features that differed
 * @param examples some of the mismatches
 * @param reason why the check was skipped, or what kept it from comparing
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkewCheck(String state, int sampled, int mismatches, List<Mismatch> examples, @Nullable String reason) {
    public SkewCheck {
        requireNonNull(state, "state is null");
        examples = List.copyOf(requireNonNull(examples, "examples is null"));
    }

    /**
     * One feature of one entity that differs.
     *
     * @param entity the join keys and their values
     * @param feature the feature
     * @param online the value the online store serves, null when absent
     * @param offline the point-in-time value, null when absent
     */
    @Serdeable
    public record Mismatch(Map<String, Object> entity, String feature, @Nullable Object online, @Nullable Object offline) {
        public Mismatch {
            entity = Map.copyOf(requireNonNull(entity, "entity is null"));
            requireNonNull(feature, "feature is null");
        }
    }
}
