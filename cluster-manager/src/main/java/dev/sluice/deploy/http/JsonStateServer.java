package dev.sluice.deploy.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.common.DaemonThreads;
import dev.sluice.deploy.ClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Serves a master's or worker's {@link ClusterState} as JSON over HTTP, read-only: {@code /api/v1/workers},
 * {@code /api/v1/applications} and {@code /api/v1/drivers}. {@code bin/sluice status} reads it; a browser UI would
 * too. It binds only to the given address.
 */
public final class JsonStateServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonStateServer.class);
    /** Ports tried after a busy one, as Spark's UI does. */
    private static final int PORT_ATTEMPTS = 16;

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonStateServer(HttpServer server, ClusterState.Source source) {
        this.server = server;
        Map<String, Supplier<List<?>>> routes = Map.of(
                "/api/v1/workers", source::workers,
                "/api/v1/applications", source::applications,
                "/api/v1/drivers", source::drivers);
        server.createContext("/", exchange -> {
            try (exchange) {
                Supplier<List<?>> route = routes.get(exchange.getRequestURI().getPath().replaceAll("/+$", ""));
                if (!exchange.getRequestMethod().equals("GET")) {
                    send(exchange, 405, Map.of("error", "only GET is served"));
                } else if (route == null) {
                    send(exchange, 404, Map.of("error", "no such resource; try " + String.join(", ", routes.keySet())));
                } else {
                    send(exchange, 200, route.get());
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot serve {}", exchange.getRequestURI(), e);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("sluice-json-state")));
        server.start();
    }

    /**
     * Serves {@code source} on {@code host:port}, or on one of the next ports if it is busy ({@code port} 0: any).
     *
     * @throws IOException if no port could be bound
     */
    public static JsonStateServer start(String host, int port, ClusterState.Source source) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 1 : PORT_ATTEMPTS); attempt++) {
            try {
                return new JsonStateServer(HttpServer.create(new InetSocketAddress(host, port == 0 ? 0 : port + attempt),
                        0), source);
            } catch (BindException e) {
                last = e;
            }
        }
        throw new IOException("Cannot serve the JSON state on " + host + ": ports " + port + ".."
                + (port + PORT_ATTEMPTS - 1) + " are busy", last);
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The port it serves on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
