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

/** What every command has: the context it runs in, the common options, and the configuration resolved from them once. */
abstract class BaseCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin
    ClientOptions options;

    private ClientConfig config;
    private Services services;

    BaseCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

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
        return options.output == OutputFormat.JSON;
    }

    PrintStream out() {
        return context.out();
    }

    /** Prints a value as the one JSON document of {@code --output json}. */
    void printJson(Object value) {
        Json.print(out(), value);
    }
}
