package dev.sluice.deploy.cli;

import dev.sluice.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code bin/sluice}'s cluster commands: {@code master}, {@code worker}, {@code submit},
 * {@code status} and {@code kill}. Wrong flags print the problem and the usage (exit 2); a failure the user can fix
 * (unreachable master, wrong secret, missing jar, bad setting) prints one line (exit 1).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "Sluice 0.1.0",
        description = "Runs and uses a standalone Sluice cluster.",
        subcommands = {MasterCommand.class, WorkerCommand.class, SubmitCommand.class, StatusCommand.class,
                KillCommand.class})
public final class SluiceCli implements Runnable {
    @picocli.CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage, as an error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command");
    }

    private SluiceCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    static int run(String... args) {
        CommandLine line = new CommandLine(new SluiceCli());
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof CommandException || error instanceof ConfigException
                    || error instanceof IllegalArgumentException) {
                command.getErr().println("sluice " + command.getCommandName() + ": " + error.getMessage());
                return 1;
            }
            throw error;
        });
        return line.execute(args);
    }
}
