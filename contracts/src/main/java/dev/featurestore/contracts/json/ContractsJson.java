package dev.featurestore.contracts.json;

import io.micronaut.serde.ObjectMapper;

import java.util.Map;

/**
 * The JSON mapper for contract types when no application context is at hand (tests, CLI, static
 * entry points such as {@code DefinitionDocuments.parse}).
 *
 * <p>Services should use the {@link ObjectMapper} bean of their own context and set the same
 * {@link #CONFIGURATION} in {@code application.yml}: timestamps are written as RFC 3339 UTC
 * strings (Micronaut Serde's default) and numbers read as timestamps are epoch milliseconds.
 */
public final class ContractsJson {
    /**
     * Serde configuration every component of the suite uses: numeric timestamps are epoch
     * milliseconds (the Micronaut default would read them as epoch seconds).
     */
    public static final Map<String, Object> CONFIGURATION = Map.of("micronaut.serde.numeric-time-unit", "MILLISECONDS");

    private ContractsJson() {
    }

    /**
     * The shared mapper, created on first use.
     *
     * @return the mapper configured with {@link #CONFIGURATION}
     */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    private static final class Holder {
        private static final ObjectMapper MAPPER = ObjectMapper.create(CONFIGURATION);
    }
}
