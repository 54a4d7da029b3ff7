package dev.sluice.shuffle.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.CloseableIterator;
import dev.sluice.shuffle.io.FetchFailedException;
import dev.sluice.shuffle.io.FetchedBlock;
import dev.sluice.shuffle.io.ShuffleBlockFetcher;
import dev.sluice.shuffle.io.ShuffleBlockId;
import dev.sluice.shuffle.serializer.KryoSerializer;
import dev.sluice.shuffle.serializer.RecordOutput;
import dev.sluice.shuffle.serializer.Serializer;
import dev.sluice.shuffle.serializer.SerializerSettings;
import dev.sluice.shuffle.testing.RecordingMetrics;
import dev.sluice.shuffle.testing.TestPair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShuffleReaderTest {

    private final Serializer serializer = new KryoSerializer(SerializerSettings.defaults());
    private final RecordingMetrics metrics = new RecordingMetrics();

    @Test
    void concatenatesBlocksOpeningOneAtATime() {
        FakeFetcher fetcher = new FakeFetcher();
        fetcher.add(block(0), pairs("a", 1, "b", 2));
        fetcher.add(block(1), pairs(null, null));
        fetcher.add(block(2), pairs("c", 3));

        List<TestPair<String, Integer>> records = new ArrayList<>();
        read(fetcher).forEachRemaining(records::add);

        assertThat(records).containsExactly(
                new TestPair<>("a", 1), new TestPair<>("b", 2), new TestPair<>(null, null), new TestPair<>("c", 3));
        assertThat(fetcher.maxOpen).isEqualTo(1);
        assertThat(fetcher.open).isZero();
        assertThat(metrics.readRecords).hasValue(4);
        assertThat(metrics.readBytes.get()).isEqualTo(fetcher.totalBytes());
        assertThat(fetcher.fetchClosed).isTrue();
    }

    @Test
    void closingEarlyClosesTheOpenBlockAndTheFetch() {
        FakeFetcher fetcher = new FakeFetcher();
        fetcher.add(block(0), pairs("a", 1, "b", 2));
        fetcher.add(block(1), pairs("c", 3));
        CloseableIterator<TestPair<String, Integer>> records = read(fetcher);

        records.next();
        records.close();

        assertThat(fetcher.open).isZero();
        assertThat(fetcher.fetchClosed).isTrue();
        assertThat(records.hasNext()).isFalse();
    }

    @Test
    void ioFailureInsideABlockBecomesAFetchFailureOfThatBlock() {
        FakeFetcher fetcher = new FakeFetcher();
        fetcher.add(block(0), pairs("a", 1));
        byte[] second = pairs("b", 2, "c", 3);
        fetcher.add(block(1), second);
        fetcher.failAfter(block(1), second.length - 2);
        CloseableIterator<TestPair<String, Integer>> records = read(fetcher);

        assertThatThrownBy(() -> records.forEachRemaining(record -> {}))
                .isInstanceOf(FetchFailedException.class)
                .hasMessageContaining("shuffle_0_0_1")
                .satisfies(e -> assertThat(((FetchFailedException) e).block()).isEqualTo(block(1)));
        assertThat(fetcher.open).isZero();
    }

    private CloseableIterator<TestPair<String, Integer>> read(FakeFetcher fetcher) {
        return ShuffleReader.read(fetcher, List.copyOf(fetcher.blocks.keySet()), serializer, TestPair.shape(), metrics);
    }

    private static ShuffleBlockId block(int reduceId) {
        return new ShuffleBlockId(0, 0, reduceId);
    }

    private byte[] pairs(Object... keysAndValues) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordOutput out = serializer.newOutput(bytes)) {
            for (Object object : keysAndValues) {
                out.write(object);
            }
        }
        return bytes.toByteArray();
    }

    /** Serves in-memory blocks, counting how many are open at once. */
    private static final class FakeFetcher implements ShuffleBlockFetcher {

        final Map<ShuffleBlockId, byte[]> blocks = new LinkedHashMap<>();
        final Map<ShuffleBlockId, Integer> failAfter = new LinkedHashMap<>();
        int open;
        int maxOpen;
        boolean fetchClosed;

        void add(ShuffleBlockId id, byte[] bytes) {
            blocks.put(id, bytes);
        }

        void failAfter(ShuffleBlockId id, int bytes) {
            failAfter.put(id, bytes);
        }

        long totalBytes() {
            return blocks.values().stream().mapToLong(bytes -> bytes.length).sum();
        }

        @Override
        public Iterator<FetchedBlock> fetch(List<ShuffleBlockId> ids) {
            Iterator<ShuffleBlockId> remaining = ids.iterator();
            return new ClosingIterator() {
                @Override
                public boolean hasNext() {
                    return remaining.hasNext();
                }

                @Override
                public FetchedBlock next() {
                    ShuffleBlockId id = remaining.next();
                    open++;
                    maxOpen = Math.max(maxOpen, open);
                    return new FakeBlock(id);
                }

                @Override
                public void close() {
                    fetchClosed = true;
                }
            };
        }

        interface ClosingIterator extends Iterator<FetchedBlock>, AutoCloseable {
            @Override
            void close();
        }

        private final class FakeBlock implements FetchedBlock {
            private final ShuffleBlockId id;
            private boolean closed;

            FakeBlock(ShuffleBlockId id) {
                this.id = id;
            }

            @Override
            public ShuffleBlockId id() {
                return id;
            }

            @Override
            public long size() {
                return blocks.get(id).length;
            }

            @Override
            public InputStream open() {
                byte[] bytes = blocks.get(id);
                int limit = failAfter.getOrDefault(id, Integer.MAX_VALUE);
                return new FilterInputStream(new ByteArrayInputStream(bytes)) {
                    private int position;

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        if (position >= limit) {
                            throw new IOException("disk on fire");
                        }
                        int read = super.read(buffer, offset, Math.min(length, limit - position));
                        position += Math.max(read, 0);
                        return read;
                    }
                };
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open--;
                }
            }
        }
    }
}
