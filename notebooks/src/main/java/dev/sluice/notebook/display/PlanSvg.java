package dev.sluice.notebook.display;

import dev.sluice.plan.ExecutionPlan;
import dev.sluice.plan.PlanOperator;
import dev.sluice.plan.PlanStage;
import dev.sluice.plan.ShuffleRead;
import dev.sluice.plan.ShuffleWrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Draws an {@link ExecutionPlan} as a self-contained SVG document: one rounded box per stage with its
 * operators listed top (input) to bottom (output), stages placed left to right by how many shuffles
 * precede them, and an arrow per shuffle read from the writing stage to the reading stage.
 *
 * <p>The result stage has a red border and says "result"; skipped stages are grey and dashed; cached
 * operators are highlighted in green with their storage level. Hovering an operator shows its call site.
 * All styling is inline (no {@code <style>} element), so several plans can share one notebook page.
 */
public final class PlanSvg {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final double CHAR_WIDTH = 7.2;
    private static final int LINE_HEIGHT = 18;
    private static final int PADDING = 12;
    private static final int SEPARATOR_GAP = 8;
    private static final int MARGIN = 20;
    private static final int MIN_BOX_WIDTH = 140;
    private static final int MIN_COLUMN_GAP = 60;
    private static final int ROW_GAP = 28;
    private static final int LABEL_INSET = 12;
    private static final int LABEL_SPACING = 30;
    private static final int EDGE_SLOPE_ROOM = 40;
    private static final String BADGE = "\u25CF ";

    private static final String TEXT = "#222222";
    private static final String MUTED = "#8a8a8a";
    private static final String EDGE = "#555555";
    private static final String CACHED = "#1e7e34";

    private PlanSvg() {
    }

    /** A stage's box once laid out: its top-left corner and size in pixels. */
    private record Box(PlanStage stage, int x, int y, int width, int height) {

        int right() {
            return x + width;
        }

        int bottom() {
            return y + height;
        }

        /** The y of the {@code index}-th of {@code count} points spread down the box's side. */
        int spreadY(int index, int count) {
            return y + height * (index + 1) / (count + 1);
        }
    }

    /**
     * A shuffle arrow's route: it leaves the source at {@code y1}, turns level at x {@code knee} (shared by
     * every arrow into the target, so their labels sit above level lines) and enters the target at {@code y2}.
     */
    private record Edge(ShuffleRead read, Box source, Box target, int y1, int knee, int y2) {
    }

