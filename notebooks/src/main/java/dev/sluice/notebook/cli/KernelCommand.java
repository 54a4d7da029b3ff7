package dev.sluice.notebook.cli;

import dev.sluice.notebook.kernel.KernelMain;
import dev.sluice.notebook.kernel.SluiceKernel;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The kernel jar's command line: {@code install} writes the kernel spec that makes Jupyter offer
 * "Java (Sluice)", and {@code run} is what Jupyter starts for each notebook.
 */
@Command(name = "sluice-kernel", mixinStandardHelpOptions = true,
        description = "The Sluice Jupyter kernel for Java notebooks.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
public final class KernelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // the protocol library logs every socket loop it starts; keep the kernel's own stderr for problems
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new CommandLine(new KernelCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: install or run");
    }

    /** {@code install}: writes the kernel spec for the user, or under a prefix. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Installs the kernel spec so that Jupyter offers \"Java (Sluice)\".")
    static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @ArgGroup(exclusive = true)
        Target target = new Target();

        static final class Target {
            @Option(names = "--user", description = "Install for the current user (the default).")
            boolean user;

            @Option(names = "--prefix", paramLabel = "DIR",
                    description = "Install under DIR/share/jupyter, e.g. a virtualenv or a temporary Jupyter.")
            Path prefix;
        }

        @Option(names = "--name", defaultValue = SluiceKernel.NAME, description = "Kernel spec name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--display-name", defaultValue = "Java (Sluice)",
                description = "Name shown in Jupyter (default: ${DEFAULT-VALUE}).")
        String displayName;

        @Option(names = "--jvm-option", paramLabel = "OPTION", description = "An option for the kernel's JVM, e.g. -Xmx4g; repeatable.")
        List<String> jvmOptions = new ArrayList<>();

        @Override
        public Integer call() {
            Path dataDir = target.prefix != null ? KernelSpecInstaller.prefixDataDir(target.prefix)
                    : KernelSpecInstaller.userDataDir(System.getenv(), System.getProperty("os.name"),
                    Path.of(System.getProperty("user.home")));
            Path installed = KernelSpecInstaller.forThisJvm(jvmOptions).install(dataDir, name, displayName);
            spec.commandLine().getOut().println("Installed kernel spec " + name + " (\"" + displayName + "\") in " + installed);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code run}: serves one notebook; Jupyter starts this with its connection file. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the kernel (Jupyter starts this).")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter wrote.")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(connectionFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "the connection file " + connectionFile + " does not exist");
            }
            KernelMain.serve(connectionFile);
            return 0;
        }
    }
}
