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

/** {@code featurestore apply}: makes the registry's project what the repository says. */
@Command(name = "apply", description = {"Apply the repository's definitions to the project.",
        "Every *.yaml/*.yml file but featurestore.yaml, sorted by path, is sent as one document; objects the repository no longer defines are deleted (unless --no-prune). Breaking changes are refused unless --allow-breaking. Exit code 0: applied, or nothing to change; 1: an error or refused breaking changes."})
final class ApplyCommand extends BaseCommand {
    @Option(names = "--allow-breaking", description = "Apply breaking changes too (removed or retyped fields, changed entities...).")
    boolean allowBreaking;

    @Option(names = "--no-prune", negatable = false,
            description = "Keep the project's objects the repository does not define (default: they are deleted).")
    boolean noPrune;

    ApplyCommand(CliContext context) {
        super(context);
    }

    @Override
    Integer run() {
        RepositoryDocument document = DefinitionRepository.read(repositoryDirectory());
        String project = services().project();
        RepositoryApply apply = new RepositoryApply(services().registry(), project, document, !noPrune);
        Plan plan = apply.plan();
        if (!plan.breaking().isEmpty() && !allowBreaking) {
            if (json()) {
                printJson(PlanOutput.json(plan, document, false));
            }
            else {
                PlanRenderer.render(plan, document, false).forEach(out()::println);
            }
            context.err().printf("error: refused: %d breaking change%s (nothing was applied); apply with --allow-breaking to make %s%n",
                    plan.breaking().size(), plan.breaking().size() == 1 ? "" : "s", plan.breaking().size() == 1 ? "it" : "them");
            return ExitCodes.ERROR;
        }
        Plan applied = plan.hasChanges() ? apply.apply(plan, allowBreaking) : plan;
        if (json()) {
            printJson(PlanOutput.json(applied, document, true));
        }
        else {
            PlanRenderer.render(applied, document, true).forEach(out()::println);
        }
        return ExitCodes.OK;
    }
}
