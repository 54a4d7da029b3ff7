package dev.sluice.notebook.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the kernel for one Jupyter connection file, as the kernel spec's {@code argv} says:
 * {@code java -jar sluice-kernel.jar run CONNECTION_FILE}.
 */
public final class KernelMain {
    private KernelMain() {
    }

    /** Serves the connection described by {@code connectionFile} until Jupyter shuts the kernel down. */
    public static void serve(Path connectionFile) throws Exception {
        System.setProperty("java.awt.headless", "true");
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(properties);
        SluiceKernel kernel = SluiceKernel.create();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
