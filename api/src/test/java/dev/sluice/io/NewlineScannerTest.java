package dev.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.Random;

class NewlineScannerTest {

    @Test
    void findsTheFirstNewlineInEveryRangeLikeAPlainLoop() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly bytes around '\n' (0x0A), and high bytes, to tempt the word trick into
                // errors.
                int kind = random.nextInt(6);
                bytes[i] =
                        (byte)
                                switch (kind) {
                                    case 0 -> '\n';
                                    case 1 -> 0x0B;
                                    case 2 -> 0x09;
                                    case 3 -> 0x8A;
                                    case 4 -> 0x00;
                                    default -> random.nextInt(256);
                                };
            }
            for (int from = 0; from <= bytes.length; from++) {
                for (int to = from; to <= bytes.length; to++) {
                    assertThat(NewlineScanner.indexOf(bytes, from, to))
                            .as("range [%d, %d) of round %d", from, to, round)
                            .isEqualTo(plainIndexOf(bytes, from, to));
                }
            }
        }
    }

    private static int plainIndexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
