package dev.sluice.network;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of what one connection's peer did wrong after it authenticated (a message that does not decode, one the
 * server does not answer, a request for something that does not exist). The first problem is logged at WARN with
 * the peer's address; the rest only at DEBUG, and counted, so a peer that sends thousands of bad frames writes one
 * line, plus one more with the count when its connection closes. Thread-safe.
 */
public final class PeerProblems {

    private static final Logger LOG = LoggerFactory.getLogger(PeerProblems.class);

    private final SocketAddress peer;
    private final AtomicLong count = new AtomicLong();

    /** The problem log of the connection with {@code peer}. */
    public PeerProblems(SocketAddress peer) {
        this.peer = peer;
    }

    /**
     * Logs a problem with this peer: at WARN through {@code logger} if it is the connection's first, at DEBUG
     * otherwise.
     *
     * @param logger the logger of the component that refused the peer
     * @param problem what went wrong, naming what was asked and why it failed (the peer is added; line breaks are
     *     logged as spaces, so a problem is one line)
     */
    public void report(Logger logger, String problem) {
        String line = problem.replaceAll("\\s*\\R\\s*", " "); // Kryo's serialization traces span lines
        if (count.incrementAndGet() == 1) {
            logger.warn("{} (from {}; further problems on this connection are logged at DEBUG and counted when it "
                    + "closes)", line, peer);
        } else {
            logger.debug("{} (from {})", line, peer);
        }
    }

    /** The number of problems reported so far. */
    public long count() {
        return count.get();
    }

    /** Logs how many problems there were, if more than the one logged at WARN; called once the connection closed. */
    void connectionClosed() {
        long problems = count.get();
        if (problems > 1) {
            LOG.warn("Connection from {} closed after {} refused requests or messages; the first was logged at WARN, "
                    + "the rest at DEBUG", peer, problems);
        }
    }
}
