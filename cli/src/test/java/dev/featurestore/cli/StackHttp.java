package dev.featurestore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Direct calls to the stack's services, to check what the command line did without going through it. */
public final class StackHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StackHttp() {
    }

    public static Answer get(TestDevStack stack, String service, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.serviceUrl(service) + path))
                .header("Authorization", "Bearer " + stack.adminKey()).timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
