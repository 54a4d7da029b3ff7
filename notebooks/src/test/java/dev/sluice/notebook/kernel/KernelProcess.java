package dev.sluice.notebook.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.sluice.notebook.cli.KernelCommand;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Sluice kernel in its own JVM, driven over the Jupyter wire protocol (ZeroMQ on loopback, HMAC
 * signed messages) the way a notebook front end drives it. For tests only.
 */
final class KernelProcess implements AutoCloseable {
    private static final String DELIMITER = "<IDS|MSG>";

    private final Process process;
    private final Path log;
    private final ZContext zmq = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final Mac mac;
    private final String session = UUID.randomUUID().toString();

    /** What one {@code execute_request} produced. */
    record CellRun(String status, String stdout, String stderr, List<Map<String, String>> results,
                   List<Map<String, String>> displays, JsonObject error) {
        /** The {@code text/plain} of the execute result, or null. */
        String resultText() {
            return results.isEmpty() ? null : results.get(0).get("text/plain");
        }

        String describe() {
            return "status=" + status + " stdout=" + abbreviate(stdout) + " stderr=" + abbreviate(stderr)
                    + " results=" + results + " error=" + error;
        }

        private static String abbreviate(String text) {
            return text.length() > 2000 ? text.substring(0, 2000) + "... (" + text.length() + " chars)" : text;
        }
    }

    private KernelProcess(Process process, Path log, Map<String, Integer> ports, String key) throws GeneralSecurityException {
        this.process = process;
        this.log = log;
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.shell = connect(SocketType.DEALER, ports.get("shell_port"));
        this.control = connect(SocketType.DEALER, ports.get("control_port"));
        this.iopub = connect(SocketType.SUB, ports.get("iopub_port"));
        iopub.subscribe(new byte[0]);
    }

