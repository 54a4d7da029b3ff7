package dev.sluice.notebook.display;

import dev.sluice.plan.ExecutionPlan;
import dev.sluice.plan.PlanOperator;
import dev.sluice.plan.PlanStage;
import dev.sluice.plan.ShuffleRead;
import dev.sluice.plan.ShuffleWrite;
import dev.sluice.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PlanSvgTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final String NASTY_NAME = "textFile /tmp/a&b<c>";

    /**
     * Stage 0 (text file, cached map) and stage 1 (skipped) feed stage 2 (a join), which feeds the
     * result stage 3.
     */
    private static ExecutionPlan joinPlan() {
        PlanStage source = new PlanStage(0, 2, Optional.of(new ShuffleWrite(0, "HashPartitioner(2)", true)),
                List.of(op(NASTY_NAME, 2), new PlanOperator("map", 2, "Job.java:\"7\"", StorageLevel.MEMORY_ONLY)),
                List.of(), false);
        PlanStage skipped = new PlanStage(1, 3, Optional.of(new ShuffleWrite(1, "RangePartitioner(3)", false)),
                List.of(op("parallelize", 3)), List.of(), true);
        PlanStage join = new PlanStage(2, 4, Optional.of(new ShuffleWrite(2, "HashPartitioner(4)", false)),
                List.of(op("cogroup", 4), op("join", 4)), List.of(new ShuffleRead(0, 0), new ShuffleRead(1, 1)),
                false);
        PlanStage result = new PlanStage(3, 4, Optional.empty(), List.of(op("reduceByKey", 4)),
                List.of(new ShuffleRead(2, 2)), false);
        return new ExecutionPlan(List.of(source, skipped, join, result));
    }

    private static PlanOperator op(String name, int partitions) {
        return new PlanOperator(name, partitions, "Job.java:1", StorageLevel.NONE);
    }

    @Test
    void isAStandaloneSvgDocumentWithItsSize() throws Exception {
        String svg = PlanSvg.render(joinPlan());

        assertThat(svg).startsWith("<svg");
        Element root = parse(svg).getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(SVG);
        assertThat(root.getLocalName()).isEqualTo("svg");
        int width = Integer.parseInt(root.getAttribute("width"));
        int height = Integer.parseInt(root.getAttribute("height"));
        assertThat(width).isPositive();
        assertThat(height).isPositive();
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + width + " " + height);
    }

    @Test
    void drawsOneBoxPerStageAndOneArrowPerShuffleRead() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        assertThat(stageGroups(doc)).hasSize(4);
        assertThat(arrows(doc)).hasSize(3);
        assertThat(texts(doc)).contains("Stage 0 · 2 tasks", "Stage 3 · 4 tasks", "shuffle 0", "shuffle 1",
                "shuffle 2", "HashPartitioner(2) · combine", "RangePartitioner(3)", "HashPartitioner(4)");
    }

    @Test
    void arrowsRunFromTheWritingStageToTheReadingStage() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        Element join = box(stage(doc, 2));
        List<Element> intoJoin = withClass(elements(doc.getDocumentElement(), "g"), "shuffle").stream()
                .filter(g -> List.of("0", "1").contains(g.getAttribute("data-shuffle")))
                .map(g -> arrows(g).get(0))
                .toList();
        assertThat(intoJoin).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Element source = box(stage(doc, i));
            int[][] points = points(intoJoin.get(i));
            int[] start = points[0];
            int[] end = points[points.length - 1];
            assertThat(start[0]).isEqualTo(x(source) + number(source, "width"));
            assertThat(start[1]).isBetween(y(source), y(source) + number(source, "height"));
            assertThat(end[0]).isEqualTo(x(join));
            assertThat(end[1]).isBetween(y(join), y(join) + number(join, "height"));
        }
    }

    @Test
    void everyArrowUsesAMarkerDefinedInTheDocument() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        Element marker = (Element) doc.getElementsByTagNameNS(SVG, "marker").item(0);
        assertThat(marker).isNotNull();
        for (Element arrow : arrows(doc)) {
            assertThat(arrow.getAttribute("marker-end")).isEqualTo("url(#" + marker.getAttribute("id") + ")");
        }
    }

    @Test
    void listsOperatorsFirstToLastFromTopToBottom() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        Element join = stage(doc, 2);
        List<Element> lines = elements(join, "text");
        List<String> texts = lines.stream().map(Node::getTextContent).toList();
        int cogroup = texts.indexOf("cogroup [4]");
        int joinLine = texts.indexOf("join [4]");
        assertThat(cogroup).isNotNegative();
        assertThat(joinLine).isGreaterThan(cogroup);
        assertThat(y(lines.get(joinLine))).isGreaterThan(y(lines.get(cogroup)));
    }

    @Test
    void placesStagesLeftToRightByDepthAndStacksAColumn() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        Element source = box(stage(doc, 0));
        Element skipped = box(stage(doc, 1));
        Element join = box(stage(doc, 2));
        Element result = box(stage(doc, 3));
        assertThat(x(source)).isEqualTo(x(skipped));
        assertThat(y(skipped)).isGreaterThanOrEqualTo(y(source) + number(source, "height"));
        assertThat(x(join)).isGreaterThan(x(source) + number(source, "width"));
        assertThat(x(result)).isGreaterThan(x(join) + number(join, "width"));
    }

    @Test
    void escapesOperatorNamesAndCallSites() throws Exception {
        String svg = PlanSvg.render(joinPlan());

        assertThat(svg).contains("textFile /tmp/a&amp;b&lt;c&gt; [2]").doesNotContain("a&b<c>");
        Document doc = parse(svg);
        assertThat(texts(doc)).contains(NASTY_NAME + " [2]");
        List<String> titles = elements(doc.getDocumentElement(), "title").stream().map(Node::getTextContent).toList();
        assertThat(titles).contains("map at Job.java:\"7\"", NASTY_NAME + " at Job.java:1");
    }

    @Test
    void replacesCharactersXmlCannotCarry() throws Exception {
        PlanStage stage = new PlanStage(0, 1, Optional.empty(), List.of(op("bad\u0001name\uD800", 1)), List.of(),
                false);

        Document doc = parse(PlanSvg.render(new ExecutionPlan(List.of(stage))));

        assertThat(texts(doc)).contains("bad\uFFFDname\uFFFD [1]");
    }

    @Test
    void boxesAreWideEnoughForTheirLongestLine() throws Exception {
        String longName = "textFile /very/long/path/to/some/input/directory/with/many/files/*.csv.gz";
        PlanStage stage = new PlanStage(0, 1, Optional.empty(),
                List.of(new PlanOperator(longName, 1, "A.java:1", StorageLevel.MEMORY_AND_DISK)), List.of(), false);

        Document doc = parse(PlanSvg.render(new ExecutionPlan(List.of(stage))));

        int needed = (longName + " [1]  ● MEMORY_AND_DISK").length() * 7;
        Element box = box(stage(doc, 0));
        assertThat(number(box, "width")).isGreaterThanOrEqualTo(needed);
        Element root = doc.getDocumentElement();
        assertThat(number(root, "width")).isGreaterThanOrEqualTo(x(box) + number(box, "width"));
    }

    @Test
    void marksCachedOperatorsWithTheirStorageLevel() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        List<Element> cached = withClass(elements(doc.getDocumentElement(), "g"), "cached");
        assertThat(cached).hasSize(1);
        assertThat(texts(cached.get(0))).contains("map [2]", "● MEMORY_ONLY");
        assertThat(elements(cached.get(0), "rect")).hasSize(1);
    }

    @Test
    void drawsSkippedStagesDashedAndTheResultStageDistinctly() throws Exception {
        Document doc = parse(PlanSvg.render(joinPlan()));

        Element skipped = stage(doc, 1);
        assertThat(skipped.getAttribute("class")).contains("skipped");
        assertThat(box(skipped).getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(String.join("\n", texts(skipped))).contains("skipped");

        Element result = stage(doc, 3);
        assertThat(result.getAttribute("class")).contains("result");
        assertThat(texts(result)).contains("result");
        String resultStroke = box(result).getAttribute("stroke");
        for (int id = 0; id < 3; id++) {
            assertThat(box(stage(doc, id)).getAttribute("stroke")).isNotEqualTo(resultStroke);
            assertThat(stage(doc, id).getAttribute("class")).doesNotContain("result");
        }
        assertThat(box(stage(doc, 0)).getAttribute("stroke-dasharray")).isEmpty();
    }

    @Test
    void drawsASingleStagePlanWithoutArrows() throws Exception {
        PlanStage only = new PlanStage(7, 1, Optional.empty(), List.of(op("parallelize", 1)), List.of(), false);

        Document doc = parse(PlanSvg.render(new ExecutionPlan(List.of(only))));

        assertThat(stageGroups(doc)).hasSize(1);
        assertThat(arrows(doc)).isEmpty();
        assertThat(texts(doc)).contains("Stage 7 · 1 task", "result", "parallelize [1]");
    }

    @Test
    void isDeterministic() {
        assertThat(PlanSvg.render(joinPlan())).isEqualTo(PlanSvg.render(joinPlan()));
    }

    // ---------------------------------------------------------------- helpers

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> elements(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(SVG, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<Element> withClass(List<Element> elements, String cssClass) {
        return elements.stream()
                .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cssClass))
                .toList();
    }

    private static List<Element> stageGroups(Document doc) {
        return withClass(elements(doc.getDocumentElement(), "g"), "stage");
    }

    private static Element stage(Document doc, int id) {
        return stageGroups(doc).stream()
                .filter(g -> g.getAttribute("data-stage").equals(String.valueOf(id)))
                .findFirst().orElseThrow();
    }

    private static Element box(Element stage) {
        return withClass(elements(stage, "rect"), "stage-box").get(0);
    }

    private static List<Element> arrows(Document doc) {
        return arrows(doc.getDocumentElement());
    }

    private static List<Element> arrows(Element parent) {
        List<Element> arrows = new ArrayList<>();
        for (String shape : List.of("line", "path", "polyline")) {
            elements(parent, shape).stream().filter(e -> e.hasAttribute("marker-end")).forEach(arrows::add);
        }
        return arrows;
    }

    /** A polyline's points as (x, y) pairs. */
    private static int[][] points(Element polyline) {
        String[] pairs = polyline.getAttribute("points").trim().split("\\s+");
        int[][] points = new int[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] xy = pairs[i].split(",");
            points[i] = new int[] {Integer.parseInt(xy[0]), Integer.parseInt(xy[1])};
        }
        return points;
    }

    private static List<String> texts(Document doc) {
        return texts(doc.getDocumentElement());
    }

    private static List<String> texts(Element parent) {
        return elements(parent, "text").stream().map(Node::getTextContent).toList();
    }

    private static int number(Element element, String attribute) {
        return Integer.parseInt(element.getAttribute(attribute));
    }

    private static int x(Element element) {
        return number(element, "x");
    }

    private static int y(Element element) {
        return number(element, "y");
    }
}
