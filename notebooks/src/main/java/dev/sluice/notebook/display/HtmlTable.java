package dev.sluice.notebook.display;

import dev.sluice.Pair;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders rows of data as an HTML {@code <table>} for a notebook: pairs and map entries as
 * key/value columns, records as one column per component, anything else as a single "value" column.
 * Every cell is HTML-escaped, numbers are right-aligned, and long inputs are cut after a maximum
 * number of rows with a footer saying how many were left out.
 */
public final class HtmlTable {

    /** How many rows are shown when no maximum is given. */
    public static final int DEFAULT_MAX_ROWS = 50;

    private static final String LEFT = " style=\"text-align:left\"";
    private static final String RIGHT = " style=\"text-align:right\"";

    /**
     * The columns of a table and how to read them from a row.
     *
     * @param headers the column names
     * @param cells   a row's cell values, or empty when they cannot be read (the row then shows its toString)
     */
    private record Columns(List<String> headers, Function<Object, Optional<List<Object>>> cells) {
    }

    private static final Columns KEY_VALUE = new Columns(List.of("key", "value"), HtmlTable::keyValueCells);
    private static final Columns SINGLE =
            new Columns(List.of("value"), row -> Optional.of(Collections.singletonList(row)));

    private HtmlTable() {
    }

    /**
     * The rows as a table of at most {@value #DEFAULT_MAX_ROWS} rows.
     *
     * @param rows the rows; see {@link #of(List, int)} for how they become columns
     * @return an HTML {@code <table>} element
     */
    public static String of(List<?> rows) {
        return of(rows, DEFAULT_MAX_ROWS);
    }

    /**
     * The rows as a table: key/value columns if every row is a {@link Pair} or {@link Map.Entry}, one
     * column per component if every row is a record of the same class, else a single "value" column.
     *
     * @param rows    the rows
     * @param maxRows how many rows to show at most; a footer counts the rest
     * @return an HTML {@code <table>} element
     */
    public static String of(List<?> rows, int maxRows) {
        Objects.requireNonNull(rows, "rows");
        return render(columnsOf(rows), rows.iterator(), rows.size(), maxRows);
    }

    /**
     * The map's entries as a key/value table of at most {@value #DEFAULT_MAX_ROWS} rows.
     *
     * @param map the map, in its iteration order
     * @return an HTML {@code <table>} element
     */
    public static String of(Map<?, ?> map) {
        return of(map, DEFAULT_MAX_ROWS);
    }

    /**
     * The map's entries as a key/value table.
     *
     * @param map     the map, in its iteration order
     * @param maxRows how many entries to show at most; a footer counts the rest
     * @return an HTML {@code <table>} element
     */
    public static String of(Map<?, ?> map, int maxRows) {
        Objects.requireNonNull(map, "map");
        return render(KEY_VALUE, map.entrySet().iterator(), map.size(), maxRows);
    }

    /**
     * Whether {@code value} would display as a table with named columns: a non-empty map, or a
     * non-empty list whose elements are all pairs or map entries, or all records of one class.
     *
     * @param value any object, possibly null
     * @return true if {@code of} would give it more than a plain "value" column (or it is a map)
     */
    public static boolean isTabular(Object value) {
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty() && columnsOf(list) != SINGLE;
        }
        return false;
    }

    // ---------------------------------------------------------------- columns

    private static Columns columnsOf(List<?> rows) {
        if (rows.isEmpty()) {
            return SINGLE;
        }
        if (rows.stream().allMatch(row -> row instanceof Pair<?, ?> || row instanceof Map.Entry<?, ?>)) {
            return KEY_VALUE;
        }
        Class<?> type = rows.get(0) == null ? null : rows.get(0).getClass();
        if (type != null && type.isRecord() && type.getRecordComponents().length > 0
                && rows.stream().allMatch(row -> row != null && row.getClass() == type)) {
            return recordColumns(type);
        }
        return SINGLE;
    }

    private static Optional<List<Object>> keyValueCells(Object row) {
        if (row instanceof Pair<?, ?> pair) {
            return Optional.of(Arrays.asList(pair.key(), pair.value()));
        }
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) row;
        return Optional.of(Arrays.asList(entry.getKey(), entry.getValue()));
    }

    private static Columns recordColumns(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> headers = new ArrayList<>(components.length);
        List<Method> accessors = new ArrayList<>(components.length);
        for (RecordComponent component : components) {
            headers.add(component.getName());
            Method accessor = component.getAccessor();
            accessor.trySetAccessible();
            accessors.add(accessor);
        }
        return new Columns(headers, row -> recordCells(row, accessors));
    }

    private static Optional<List<Object>> recordCells(Object row, List<Method> accessors) {
        List<Object> cells = new ArrayList<>(accessors.size());
        try {
            for (Method accessor : accessors) {
                cells.add(accessor.invoke(row));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(cells);
    }

    // ---------------------------------------------------------------- rendering

    private static String render(Columns columns, Iterator<?> rows, int total, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative: " + maxRows);
        }
        StringBuilder out = new StringBuilder(256);
        out.append("<table class=\"sluice-table\">\n<thead><tr>");
        for (String header : columns.headers()) {
            out.append("<th").append(LEFT).append('>').append(escape(header)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int shown = 0;
        while (shown < maxRows && rows.hasNext()) {
            appendRow(out, columns, rows.next());
            shown++;
        }
        out.append("</tbody>\n");
        if (total > shown) {
            appendFooter(out, columns.headers().size(), total - shown);
        }
        out.append("</table>\n");
        return out.toString();
    }

    private static void appendRow(StringBuilder out, Columns columns, Object row) {
        out.append("<tr>");
        Optional<List<Object>> cells = columns.cells().apply(row);
        if (cells.isPresent()) {
            cells.get().forEach(cell -> appendCell(out, cell));
        } else {
            out.append("<td colspan=\"").append(columns.headers().size()).append('"').append(LEFT).append('>')
                    .append(escape(text(row))).append("</td>");
        }
        out.append("</tr>\n");
    }

    private static void appendCell(StringBuilder out, Object cell) {
        out.append("<td").append(cell instanceof Number ? RIGHT : LEFT).append('>').append(escape(text(cell)))
                .append("</td>");
    }

    private static void appendFooter(StringBuilder out, int columns, int hidden) {
        out.append("<tfoot><tr><td colspan=\"").append(columns)
                .append("\" style=\"text-align:left;font-style:italic\">\u2026 ").append(hidden)
                .append(hidden == 1 ? " more row" : " more rows").append("</td></tr></tfoot>\n");
    }

    /** The cell's text: arrays by their contents, and a note instead of a failing toString. */
    private static String text(Object value) {
        try {
            if (value != null && value.getClass().isArray()) {
                String wrapped = Arrays.deepToString(new Object[] {value});
                return wrapped.substring(1, wrapped.length() - 1);
            }
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString failed: " + e.getClass().getSimpleName() + ">";
        }
    }

    /** Escapes the five HTML special characters. */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
