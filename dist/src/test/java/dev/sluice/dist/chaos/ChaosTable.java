package dev.sluice.dist.chaos;

import java.util.List;
import java.util.Locale;

/** The chaos reports as the Markdown table of {@code bench/README.md}: one row per workload and fault. */
final class ChaosTable {
    private ChaosTable() {
    }

    static String markdown(List<ChaosReport> reports) {
        StringBuilder table = new StringBuilder("| workload | fault | time | vs fault-free | tasks re-run | stages resubmitted "
                + "| digest exact | processes left | files left |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ChaosReport report : reports) {
            double base = reports.stream().filter(r -> r.workload().equals(report.workload()) && r.fault().equals("none"))
                    .mapToDouble(ChaosReport::seconds).findFirst().orElse(Double.NaN);
            table.append(String.format(Locale.ROOT, "| %s | %s | %.2f s | %.2fx | %d | %d | %s | %d | %d |%n",
                    report.workload(), report.fault(), report.seconds(), report.seconds() / base, report.tasksRerun(),
                    report.resubmissions(), report.digestExact() ? "yes" : "**no**", report.processesLeft(),
                    report.filesLeft()));
        }
        return table.toString();
    }
}
