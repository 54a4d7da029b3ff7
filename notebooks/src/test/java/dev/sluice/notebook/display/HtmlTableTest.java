package dev.sluice.notebook.display;

import dev.sluice.Pair;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlTableTest {

    record Person(String name, int age) {
    }

    record Point(double x, double y) {
    }

    record Empty() {
    }

    /** A record whose accessor fails: its row falls back to the record's toString. */
    record Broken(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("no");
        }

        @Override
        public String toString() {
            return "Broken<" + value + ">";
        }
    }

    @Test
    void pairsBecomeKeyAndValueColumns() throws Exception {
        Element table = parse(HtmlTable.of(List.of(Pair.of("a", 1), Pair.of("b", 2))));

        assertThat(headers(table)).containsExactly("key", "value");
        assertThat(rows(table)).containsExactly(List.of("a", "1"), List.of("b", "2"));
    }

    @Test
    void mapEntriesAndMapsBecomeKeyAndValueColumns() throws Exception {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("x", 10);
        map.put("y", 20);

        Element fromEntries = parse(HtmlTable.of(new ArrayList<>(map.entrySet())));
        Element fromMap = parse(HtmlTable.of(map));

        for (Element table : List.of(fromEntries, fromMap)) {
            assertThat(headers(table)).containsExactly("key", "value");
            assertThat(rows(table)).containsExactly(List.of("x", "10"), List.of("y", "20"));
        }
    }

    @Test
    void recordsGetOneColumnPerComponent() throws Exception {
        Element table = parse(HtmlTable.of(List.of(new Person("Ada", 36), new Person("Alan", 41))));

        assertThat(headers(table)).containsExactly("name", "age");
        assertThat(rows(table)).containsExactly(List.of("Ada", "36"), List.of("Alan", "41"));
    }

    @Test
    void aRecordWhoseAccessorFailsShowsItsToString() throws Exception {
        Element table = parse(HtmlTable.of(List.of(new Broken("z"))));

        assertThat(headers(table)).containsExactly("value");
        assertThat(rows(table)).containsExactly(List.of("Broken<z>"));
    }

    @Test
    void otherElementsGetASingleValueColumn() throws Exception {
        Element table = parse(HtmlTable.of(Arrays.asList("one", null, 3, new int[] {1, 2})));

        assertThat(headers(table)).containsExactly("value");
        assertThat(rows(table)).containsExactly(List.of("one"), List.of("null"), List.of("3"), List.of("[1, 2]"));
    }

    @Test
    void mixedRecordsFallBackToASingleColumn() throws Exception {
        Element table = parse(HtmlTable.of(List.of(new Person("Ada", 36), new Point(1, 2))));

        assertThat(headers(table)).containsExactly("value");
        assertThat(rows(table)).hasSize(2);
    }

    @Test
    void escapesEveryCell() throws Exception {
        String html = HtmlTable.of(List.of(Pair.of("<b>bold</b>", "Tom & \"Jerry\" 'x'")));

        assertThat(html).doesNotContain("<b>")
                .contains("&lt;b&gt;bold&lt;/b&gt;")
                .contains("Tom &amp; &quot;Jerry&quot;");
        assertThat(rows(parse(html))).containsExactly(List.of("<b>bold</b>", "Tom & \"Jerry\" 'x'"));
    }

    @Test
    void rightAlignsNumbersOnly() throws Exception {
        Element table = parse(HtmlTable.of(List.of(new Person("Ada", 36))));

        List<Element> cells = elements(table, "td");
        assertThat(cells.get(0).getAttribute("style")).contains("text-align:left");
        assertThat(cells.get(1).getAttribute("style")).contains("text-align:right");
    }

    @Test
    void showsAtMostMaxRowsAndAFooterCountingTheRest() throws Exception {
        List<Integer> thousand = IntStream.range(0, 1000).boxed().toList();

        Element table = parse(HtmlTable.of(thousand));

        assertThat(rows(table)).hasSize(HtmlTable.DEFAULT_MAX_ROWS);
        assertThat(footer(table)).isEqualTo("… 950 more rows");

        Element three = parse(HtmlTable.of(thousand, 3));
        assertThat(rows(three)).containsExactly(List.of("0"), List.of("1"), List.of("2"));
        assertThat(footer(three)).isEqualTo("… 997 more rows");
    }

    @Test
    void footerIsSingularForOneRowAndAbsentWhenAllRowsFit() throws Exception {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", 2);

        assertThat(footer(parse(HtmlTable.of(map, 1)))).isEqualTo("… 1 more row");
        assertThat(elements(parse(HtmlTable.of(map, 2)), "tfoot")).isEmpty();
        assertThat(elements(parse(HtmlTable.of(List.of(1, 2))), "tfoot")).isEmpty();
        assertThat(elements(footerRow(parse(HtmlTable.of(map, 1))), "td").get(0).getAttribute("colspan"))
                .isEqualTo("2");
    }

    @Test
    void rejectsANegativeMaximum() {
        assertThatThrownBy(() -> HtmlTable.of(List.of(1), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyInputsGiveATableWithoutRows() throws Exception {
        assertThat(rows(parse(HtmlTable.of(List.of())))).isEmpty();
        assertThat(headers(parse(HtmlTable.of(Map.of())))).containsExactly("key", "value");
    }

    @Test
    void tellsWhatDisplaysAsATable() {
        assertThat(HtmlTable.isTabular(List.of(Pair.of("a", 1)))).isTrue();
        assertThat(HtmlTable.isTabular(List.of(new Person("Ada", 36)))).isTrue();
        assertThat(HtmlTable.isTabular(List.of(new SimpleEntry<>("k", "v"), Pair.of("a", 1)))).isTrue();
        assertThat(HtmlTable.isTabular(Map.of("k", "v"))).isTrue();

        assertThat(HtmlTable.isTabular(List.of())).isFalse();
        assertThat(HtmlTable.isTabular(Map.of())).isFalse();
        assertThat(HtmlTable.isTabular(List.of(1, 2))).isFalse();
        assertThat(HtmlTable.isTabular(Arrays.asList(Pair.of("a", 1), null))).isFalse();
        assertThat(HtmlTable.isTabular(Arrays.asList(null, new Person("Ada", 36)))).isFalse();
        assertThat(HtmlTable.isTabular(List.of(new Person("Ada", 36), new Point(1, 2)))).isFalse();
        assertThat(HtmlTable.isTabular(List.of(new Empty()))).isFalse();
        assertThat(HtmlTable.isTabular("text")).isFalse();
        assertThat(HtmlTable.isTabular(null)).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** The table parsed as XML: the output is well-formed, so any structure check is exact. */
    private static Element parse(String html) throws Exception {
        assertThat(html).startsWith("<table");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(html)));
        return doc.getDocumentElement();
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static List<String> headers(Element table) {
        return elements(table, "th").stream().map(Element::getTextContent).toList();
    }

    private static List<List<String>> rows(Element table) {
        Element body = elements(table, "tbody").get(0);
        return elements(body, "tr").stream()
                .map(row -> elements(row, "td").stream().map(Element::getTextContent).toList())
                .toList();
    }

    private static Element footerRow(Element table) {
        return elements(elements(table, "tfoot").get(0), "tr").get(0);
    }

    private static String footer(Element table) {
        return footerRow(table).getTextContent();
    }
}
