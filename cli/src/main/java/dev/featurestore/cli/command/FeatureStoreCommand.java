package dev.featurestore.cli.command;

import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.CliException;
import dev.featurestore.cli.ExitCodes;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The top command: only its subcommands do something. */
@Command(name = "featurestore", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, abbreviateSynopsis = true, versionProvider = FeatureStoreCommand.Version.class,
        description = "Feature repositories, materialization, training sets and online features against the feature store's services.",
        subcommands = {
                InitCommand.class,
                PlanCommand.class,
                ApplyCommand.class,
                TeardownCommand.class,
                RegistryCommand.class,
                MaterializeCommand.class,
                MaterializeIncrementalCommand.class,
                RunsCommand.class,
                HistoricalFeaturesCommand.class,
                JobsCommand.class,
                OnlineFeaturesCommand.class,
                PushCommand.class,
                FreshnessCommand.class,
                ConfigCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done (plan: no changes), 1 error, 2 plan: changes, 130 interrupted (the run or job keeps running).",
                "Configuration and every command: cli/README.md."})
public final class FeatureStoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The common options, given before the command's name. */
    @CommandLine.Mixin(name = "options")
    ClientOptions options;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /** The command line of a context: its streams, its error handling, commands made with the context. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(FeatureStoreCommand.class, new Factory(context));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(FeatureStoreCommand::handleError);
        commandLine.setParameterExceptionHandler(FeatureStoreCommand::handleUsageError);
        return commandLine;
    }

    /** An error while running: the message and its details, never a stack trace unless {@code --verbose}. */
    private static int handleError(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof CliException error) {
            err.println("error: " + error.getMessage());
            error.details().forEach(line -> err.println("  " + line));
        }
        else {
            err.println("error: %s%s".formatted(exception.getClass().getSimpleName(),
                    exception.getMessage() == null ? "" : ": " + exception.getMessage().lines().findFirst().orElse("")));
        }
        if (verbose(parseResult)) {
            exception.printStackTrace(err);
        }
        else if (!(exception instanceof CliException)) {
            err.println("  (an unexpected error: --verbose shows where)");
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    private static int handleUsageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        String message = exception.getMessage() == null ? "invalid command line" : exception.getMessage();
        err.println("error: " + (message.startsWith("Error: ") ? message.substring("Error: ".length()) : message));
        err.println("  see: %s --help".formatted(commandLine.getCommandSpec().qualifiedName()));
        err.flush();
        return ExitCodes.ERROR;
    }

    private static boolean verbose(ParseResult parseResult) {
        ParseResult current = parseResult;
        while (current != null) {
            if (current.hasMatchedOption("--verbose")) {
                return true;
            }
            current = current.hasSubcommand() ? current.subcommand() : null;
        }
        return false;
    }

    /** Makes commands with the context: a command class with a constructor taking a {@link CliContext} gets it. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                constructor.setAccessible(true);
                return constructor.newInstance(context);
            }
            catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version of the jar's manifest, when it has one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FeatureStoreCommand.class.getPackage().getImplementationVersion();
            return new String[] {"featurestore " + (version == null ? "(development build)" : version)};
        }
    }
}
