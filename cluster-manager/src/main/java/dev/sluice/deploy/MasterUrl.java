package dev.sluice.deploy;

import dev.sluice.config.ConfigException;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A standalone master's address as users write it: {@code sluice://HOST:PORT}. */
public record MasterUrl(String host, int port) {
    private static final Pattern FORM = Pattern.compile("sluice://([^:/\\s]+|\\[[0-9a-fA-F:]+]):(\\d{1,5})/?");

    /** Whether {@code master} is meant as a standalone master (it may still be malformed). */
    public static boolean isStandalone(String master) {
        return master.startsWith("sluice://");
    }

    /**
     * Parses {@code sluice://HOST:PORT}.
     *
     * @throws ConfigException naming the expected form
     */
    public static MasterUrl parse(String master) {
        Matcher m = FORM.matcher(master.strip());
        if (!m.matches()) {
            throw new ConfigException("Malformed master '" + master + "': a standalone master is sluice://HOST:PORT, "
                    + "e.g. sluice://127.0.0.1:7077");
        }
        int port = Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new ConfigException("Malformed master '" + master + "': port " + port + " is not in 1..65535 (sluice://HOST:PORT)");
        }
        return new MasterUrl(m.group(1), port);
    }

    /** The socket address to connect to. */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return "sluice://" + host + ":" + port;
    }
}
