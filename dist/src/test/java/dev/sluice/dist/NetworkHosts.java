package dev.sluice.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Hosts of a test's own on one machine: each is a Linux network namespace with one address of
 * {@value #SUBNET}0/24 on a veth pair whose other end is joined to a bridge in a namespace of its own. Nothing
 * is reachable on loopback across hosts, and no traffic leaves these namespaces. {@link #close()} deletes every
 * namespace, which also removes their links, queueing disciplines and firewall rules. Needs root and {@code ip}
 * (iproute2): see {@link #unavailableBecause()}.
 */
public final class NetworkHosts implements AutoCloseable {
    /** The hosts' subnet: host {@code n} has address {@code SUBNET + n}. */
    public static final String SUBNET = "10.213.7.";

    private final Path log;
    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    /** Hosts whose commands log to {@code dir/ip.log}, named after this JVM's pid (so runs do not collide). */
    public NetworkHosts(Path dir) {
        this.log = dir.resolve("ip.log");
        this.prefix = "sl" + (ProcessHandle.current().pid() % 100_000);
    }

    /** Why hosts cannot be made here (not root, no {@code ip}), or null when they can. */
    public static String unavailableBecause() throws IOException, InterruptedException {
        if (!isRoot()) {
            return "network namespaces (ip netns) need root; CI runs as root";
        }
        return hasCommand("ip") ? null : "the ip command (Debian's iproute2) is missing";
    }

    /** Whether {@code command} is an executable in /usr/sbin, /sbin, /usr/bin or /bin. */
    public static boolean hasCommand(String command) {
        return List.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/").stream()
                .anyMatch(d -> Files.isExecutable(Path.of(d + command)));
    }

    /**
     * Whether {@code command} succeeds in a throw-away namespace of its own (which is deleted afterwards): to
     * find out whether the kernel has what a command needs (a queueing discipline, nftables) before relying on it.
     */
    public static boolean worksInANamespace(Path dir, String... command) throws IOException, InterruptedException {
        NetworkHosts probe = new NetworkHosts(dir);
        String namespace = probe.prefix + "probe";
        try {
            probe.addNamespace(namespace);
            probe.runIn(namespace, "ip", "link", "set", "lo", "up");
            return probe.tryIn(namespace, command) == 0;
        } finally {
            probe.close();
        }
    }

    /** Creates host {@code n}: a namespace with {@code SUBNET + n}/24 on a veth joined to the bridge. */
    public String host(int n) throws IOException, InterruptedException {
        String bridge = bridge();
        if (namespaces.isEmpty()) {
            addNamespace(bridge);
            runIn(bridge, "ip", "link", "add", "br0", "type", "bridge");
            runIn(bridge, "ip", "link", "set", "br0", "up");
        }
        String namespace = namespace(n);
        addNamespace(namespace);
        String inside = hostLink(n);
        String outside = bridgeLink(n);
        run("ip", "link", "add", inside, "type", "veth", "peer", "name", outside);
        run("ip", "link", "set", inside, "netns", namespace);
        run("ip", "link", "set", outside, "netns", bridge);
        runIn(namespace, "ip", "addr", "add", SUBNET + n + "/24", "dev", inside);
        runIn(namespace, "ip", "link", "set", inside, "up");
        runIn(namespace, "ip", "link", "set", "lo", "up");
        runIn(bridge, "ip", "link", "set", outside, "master", "br0");
        runIn(bridge, "ip", "link", "set", outside, "up");
        return namespace;
    }

    /** The namespace of host {@code n}. */
    public String namespace(int n) {
        return prefix + "h" + n;
    }

    /** The namespace of the bridge joining the hosts. */
    public String bridge() {
        return prefix + "sw";
    }

    /** Host {@code n}'s end of its link (inside its namespace). */
    public String hostLink(int n) {
        return prefix + "a" + n;
    }

    /** The bridge's end of host {@code n}'s link (inside the bridge's namespace). */
    public String bridgeLink(int n) {
        return prefix + "b" + n;
    }

    /** Runs {@code command} in {@code namespace}; fails naming it when it exits non-zero. */
    public void runIn(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    /** As {@link #runIn}, but returns the exit code instead of failing (for clean-up that may find nothing). */
    public int tryIn(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return exitCode(full);
    }

    private void run(String... command) throws IOException, InterruptedException {
        if (exitCode(List.of(command)) != 0) {
            throw new AssertionError(String.join(" ", command) + " failed; see " + log);
        }
    }

    private void addNamespace(String namespace) throws IOException, InterruptedException {
        exitCode(List.of("ip", "netns", "del", namespace)); // a leftover of a killed run
        if (exitCode(List.of("ip", "netns", "add", namespace)) != 0) {
            throw new AssertionError("Cannot create the network namespace " + namespace + " although running as root");
        }
        namespaces.add(0, namespace);
    }

    private int exitCode(List<String> command) throws IOException, InterruptedException {
        Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 30 s");
        }
        return process.exitValue();
    }

    /** Deletes every namespace made (hosts first, then the bridge), with what was set up inside them. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (String namespace : namespaces) {
            exitCode(List.of("ip", "netns", "del", namespace));
        }
        namespaces.clear();
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        id.waitFor();
        return out.equals("0");
    }
}
