package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class InputPathsTest {

    @TempDir Path dir;

    /**
     *
     *
     * <pre>
     * words/  part-00002 part-00000 part-00001 _SUCCESS .part-00000.crc sub/inner
     * data/   2024/x.txt 2023/x.txt 2023/y.txt _temporary/x.txt notes.md
     * </pre>
     */
    @BeforeEach
    void createTree() throws IOException {
        for (String name :
                List.of(
                        "words/part-00002",
                        "words/part-00000",
                        "words/part-00001",
                        "words/_SUCCESS",
                        "words/.part-00000.crc",
                        "words/sub/inner",
                        "data/2024/x.txt",
                        "data/2023/x.txt",
                        "data/2023/y.txt",
                        "data/_temporary/x.txt",
                        "data/notes.md")) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name + "\n");
        }
    }

    @Test
    void fileIsTakenAsIs() {
        assertThat(resolve("words/part-00001")).containsExactly("words/part-00001");
    }

    @Test
    void explicitlyNamedHiddenFileIsRead() {
        assertThat(resolve("words/_SUCCESS")).containsExactly("words/_SUCCESS");
    }

    @Test
    void directoryYieldsItsVisibleFilesSortedByName() {
        assertThat(resolve("words"))
                .containsExactly("words/part-00000", "words/part-00001", "words/part-00002");
    }

    @Test
    void globMatchesWithinTheLastSegment() {
        assertThat(resolve("words/part-*"))
                .containsExactly("words/part-00000", "words/part-00001", "words/part-00002");
        assertThat(resolve("words/part-0000?")).hasSize(3);
        assertThat(resolve("words/part-0000[01]"))
                .containsExactly("words/part-00000", "words/part-00001");
        assertThat(resolve("words/part-0000{2,0}"))
                .containsExactly("words/part-00000", "words/part-00002");
    }

    @Test
    void globMatchesInAnySegment() {
        assertThat(resolve("data/*/x.txt")).containsExactly("data/2023/x.txt", "data/2024/x.txt");
        assertThat(resolve("*/20{23,24}/?.txt"))
                .containsExactly("data/2023/x.txt", "data/2023/y.txt", "data/2024/x.txt");
    }

    @Test
    void globMatchingDirectoriesYieldsTheirFiles() {
        assertThat(resolve("data/20*"))
                .containsExactly("data/2023/x.txt", "data/2023/y.txt", "data/2024/x.txt");
    }

    @Test
    void wildcardsSkipHiddenNamesUnlessThePatternStartsWithThem() {
        assertThat(resolve("words/*")).doesNotContain("words/_SUCCESS", "words/.part-00000.crc");
        assertThat(resolve("data/*/x.txt")).doesNotContain("data/_temporary/x.txt");
        assertThat(resolve("data/_*/x.txt")).containsExactly("data/_temporary/x.txt");
        assertThat(resolve("words/.*.crc")).containsExactly("words/.part-00000.crc");
    }

    @Test
    void commaSeparatedEntriesAreResolvedInOrder() {
        String spec =
                String.join(
                        ",",
                        dir.resolve("data/notes.md").toString(),
                        " " + dir.resolve("words/part-0000{1,2}"),
                        dir.resolve("data/2023").toString());
        assertThat(InputPaths.resolve(spec))
                .extracting(file -> relative(file.path()))
                .containsExactly(
                        "data/notes.md",
                        "words/part-00001",
                        "words/part-00002",
                        "data/2023/x.txt",
                        "data/2023/y.txt");
    }

    @Test
    void existingPathWithACommaIsNotSplit() throws IOException {
        Files.writeString(dir.resolve("a,b.txt"), "x\n");
        assertThat(resolve("a,b.txt")).containsExactly("a,b.txt");
    }

    @Test
    void filesComeWithTheirSizes() {
        InputFile file = InputPaths.resolve(dir.resolve("words/part-00000").toString()).get(0);
        assertThat(file.size()).isEqualTo("words/part-00000\n".length());
        assertThat(file.path()).isAbsolute();
    }

    @Test
    void emptyDirectoryYieldsNoFiles() throws IOException {
        Files.createDirectory(dir.resolve("empty"));
        assertThat(resolve("empty")).isEmpty();
    }

    @Test
    void missingPathIsAnError() {
        String missing = dir + "/nope/x.txt";
        assertThatThrownBy(() -> InputPaths.resolve(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input path does not exist: " + missing);
    }

    @Test
    void patternMatchingNothingIsAnError() {
        String pattern = dir + "/words/*.txt";
        assertThatThrownBy(() -> InputPaths.resolve(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input pattern matches no files: " + pattern);
        String missingParent = dir + "/nope/*";
        assertThatThrownBy(() -> InputPaths.resolve(missingParent))
                .hasMessage("Input pattern matches no files: " + missingParent);
    }

    @Test
    void missingEntryOfAListIsNamed() {
        String missing = dir + "/nope";
        assertThatThrownBy(() -> InputPaths.resolve(dir + "/words," + missing))
                .hasMessage("Input path does not exist: " + missing);
    }

    @Test
    void blankOrEmptyEntriesAreErrors() {
        assertThatThrownBy(() -> InputPaths.resolve(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No input path given");
        assertThatThrownBy(() -> InputPaths.resolve(dir + "/words,,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty entry");
    }

    private List<String> resolve(String relativeSpec) {
        return InputPaths.resolve(dir + "/" + relativeSpec).stream()
                .map(file -> relative(file.path()))
                .toList();
    }

    private String relative(Path path) {
        return dir.relativize(path).toString();
    }
}
