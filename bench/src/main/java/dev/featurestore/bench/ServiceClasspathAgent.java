package dev.featurestore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A workaround, off by default: a Java agent that appends jars to a service's class path, for a service jar whose
 * manifest class path lacks one (a service started with {@code -jar} ignores {@code -cp}). {@link #jar} writes the
 * agent jar; {@code -javaagent:<it>=<jar>,<jar>} on the service's command line adds the jars before its main class
 * runs. Nothing else changes in the service's JVM.
 */
public final class ServiceClasspathAgent {
    private ServiceClasspathAgent() {
    }

    /** Appends each comma-separated jar of {@code jars} to the system class loader's search path. */
    public static void premain(String jars, Instrumentation instrumentation) throws IOException {
        for (String jar : jars.split(",")) {
            instrumentation.appendToSystemClassLoaderSearch(new JarFile(jar));
        }
    }

    /** Writes the agent jar (this class and its manifest) to {@code target}, and returns the JVM option that loads it with {@code jars}. */
    static String option(Path target, String jars) {
        String name = ServiceClasspathAgent.class.getName().replace('.', '/') + ".class";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ServiceClasspathAgent.class.getName());
        try (InputStream code = ServiceClasspathAgent.class.getClassLoader().getResourceAsStream(name);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), manifest)) {
            if (code == null) {
                throw new IllegalStateException("no class file " + name);
            }
            jar.putNextEntry(new JarEntry(name));
            code.transferTo(jar);
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent jar " + target, e);
        }
        return "-javaagent:%s=%s".formatted(target.toAbsolutePath(), jars);
    }
}