    /** Starts a kernel with this JVM's test class path and waits until it answers {@code kernel_info}. */
    static KernelProcess start(Path dir) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")) {
            ports.put(name, freePort());
        }
        String key = UUID.randomUUID().toString();
        JsonObject connection = new JsonObject();
        connection.addProperty("transport", "tcp");
        connection.addProperty("ip", "127.0.0.1");
        connection.addProperty("signature_scheme", "hmac-sha256");
        connection.addProperty("key", key);
        ports.forEach(connection::addProperty);
        Path connectionFile = dir.resolve("kernel-" + UUID.randomUUID() + ".json");
        Files.writeString(connectionFile, connection.toString());
        Path log = dir.resolve(connectionFile.getFileName() + ".log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-cp", classPath, KernelCommand.class.getName(), "run", connectionFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KernelProcess kernel = new KernelProcess(process, log, ports, key);
        try {
            kernel.awaitReady(Duration.ofSeconds(60));
        } catch (Exception | AssertionError e) {
            kernel.close();
            throw e;
        }
        return kernel;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        shell.setReceiveTimeOut(500);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the kernel exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            String id = send(shell, "kernel_info_request", new JsonObject());
            Instant answerBy = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(answerBy)) {
                JsonObject reply = receive(shell);
                if (reply != null && parentId(reply).equals(id)) {
                    drainIopub();
                    return;
                }
            }
        }
        throw new AssertionError("the kernel did not answer kernel_info within " + timeout + ":\n" + Files.readString(log));
    }

    private void drainIopub() {
        iopub.setReceiveTimeOut(200);
        while (receive(iopub) != null) {
            // status messages of the handshake
        }
    }

    /** Runs {@code code} as a cell and returns what the kernel published for it. */
    CellRun execute(String code, Duration timeout) throws IOException {
        return execute(code, timeout, text -> {
        });
    }

    /** Runs {@code code} as a cell, passing each piece of its standard output to {@code onStdout} as it arrives. */
    CellRun execute(String code, Duration timeout, Consumer<String> onStdout) throws IOException {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        String id = send(shell, "execute_request", content);
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        List<Map<String, String>> results = new ArrayList<>();
        List<Map<String, String>> displays = new ArrayList<>();
        JsonObject error = null;
        String status = null;
        boolean idle = false;
        Instant deadline = Instant.now().plus(timeout);
        shell.setReceiveTimeOut(20);
        iopub.setReceiveTimeOut(20);
        while (status == null || !idle) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no answer to the cell within " + timeout + "; kernel log:\n" + Files.readString(log));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the kernel died: " + process.exitValue() + "\n" + Files.readString(log));
            }
            JsonObject reply = receive(shell);
            if (reply != null && parentId(reply).equals(id)) {
                status = reply.getAsJsonObject("content").get("status").getAsString();
            }
            JsonObject message;
            while ((message = receive(iopub)) != null) {
                if (!parentId(message).equals(id)) {
                    continue;
                }
                JsonObject body = message.getAsJsonObject("content");
                switch (message.getAsJsonObject("header").get("msg_type").getAsString()) {
                    case "stream" -> {
                        String text = body.get("text").getAsString();
                        if (body.get("name").getAsString().equals("stdout")) {
                            stdout.append(text);
                            onStdout.accept(text);
                        } else {
                            stderr.append(text);
                        }
                    }
                    case "execute_result" -> results.add(data(body));
                    case "display_data" -> displays.add(data(body));
                    case "error" -> error = body;
                    case "status" -> idle |= body.get("execution_state").getAsString().equals("idle");
                    default -> {
                    }
                }
            }
        }
        return new CellRun(status, stdout.toString(), stderr.toString(), results, displays, error);
    }

    private static Map<String, String> data(JsonObject content) {
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : content.getAsJsonObject("data").entrySet()) {
            JsonElement value = entry.getValue();
            data.put(entry.getKey(), value.isJsonPrimitive() ? value.getAsString() : value.toString());
        }
        return data;
    }

    /** Sends a shell request (such as {@code complete_request}) and returns the reply's content. */
    JsonObject request(String type, JsonObject content, Duration timeout) throws IOException {
        String id = send(shell, type, content);
        Instant deadline = Instant.now().plus(timeout);
        shell.setReceiveTimeOut(50);
        while (Instant.now().isBefore(deadline)) {
            JsonObject reply = receive(shell);
            if (reply != null && parentId(reply).equals(id)) {
                return reply.getAsJsonObject("content");
            }
        }
        throw new AssertionError("no reply to " + type + " within " + timeout + "; kernel log:\n" + Files.readString(log));
    }

    /** Asks the kernel, on the control channel, to interrupt the running cell. */
    void interrupt() {
        send(control, "interrupt_request", new JsonObject());
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        synchronized (socket) {
            String id = UUID.randomUUID().toString();
            JsonObject header = new JsonObject();
            header.addProperty("msg_id", id);
            header.addProperty("session", session);
            header.addProperty("username", "test");
            header.addProperty("date", Instant.now().toString());
            header.addProperty("msg_type", type);
            header.addProperty("version", "5.3");
            List<String> parts = List.of(header.toString(), "{}", "{}", content.toString());
            socket.sendMore(DELIMITER);
            socket.sendMore(sign(parts));
            for (int i = 0; i < parts.size(); i++) {
                byte[] bytes = parts.get(i).getBytes(StandardCharsets.UTF_8);
                if (i < parts.size() - 1) {
                    socket.sendMore(bytes);
                } else {
                    socket.send(bytes);
                }
            }
            return id;
        }
    }

    private String sign(List<String> parts) {
        synchronized (mac) {
            mac.reset();
            for (String part : parts) {
                mac.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        }
    }

    /** The next message on {@code socket}, or null when none came within its receive timeout. */
    private JsonObject receive(ZMQ.Socket socket) {
        byte[] frame = socket.recv();
        if (frame == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int delimiter = 0;
        while (!new String(frames.get(delimiter), StandardCharsets.UTF_8).equals(DELIMITER)) {
            delimiter++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = delimiter + 2; i < delimiter + 6; i++) {
            parts.add(new String(frames.get(i), StandardCharsets.UTF_8));
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.UTF_8);
        if (!signature.equals(sign(parts))) {
            throw new AssertionError("the kernel sent a message with a bad signature");
        }
        JsonObject message = new JsonObject();
        message.add("header", JsonParser.parseString(parts.get(0)));
        message.add("parent_header", JsonParser.parseString(parts.get(1)));
        message.add("content", JsonParser.parseString(parts.get(3)));
        return message;
    }

    private static String parentId(JsonObject message) {
        JsonObject parent = message.getAsJsonObject("parent_header");
        return parent != null && parent.has("msg_id") ? parent.get("msg_id").getAsString() : "";
    }

    /** What the kernel printed to its own stdout and stderr (not the cells' output). */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                JsonObject content = new JsonObject();
                content.addProperty("restart", false);
                send(control, "shutdown_request", content);
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            zmq.close();
        }
    }
}
