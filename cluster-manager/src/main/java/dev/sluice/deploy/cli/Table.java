package dev.sluice.deploy.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with left-aligned columns, as {@code status} prints them. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    void add(String... row) {
        rows.add(row);
    }

    /** Prints the title and the table, or "(none)" when it has no rows. */
    void print(String title) {
        System.out.println();
        System.out.println(title + ":");
        if (rows.size() == 1) {
            System.out.println("  (none)");
            return;
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 1));
            }
            System.out.println(line.toString().stripTrailing());
        }
    }
}
