package dev.sluice.shuffle.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyPrefixTest {

    private static final String ALPHABET = "\u0000\u0001ab\u00fe\u00ff\u0100\u017f\uffff";

    private static List<String> strings(long seed, int count) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(List.of("", "a", "ab", "\u00ff", "\u0100", "\u00ff\u0000", "\u0100\u0000"));
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(11);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            out.add(text.toString());
        }
        return out;
    }

    @Test
    void aSmallerStringPrefixAlwaysMeansAnEarlierString() {
        List<String> strings = strings(17, 600);
        for (boolean ascending : new boolean[] {true, false}) {
            KeyPrefix prefix = KeyPrefix.naturalOrder(ascending);
            for (String a : strings) {
                for (String b : strings) {
                    if (prefix.prefix(a) < prefix.prefix(b)) {
                        int order = ascending ? a.compareTo(b) : b.compareTo(a);
                        assertThat(order).as("%s before %s (ascending %s)", escape(a), escape(b), ascending).isNegative();
                    }
                }
            }
        }
    }

    @Test
    void eightOneByteCharactersAreAllInThePrefix() {
        KeyPrefix prefix = KeyPrefix.naturalOrder(true);

        assertThat(prefix.prefix("!!!0!Siq")).isLessThan(prefix.prefix("!!!0!Sir"));
        assertThat(prefix.prefix("aaaaaaab")).isGreaterThan(prefix.prefix("aaaaaaaa"));
        assertThat(prefix.prefix("aaaaaaaa-x")).isEqualTo(prefix.prefix("aaaaaaaa-y")); // left to the comparator
        assertThat(prefix.prefix(null)).isLessThanOrEqualTo(prefix.prefix(""));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
