package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0, 0",
            "512, 512",
            "512b, 512",
            "1k, 1024",
            "64k, 65536",
            "64kb, 65536",
            "64K, 65536",
            "64KB, 65536",
            "32m, 33554432",
            "32mb, 33554432",
            "32MB, 33554432",
            "2g, 2147483648",
            "2gb, 2147483648",
            "3t, 3298534883328",
            "1tb, 1099511627776",
            "'  8m  ', 8388608",
            "'8 m', 8388608",
    })
    void parsesUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " ", "b", "k", "kb", "-1", "-5m", "1.5g", "64q", "64kk", "10 bytes", "12mbb", "one",
            "9223372036854775808"})
    void rejectsAnythingElseWithIllegalArgumentException(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}'' overflows a long")
    @ValueSource(strings = {"9007199254740992k", "8589934592g", "9999999999t"})
    void aSizeThatOverflowsALongIsAnIllegalArgument(String text) {
        // The contract is IllegalArgumentException on anything that is not a valid size.
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void largestRepresentableSizeIsAccepted() {
        assertThat(ByteSize.parse("8388607t")).isEqualTo(8388607L << 40);
        assertThat(ByteSize.parse(Long.toString(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }
}
