package dev.featurestore.cli.command;

import static java.util.Objects.requireNonNull;

import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.Json;
import dev.featurestore.cli.config.ClientConfig;
import dev.featurestore.cli.config.ConfigResolver;
import dev.featurestore.cli.http.Services;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the context it runs in, the common options, and the configuration resolved from them once. */
abstract class BaseCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin(name = "options")
    ClientOptions commandOptions;

    @Spec
    CommandSpec spec;

    /** The options given after the command's name, else before it (to {@code featurestore} or {@code featurestore registry}). */
    ClientOptions options;

    /** How often followed runs and jobs are polled. */
    java.time.Duration pollInterval;

    private ClientConfig config;
    private Services services;

    BaseCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Merges the options of the command and of its parents, once picocli has set them. */
    @Override
    public final Integer call() {
        ClientOptions merged = commandOptions;
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            Object outer = parent.mixins().containsKey("options") ? parent.mixins().get("options").userObject() : null;
            if (outer instanceof ClientOptions parentOptions) {
                merged = merged.orElse(parentOptions);
            }
        }
        options = merged;
        pollInterval = options.pollInterval(context.pollInterval());
        return run();
    }

    /** What the command does; its exit code. */
    abstract Integer run();

    Path repositoryDirectory() {
        return options.repository == null ? context.workingDirectory() : context.resolve(options.repository);
    }

    ClientConfig config() {
        if (config == null) {
            config = ConfigResolver.resolve(options.overrides(), context.environment(), context.workingDirectory(), repositoryDirectory());
        }
        return config;
    }

    Services services() {
        if (services == null) {
            services = new Services(config());
        }
        return services;
    }

    boolean json() {
        return options.format() == OutputFormat.JSON;
    }

    PrintStream out() {
        return context.out();
    }

    /** Prints a value as the one JSON document of {@code --output json}. */
    void printJson(Object value) {
        Json.print(out(), value);
    }
}
