package dev.featurestore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories under the system's {@code /tmp}, outside the checkout: the tests' {@code java.io.tmpdir} is
 * the module's {@code target/}, and the command line looks for {@code .devstack/endpoints.json} in every folder above
 * its working directory, so a dev stack started from the checkout would change what these tests see.
 */
public final class OutsideCheckoutTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "featurestore-cli-test-");
    }
}
