package dev.featurestore.clients.python;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The virtual environment the SDK's tests run in: {@code target/python/venv}, created with the configured interpreter
 * ({@code featurestore.python}, default {@code python3}), the SDK installed into it from this folder with its test
 * extras, pip reading only the local wheels ({@code featurestore.pip.args}). Created once per build; the SDK itself is
 * installed again on every run so the tests see the sources as they are.
 */
final class PythonEnvironment {
    private static PythonEnvironment prepared;

    private final Path moduleDirectory;
    private final Path venv;

    private PythonEnvironment(Path moduleDirectory) {
        this.moduleDirectory = moduleDirectory;
        this.venv = moduleDirectory.resolve("target/python/venv");
    }

    /** The environment, created and with the SDK installed on the first call of the JVM. */
    static synchronized PythonEnvironment prepared() {
        if (prepared == null) {
            PythonEnvironment environment = new PythonEnvironment(Path.of("").toAbsolutePath());
            environment.prepare();
            prepared = environment;
        }
        return prepared;
    }

    Path python() {
        return venv.resolve("bin/python");
    }

    private void prepare() {
        if (!Files.isExecutable(python())) {
            String interpreter = System.getProperty("featurestore.python", "python3");
            run(List.of(interpreter, "-c", "import sys; assert sys.version_info >= (3, 9), sys.version"), Map.of(),
                    "the interpreter %s (featurestore.python) must be Python 3.9 or newer".formatted(interpreter));
            run(List.of(interpreter, "-m", "venv", venv.toString()), Map.of(), "creating " + venv);
        }
        List<String> install = new ArrayList<>(List.of(python().toString(), "-m", "pip", "install", "--disable-pip-version-check",
                "--no-input", "--quiet"));
        install.addAll(pipArguments());
        install.add(moduleDirectory + "[test]");
        run(install, pipEnvironment(), "installing the SDK and its test dependencies into " + venv);
    }

    /** The index arguments: {@code featurestore.pip.args}, split on blanks. */
    private static List<String> pipArguments() {
        String configured = System.getProperty("featurestore.pip.args", "").trim();
        return configured.isEmpty() ? List.of() : Arrays.asList(configured.split("\\s+"));
    }

    /** With explicit index arguments, pip's own configuration files (other indexes) are not read. */
    private static Map<String, String> pipEnvironment() {
        return pipArguments().isEmpty() ? Map.of() : Map.of("PIP_CONFIG_FILE", "/dev/null");
    }

    private void run(List<String> command, Map<String, String> environment, String what) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(moduleDirectory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        StringBuilder output = new StringBuilder();
        try {
            Process process = builder.start();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> output.append(line).append(System.lineSeparator()));
            }
            int exitCode = process.waitFor();
            if (exitCode != 0) {
                throw new IllegalStateException("%s failed (exit %d): %s%n%s".formatted(what, exitCode, command, output));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("%s: cannot run %s".formatted(what, command.get(0)), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    /**
     * Runs pytest on {@code tests} (a folder of the module) with {@code environment} added, printing its output as it
     * comes, and writing its JUnit XML report next to surefire's.
     *
     * @return the exit code and the whole output
     */
    PytestResult pytest(String tests, String reportName, Map<String, String> environment) {
        requireNonNull(environment, "environment is null");
        Path report = moduleDirectory.resolve("target/surefire-reports/TEST-pytest-%s.xml".formatted(reportName));
        List<String> command = List.of(python().toString(), "-m", "pytest", tests, "-v", "-rA", "--color=no", "-p", "no:cacheprovider",
                "--junitxml=" + report, "-o", "junit_suite_name=pytest-" + reportName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(moduleDirectory.toFile()).redirectErrorStream(true);
        // hermetic: the caller's own feature store and AWS settings would win over the suite's endpoints file
        builder.environment().keySet().removeIf(name -> name.startsWith("FEATURESTORE_") || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        StringBuilder output = new StringBuilder();
        try {
            Files.createDirectories(report.getParent());
            Process process = builder.start();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    System.out.println("[pytest " + reportName + "] " + line);
                    output.append(line).append(System.lineSeparator());
                }
            }
            return new PytestResult(process.waitFor(), output.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot run pytest in " + venv, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pytest ran", e);
        }
    }

    /** What a pytest run ended with (the whole output was printed as it came). */
    record PytestResult(int exitCode, String output) {
        PytestResult {
            requireNonNull(output, "output is null");
        }

        /** The last {@code count} lines of the output: pytest's summary of what failed. */
        String tail(int count) {
            List<String> lines = output.lines().toList();
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }
}
