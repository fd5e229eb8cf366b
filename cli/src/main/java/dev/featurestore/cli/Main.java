package dev.featurestore.cli;

import dev.featurestore.cli.command.FeatureStoreCommand;
import java.util.List;

/** The {@code featurestore} command line (cli/README.md). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
        // the AWS SDK and parquet-java log through SLF4J (slf4j-simple, to standard error): only errors unless --verbose
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "error");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(run(CliContext.system(), args));
    }

    /** Runs one command line in the given context and answers its exit code ({@link ExitCodes}). */
    public static int run(CliContext context, String... args) {
        return FeatureStoreCommand.commandLine(context).execute(args);
    }
}
