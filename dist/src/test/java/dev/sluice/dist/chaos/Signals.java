package dev.sluice.dist.chaos;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends POSIX signals the JDK has no method for (SIGSTOP, SIGCONT) with the {@code kill} command. */
final class Signals {
    private Signals() {
    }

    /** Sends {@code signal} (e.g. {@code STOP}) to {@code process}; false if it is gone. */
    static boolean send(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!kill.waitFor(30, TimeUnit.SECONDS)) {
            kill.destroyForcibly();
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " did not end within 30 s");
        }
        return kill.exitValue() == 0;
    }
}