    /**
     * The plan as an SVG document (starting with {@code <svg}, no XML declaration) sized to fit it.
     *
     * @param plan the plan to draw
     * @return well-formed SVG markup with every plan text XML-escaped
     */
    public static String render(ExecutionPlan plan) {
        Objects.requireNonNull(plan, "plan");
        Map<Integer, Box> boxes = layout(plan);
        int width = boxes.values().stream().mapToInt(Box::right).max().orElse(0) + MARGIN;
        int height = boxes.values().stream().mapToInt(Box::bottom).max().orElse(0) + MARGIN;
        String markerId = "sluice-plan-arrow-" + Integer.toHexString(plan.toText().hashCode());

        StringBuilder out = new StringBuilder(4096);
        out.append("<svg xmlns=\"").append(SVG_NS).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"monospace\" font-size=\"12\" role=\"img\">\n");
        int stageCount = plan.stages().size();
        out.append("<title>Execution plan: ").append(stageCount).append(stageCount == 1 ? " stage" : " stages")
                .append("</title>\n");
        appendMarker(out, markerId);
        for (Box box : boxes.values()) {
            appendStage(out, box);
        }
        appendEdges(out, plan, boxes, markerId);
        out.append("</svg>\n");
        return out.toString();
    }

    // ---------------------------------------------------------------- layout

    /** Places every stage: columns by depth, boxes in a column stacked and centred vertically. */
    private static Map<Integer, Box> layout(ExecutionPlan plan) {
        List<List<PlanStage>> columns = columns(plan);
        int contentHeight = columns.stream().mapToInt(PlanSvg::columnHeight).max().orElse(0);
        Map<Integer, Box> boxes = new LinkedHashMap<>();
        int x = MARGIN;
        for (int c = 0; c < columns.size(); c++) {
            List<PlanStage> column = columns.get(c);
            if (c > 0) {
                x += columnGap(plan, column);
            }
            int columnWidth = column.stream().mapToInt(PlanSvg::boxWidth).max().orElse(MIN_BOX_WIDTH);
            int y = MARGIN + (contentHeight - columnHeight(column)) / 2;
            for (PlanStage stage : column) {
                int boxHeight = boxHeight(stage);
                boxes.put(stage.id(), new Box(stage, x, y, columnWidth, boxHeight));
                y += boxHeight + ROW_GAP;
            }
            x += columnWidth;
        }
        return boxes;
    }

    /** The stages grouped by depth, shallowest first, each group in plan order. */
    private static List<List<PlanStage>> columns(ExecutionPlan plan) {
        Map<Integer, PlanStage> byId = new HashMap<>();
        plan.stages().forEach(stage -> byId.put(stage.id(), stage));
        Map<Integer, Integer> depths = new HashMap<>();
        Map<Integer, List<PlanStage>> columns = new TreeMap<>();
        for (PlanStage stage : plan.stages()) {
            int depth = depth(stage, byId, depths, new HashSet<>());
            columns.computeIfAbsent(depth, d -> new ArrayList<>()).add(stage);
        }
        return new ArrayList<>(columns.values());
    }

    /**
     * 0 for a stage that reads no shuffle, else one more than the deepest stage it reads from. Reads
     * from stages missing from the plan, and cycles (which a valid plan never has), are ignored.
     */
    private static int depth(PlanStage stage, Map<Integer, PlanStage> byId, Map<Integer, Integer> depths,
                             Set<Integer> visiting) {
        Integer known = depths.get(stage.id());
        if (known != null) {
            return known;
        }
        visiting.add(stage.id());
        int depth = 0;
        for (ShuffleRead read : stage.reads()) {
            PlanStage parent = byId.get(read.fromStage());
            if (parent != null && !visiting.contains(parent.id())) {
                depth = Math.max(depth, 1 + depth(parent, byId, depths, visiting));
            }
        }
        visiting.remove(stage.id());
        depths.put(stage.id(), depth);
        return depth;
    }

    private static int columnHeight(List<PlanStage> column) {
        int height = column.stream().mapToInt(PlanSvg::boxHeight).sum();
        return height + ROW_GAP * (column.size() - 1);
    }

    /** The space left of a column: room for the labels of the arrows that end in it, plus a slope. */
    private static int columnGap(ExecutionPlan plan, List<PlanStage> column) {
        int widest = column.stream().mapToInt(stage -> widestLabel(plan, stage.reads())).max().orElse(0);
        return Math.max(MIN_COLUMN_GAP, widest + 2 * LABEL_INSET + EDGE_SLOPE_ROOM);
    }

    private static int widestLabel(ExecutionPlan plan, List<ShuffleRead> reads) {
        int widest = 0;
        for (ShuffleRead read : reads) {
            for (String line : edgeLabel(plan, read)) {
                widest = Math.max(widest, textWidth(line));
            }
        }
        return widest;
    }

    private static int boxWidth(PlanStage stage) {
        int widest = Math.max(textWidth(title(stage)), textWidth(subtitle(stage)));
        for (PlanOperator operator : stage.operators()) {
            widest = Math.max(widest, operatorWidth(operator));
        }
        return Math.max(MIN_BOX_WIDTH, widest + 2 * PADDING);
    }

    private static int operatorWidth(PlanOperator operator) {
        int width = textWidth(operatorLine(operator));
        if (operator.isCached()) {
            width += textWidth("  " + badge(operator));
        }
        return width;
    }

    /** Tall enough for its lines, and for the labels of the arrows coming in on its left side. */
    private static int boxHeight(PlanStage stage) {
        int content = 2 * PADDING + 2 * LINE_HEIGHT + SEPARATOR_GAP + stage.operators().size() * LINE_HEIGHT;
        return Math.max(content, (stage.reads().size() + 1) * LABEL_SPACING);
    }

    /** Estimated rendered width of text at font size 12, in pixels. */
    private static int textWidth(String text) {
        return (int) Math.ceil(text.codePointCount(0, text.length()) * CHAR_WIDTH);
    }

    // ---------------------------------------------------------------- texts

    private static String title(PlanStage stage) {
        return "Stage " + stage.id() + " \u00B7 " + stage.tasks() + (stage.tasks() == 1 ? " task" : " tasks");
    }

    private static String subtitle(PlanStage stage) {
        String kind = stage.writes().map(write -> "writes shuffle " + write.shuffleId()).orElse("result");
        return stage.skipped() ? kind + " \u00B7 skipped" : kind;
    }

    private static String operatorLine(PlanOperator operator) {
        return operator.name() + " [" + operator.partitions() + "]";
    }

    private static String badge(PlanOperator operator) {
        return BADGE + operator.storageLevel();
    }

    /** "shuffle N" and, when the writer is known, its partitioner (plus "combine" if map-side combined). */
    private static List<String> edgeLabel(ExecutionPlan plan, ShuffleRead read) {
        Optional<ShuffleWrite> write = writerOf(plan, read).flatMap(PlanStage::writes);
        List<String> lines = new ArrayList<>(2);
        lines.add("shuffle " + read.shuffleId());
        write.ifPresent(w -> lines.add(w.partitioner() + (w.mapSideCombine() ? " \u00B7 combine" : "")));
        return lines;
    }

    private static Optional<PlanStage> writerOf(ExecutionPlan plan, ShuffleRead read) {
        return plan.stages().stream().filter(stage -> stage.id() == read.fromStage()).findFirst();
    }

    // ---------------------------------------------------------------- drawing

    private static void appendMarker(StringBuilder out, String markerId) {
        out.append("<defs><marker id=\"").append(markerId).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" ")
                .append("markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(EDGE).append("\"/></marker></defs>\n");
    }

    private static void appendStage(StringBuilder out, Box box) {
        PlanStage stage = box.stage();
        String textColour = stage.skipped() ? MUTED : TEXT;
        out.append("<g class=\"").append(stageClass(stage)).append("\" data-stage=\"").append(stage.id())
                .append("\">\n");
        out.append("<rect class=\"stage-box\" x=\"").append(box.x()).append("\" y=\"").append(box.y())
                .append("\" width=\"").append(box.width()).append("\" height=\"").append(box.height())
                .append("\" rx=\"8\" ry=\"8\" ").append(boxStyle(stage)).append("/>\n");
        int textX = box.x() + PADDING;
        appendText(out, textX, baseline(box, 0), "font-weight=\"bold\" fill=\"" + textColour + "\"", title(stage));
        appendText(out, textX, baseline(box, 1), "fill=\"" + subtitleColour(stage) + "\"", subtitle(stage));
        int separatorY = box.y() + PADDING + 2 * LINE_HEIGHT + SEPARATOR_GAP / 2;
        out.append("<line x1=\"").append(box.x()).append("\" y1=\"").append(separatorY).append("\" x2=\"")
                .append(box.right()).append("\" y2=\"").append(separatorY).append("\" stroke=\"")
                .append(stage.skipped() ? MUTED : "#c8d3e0").append("\"/>\n");
        List<PlanOperator> operators = stage.operators();
        for (int i = 0; i < operators.size(); i++) {
            appendOperator(out, box, operators.get(i), baseline(box, 2 + i) + SEPARATOR_GAP, textColour);
        }
        out.append("</g>\n");
    }

    private static String stageClass(PlanStage stage) {
        String kind = stage.isResult() ? "stage result" : "stage";
        return stage.skipped() ? kind + " skipped" : kind;
    }

    private static String boxStyle(PlanStage stage) {
        if (stage.skipped()) {
            return "fill=\"#f2f2f2\" stroke=\"#9e9e9e\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"";
        }
        if (stage.isResult()) {
            return "fill=\"#fdf3f2\" stroke=\"#c62828\" stroke-width=\"2.5\"";
        }
        return "fill=\"#f4f7fb\" stroke=\"#3b6ea5\" stroke-width=\"1.5\"";
    }

    private static String subtitleColour(PlanStage stage) {
        if (stage.skipped()) {
            return MUTED;
        }
        return stage.isResult() ? "#c62828" : "#3b6ea5";
    }

    /** The baseline of the {@code line}-th text line of a box (not counting the separator gap). */
    private static int baseline(Box box, int line) {
        return box.y() + PADDING + (line + 1) * LINE_HEIGHT - 5;
    }

    private static void appendOperator(StringBuilder out, Box box, PlanOperator operator, int baseline,
                                       String textColour) {
        out.append("<g class=\"").append(operator.isCached() ? "operator cached" : "operator").append("\">");
        out.append("<title>").append(escape(operator.name() + " at " + operator.callSite())).append("</title>\n");
        int textX = box.x() + PADDING;
        String line = operatorLine(operator);
        if (operator.isCached()) {
            out.append("<rect x=\"").append(textX - 4).append("\" y=\"").append(baseline - 13).append("\" width=\"")
                    .append(box.width() - 2 * PADDING + 8).append("\" height=\"17\" rx=\"4\" ry=\"4\" ")
                    .append("fill=\"#e6f4ea\" stroke=\"").append(CACHED).append("\" stroke-width=\"0.75\"/>\n");
        }
        appendText(out, textX, baseline, "fill=\"" + textColour + "\"", line);
        if (operator.isCached()) {
            int badgeX = textX + textWidth(line + "  ");
            appendText(out, badgeX, baseline, "class=\"badge\" fill=\"" + CACHED + "\"", badge(operator));
        }
        out.append("</g>\n");
    }

    private static void appendEdges(StringBuilder out, ExecutionPlan plan, Map<Integer, Box> boxes, String markerId) {
        Map<Integer, Integer> outgoing = new HashMap<>();
        for (PlanStage stage : plan.stages()) {
            for (ShuffleRead read : stage.reads()) {
                outgoing.merge(read.fromStage(), 1, Integer::sum);
            }
        }
        Map<Integer, Integer> drawnFrom = new HashMap<>();
        for (Box target : boxes.values()) {
            List<ShuffleRead> reads = target.stage().reads();
            int knee = target.x() - 2 * LABEL_INSET - widestLabel(plan, reads);
            for (int i = 0; i < reads.size(); i++) {
                ShuffleRead read = reads.get(i);
                Box source = boxes.get(read.fromStage());
                if (source == null) {
                    continue;
                }
                int sourceIndex = drawnFrom.merge(read.fromStage(), 1, Integer::sum) - 1;
                int y1 = source.spreadY(sourceIndex, outgoing.get(read.fromStage()));
                int y2 = target.spreadY(i, reads.size());
                appendEdge(out, plan, new Edge(read, source, target, y1, knee, y2), markerId);
            }
        }
    }

    /** One shuffle arrow: from the source's right side diagonally to {@code knee}, then level into the target. */
    private static void appendEdge(StringBuilder out, ExecutionPlan plan, Edge edge, String markerId) {
        ShuffleRead read = edge.read();
        int x1 = edge.source().right();
        int x2 = edge.target().x();
        int y2 = edge.y2();
        String points = edge.knee() > x1
                ? x1 + "," + edge.y1() + " " + edge.knee() + "," + y2 + " " + x2 + "," + y2
                : x1 + "," + edge.y1() + " " + x2 + "," + y2;
        out.append("<g class=\"shuffle\" data-shuffle=\"").append(read.shuffleId()).append("\">\n");
        out.append("<polyline points=\"").append(points).append("\" fill=\"none\" stroke=\"").append(EDGE)
                .append("\" stroke-width=\"1.5\"")
                .append(edge.source().stage().skipped() ? " stroke-dasharray=\"6 4\"" : "")
                .append(" marker-end=\"url(#").append(markerId).append(")\"/>\n");
        List<String> label = edgeLabel(plan, read);
        for (int i = 0; i < label.size(); i++) {
            int baseline = y2 - 5 - (label.size() - 1 - i) * 13;
            appendText(out, x2 - LABEL_INSET, baseline, "text-anchor=\"end\" font-size=\"11\" fill=\"" + EDGE
                    + "\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"", label.get(i));
        }
        out.append("</g>\n");
    }

    private static void appendText(StringBuilder out, int x, int y, String attributes, String text) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" ").append(attributes)
                .append(" xml:space=\"preserve\">").append(escape(text)).append("</text>\n");
    }

    /**
     * Escapes text for XML content and attribute values, replacing characters XML 1.0 cannot carry
     * (control characters, lone surrogates) with U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> i = appendXmlChar(out, text, i);
            }
        }
        return out.toString();
    }

    /** Appends the character (or surrogate pair) at {@code i}; returns the index of its last char. */
    private static int appendXmlChar(StringBuilder out, String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        boolean allowed = c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c));
        out.append(allowed ? c : '\uFFFD');
        return i;
    }
}
