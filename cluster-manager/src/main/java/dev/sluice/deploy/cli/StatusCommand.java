package dev.sluice.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.DeployMessages.RequestWebUi;
import dev.sluice.deploy.DeployMessages.WebUi;
import dev.sluice.deploy.MasterUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sluice status}: the master's workers, applications (with executors) and drivers, read from its JSON
 * state, as tables or, with {@code --json}, as one JSON object for scripts.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a standalone cluster's state.")
final class StatusCommand implements Callable<Integer> {
    private static final List<String> SECTIONS = List.of("workers", "applications", "drivers");

    @Option(names = "--json", description = "Print {\"workers\":[...],\"applications\":[...],\"drivers\":[...]}.")
    boolean json;

    @Mixin
    MasterOptions master;

    @Override
    public Integer call() throws Exception {
        SluiceConfig config = master.config();
        MasterUrl url = ConfigOptions.masterOf(config);
        int webUiPort;
        try (MasterClient client = master.connect(config)) {
            webUiPort = client.ask(new RequestWebUi(), WebUi.class).port();
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode state = mapper.createObjectNode();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (String section : SECTIONS) {
            URI uri = URI.create("http://" + url.host() + ":" + webUiPort + "/api/v1/" + section);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new CommandException("The master's JSON state " + uri + " answered " + response.statusCode());
                }
                state.set(section, mapper.readTree(response.body()));
            } catch (IOException e) {
                throw new CommandException("Cannot read the master's JSON state " + uri + ": " + e.getMessage());
            }
        }
        if (json) {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(state));
        } else {
            printTables(url, state);
        }
        return 0;
    }

    private static void printTables(MasterUrl url, JsonNode state) {
        System.out.println("Master " + url);
        Table workers = new Table("WORKER", "ADDRESS", "STATE", "CORES", "MEMORY (MiB)", "EXECUTORS", "DRIVERS");
        for (JsonNode w : state.get("workers")) {
            workers.add(w.get("id").asText(), w.get("host").asText() + ":" + w.get("port").asInt(),
                    w.get("state").asText(), w.get("coresUsed").asInt() + "/" + w.get("cores").asInt(),
                    w.get("memoryUsedMiB").asLong() + "/" + w.get("memoryMiB").asLong(),
                    Integer.toString(w.get("executors").size()), Integer.toString(w.get("drivers").size()));
        }
        workers.print("Workers");
        Table apps = new Table("APPLICATION", "NAME", "STATE", "CORES", "EXECUTORS", "REASON");
        Table executors = new Table("APPLICATION", "EXECUTOR", "WORKER", "CORES", "MEMORY (MiB)", "STATE");
        for (JsonNode a : state.get("applications")) {
            int max = a.get("maxCores").asInt();
            apps.add(a.get("id").asText(), a.get("name").asText(), a.get("state").asText(),
                    a.get("coresGranted").asInt() + "/" + (max == 0 ? "any" : Integer.toString(max)),
                    Integer.toString(a.get("executors").size()), a.get("reason").asText());
            for (JsonNode e : a.get("executors")) {
                executors.add(a.get("id").asText(), e.get("id").asText(), e.get("workerId").asText(),
                        e.get("cores").asText(), e.get("memoryMiB").asText(), e.get("state").asText());
            }
        }
        apps.print("Applications");
        executors.print("Executors");
        Table drivers = new Table("DRIVER", "MAIN CLASS", "STATE", "WORKER", "LAUNCHES", "EXIT", "REASON");
        for (JsonNode d : state.get("drivers")) {
            drivers.add(d.get("id").asText(), d.get("mainClass").asText(), d.get("state").asText(),
                    d.get("workerId").isNull() ? "-" : d.get("workerId").asText(), d.get("launches").asText(),
                    d.get("exitCode").isNull() ? "-" : d.get("exitCode").asText(), d.get("reason").asText());
        }
        drivers.print("Drivers");
    }
}
