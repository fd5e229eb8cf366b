package dev.featurestore.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.Json;
import java.io.IOException;

/** A service's answer: its status and body. */
public record ServiceResponse(String service, int status, String body) {
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON (an answer that is not is an error naming the service). */
    public JsonNode json() {
        try {
            JsonNode node = body.isBlank() ? null : Json.MAPPER.readTree(body);
            if (node == null) {
                throw new CliException("%s answered HTTP %d with an empty body where JSON was expected".formatted(service, status));
            }
            return node;
        }
        catch (IOException e) {
            throw new CliException("%s answered HTTP %d with something else than JSON: %s".formatted(service, status, Json.firstLine(body)), e);
        }
    }

    public Problem problem() {
        return Problem.parse(status, body);
    }

    /** This answer if it is a success, else its problem as an error. */
    public ServiceResponse requireSuccess() {
        if (!isSuccess()) {
            throw new ServiceException(service, problem());
        }
        return this;
    }
}
