package dev.featurestore.testkit;

import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers; the only Docker class embedded mode may load. */
final class DockerProbe {
    private static Boolean available;

    private DockerProbe() {
    }

    static synchronized boolean isDockerAvailable() {
        if (available == null) {
            boolean answer;
            try {
                answer = DockerClientFactory.instance().isDockerAvailable();
            } catch (LinkageError | RuntimeException e) {
                answer = false;
            }
            available = answer;
        }
        return available;
    }
}
