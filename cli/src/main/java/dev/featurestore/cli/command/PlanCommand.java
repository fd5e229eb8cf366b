package dev.featurestore.cli.command;

import dev.featurestore.cli.CliContext;
import dev.featurestore.cli.ExitCodes;
import dev.featurestore.cli.registry.Plan;
import dev.featurestore.cli.registry.RepositoryApply;
import dev.featurestore.cli.render.PlanRenderer;
import dev.featurestore.cli.repository.DefinitionRepository;
import dev.featurestore.cli.repository.RepositoryDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code featurestore plan}: what an apply of the repository would change, writing nothing. */
@Command(name = "plan", description = {"Show what apply would change in the registry.",
        "A dry run of apply: nothing is written. Breaking changes are named with the file and line they come from. Exit code 0: no changes; 2: changes; 1: an error, or breaking changes without --allow-breaking."})
final class PlanCommand extends BaseCommand {
    @Option(names = "--allow-breaking", description = "Plan as an apply with --allow-breaking would (exit code 2, not 1, for breaking changes).")
    boolean allowBreaking;

    @Option(names = "--no-prune", negatable = false,
            description = "Keep the project's objects the repository does not define (default: they are deleted, the repository is the whole project).")
    boolean noPrune;

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        RepositoryDocument document = DefinitionRepository.read(repositoryDirectory());
        String project = services().project();
        Plan plan = new RepositoryApply(services().registry(), project, document, !noPrune).plan();
        if (json()) {
            printJson(PlanOutput.json(plan, document, false));
        }
        else {
            PlanRenderer.render(plan, document, false).forEach(out()::println);
        }
        if (!plan.breaking().isEmpty() && !allowBreaking) {
            context.err().printf("error: %d breaking change%s: apply refuses %s without --allow-breaking%n", plan.breaking().size(),
                    plan.breaking().size() == 1 ? "" : "s", plan.breaking().size() == 1 ? "it" : "them");
            return ExitCodes.ERROR;
        }
        return plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK;
    }
}
