package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IteratorsUnitTest {

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    /** An iterator over {@code values} that counts how many elements were pulled from it. */
    private static final class Counting<T> implements Iterator<T> {
        private final Iterator<T> in;
        int pulled;

        Counting(List<T> values) {
            this.in = values.iterator();
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public T next() {
            pulled++;
            return in.next();
        }
    }

    // ------------------------------------------------------------------ map

    @Test
    void mapAppliesTheFunctionLazilyOnePerRecord() {
        Counting<Integer> in = new Counting<>(List.of(1, 2, 3));
        AtomicInteger calls = new AtomicInteger();

        Iterator<String> out = Iterators.map(in, x -> {
            calls.incrementAndGet();
            return "v" + x;
        });

        assertThat(calls).hasValue(0);
        assertThat(out.hasNext()).isTrue();
        assertThat(out.hasNext()).isTrue();
        assertThat(in.pulled).isZero();
        assertThat(out.next()).isEqualTo("v1");
        assertThat(drain(out)).containsExactly("v2", "v3");
        assertThat(calls).hasValue(3);
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void mapMayProduceNulls() {
        assertThat(drain(Iterators.map(List.of(1, 2).iterator(), x -> x == 1 ? null : x)))
                .containsExactly(null, 2);
    }

    // ------------------------------------------------------------------ filter

    @Test
    void filterKeepsMatchingRecordsInOrder() {
        List<Integer> out = drain(Iterators.filter(List.of(1, 2, 3, 4, 5, 6, 7).iterator(), x -> x % 3 != 0));

        assertThat(out).containsExactly(1, 2, 4, 5, 7);
    }

    @Test
    void filterTestsEachRecordOnceHoweverOftenHasNextIsCalled() {
        Counting<Integer> in = new Counting<>(List.of(1, 2, 3, 4));
        AtomicInteger tests = new AtomicInteger();
        Iterator<Integer> out = Iterators.filter(in, x -> {
            tests.incrementAndGet();
            return x % 2 == 0;
        });

        assertThat(out.hasNext()).isTrue();
        assertThat(out.hasNext()).isTrue();
        assertThat(in.pulled).isEqualTo(2);
        assertThat(out.next()).isEqualTo(2);
        assertThat(out.next()).isEqualTo(4); // next() without hasNext()
        assertThat(out.hasNext()).isFalse();
        assertThat(out.hasNext()).isFalse();
        assertThat(tests).hasValue(4);
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void filterPassesNullRecordsThatMatch() {
        Iterator<String> out = Iterators.filter(Arrays.asList("a", null, "b", null).iterator(), x -> !"a".equals(x));

        assertThat(out.hasNext()).isTrue();
        assertThat(out.next()).isNull();
        assertThat(drain(out)).containsExactly("b", null);
    }

    @Test
    void filterOfNothing() {
        assertThat(drain(Iterators.filter(List.of(1, 2).iterator(), x -> false))).isEmpty();
        assertThat(drain(Iterators.filter(Collections.<Integer>emptyIterator(), x -> true))).isEmpty();
    }

    // ------------------------------------------------------------------ flatMap

    @Test
    void flatMapConcatenatesTheProducedIterables() {
        Iterator<Integer> out = Iterators.flatMap(List.of(1, 2, 3).iterator(), x -> Collections.nCopies(x, x));

        assertThat(drain(out)).containsExactly(1, 2, 2, 3, 3, 3);
    }

    @Test
    void flatMapTreatsNullAndEmptyIterablesAsNothing() {
        Iterator<String> out = Iterators.flatMap(List.of(0, 1, 2, 3, 4, 5).iterator(),
                x -> x % 3 == 0 ? null : x % 3 == 1 ? List.of() : List.of("x" + x));

        assertThat(drain(out)).containsExactly("x2", "x5");
    }

    @Test
    void flatMapOfOnlyNullsIsEmpty() {
        Iterator<String> out = Iterators.flatMap(List.of(1, 2).iterator(), x -> null);

        assertThat(out.hasNext()).isFalse();
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void flatMapPullsInputOnlyWhenTheCurrentIterableIsUsedUp() {
        Counting<Integer> in = new Counting<>(List.of(2, 3));
        Iterator<Integer> out = Iterators.flatMap(in, x -> Collections.nCopies(x, x));

        assertThat(out.next()).isEqualTo(2);
        assertThat(out.next()).isEqualTo(2);
        assertThat(in.pulled).isEqualTo(1);
        assertThat(out.next()).isEqualTo(3);
        assertThat(in.pulled).isEqualTo(2);
        assertThat(drain(out)).containsExactly(3, 3);
    }

    @Test
    void flatMapKeepsNullElements() {
        assertThat(drain(Iterators.flatMap(List.of(1).iterator(), x -> Arrays.asList(null, x, null))))
                .containsExactly(null, 1, null);
    }

    // ------------------------------------------------------------------ mapMulti

    @Test
    void mapMultiEmitsWhatTheFunctionPushesInOrder() {
        Iterator<String> out = Iterators.<Integer, String>mapMulti(List.of(1, 0, 3, 0, 0, 2).iterator(), (x, sink) -> {
            for (int i = 0; i < x; i++) {
                sink.accept(x + ":" + i);
            }
        });

        assertThat(drain(out)).containsExactly("1:0", "3:0", "3:1", "3:2", "2:0", "2:1");
    }

    @Test
    void mapMultiDoesNotRepeatEarlierRecordsWhenItReusesItsBuffer() {
        // A long emission then short ones: a buffer that is not cleared (or not reset) would replay old records.
        Iterator<Integer> out = Iterators.<Integer, Integer>mapMulti(List.of(5, 1, 2, 0, 1).iterator(), (x, sink) -> {
            for (int i = 0; i < x; i++) {
                sink.accept(x * 10 + i);
            }
        });

        assertThat(drain(out)).containsExactly(50, 51, 52, 53, 54, 10, 20, 21, 10);
    }

    @Test
    void mapMultiIsLazyAndNoSuchElementAtTheEnd() {
        Counting<Integer> in = new Counting<>(List.of(2, 2, 2));
        Iterator<Integer> out = Iterators.<Integer, Integer>mapMulti(in, (x, sink) -> {
            sink.accept(x);
            sink.accept(-x);
        });

        assertThat(in.pulled).isZero();
        assertThat(out.next()).isEqualTo(2);
        assertThat(out.next()).isEqualTo(-2);
        assertThat(in.pulled).isEqualTo(1);
        assertThat(out.hasNext()).isTrue();
        assertThat(in.pulled).isEqualTo(2);
        assertThat(drain(out)).containsExactly(2, -2, 2, -2);
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void mapMultiKeepsNullElementsAndHandlesNoOutputAtAll() {
        assertThat(drain(Iterators.<Integer, String>mapMulti(List.of(1, 2).iterator(), (x, sink) -> sink.accept(null))))
                .containsExactly(null, null);
        assertThat(drain(Iterators.<Integer, String>mapMulti(List.of(1, 2).iterator(), (x, sink) -> { })))
                .isEmpty();
    }

    // ------------------------------------------------------------------ concat

    @Test
    void concatSkipsEmptyParts() {
        Iterator<Integer> out = Iterators.concat(List.of(
                Collections.<Integer>emptyIterator(),
                List.of(1, 2).iterator(),
                Collections.<Integer>emptyIterator(),
                Collections.<Integer>emptyIterator(),
                List.of(3).iterator(),
                Collections.<Integer>emptyIterator()).iterator());

        assertThat(drain(out)).containsExactly(1, 2, 3);
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void concatOfNothingOrOnlyEmpties() {
        assertThat(drain(Iterators.concat(Collections.<Iterator<Integer>>emptyIterator()))).isEmpty();
        Iterator<Integer> empties = Iterators.concat(
                List.of(Collections.<Integer>emptyIterator(), Collections.<Integer>emptyIterator()).iterator());
        assertThat(empties.hasNext()).isFalse();
        assertThatThrownBy(empties::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void concatOpensPartsLazily() {
        Counting<Iterator<Integer>> parts = new Counting<>(List.of(List.of(1).iterator(), List.of(2).iterator()));
        Iterator<Integer> out = Iterators.concat(parts);

        assertThat(parts.pulled).isZero();
        assertThat(out.next()).isEqualTo(1);
        assertThat(parts.pulled).isEqualTo(1);
        assertThat(out.next()).isEqualTo(2);
        assertThat(out.hasNext()).isFalse();
    }

    @Test
    void concatOfTwoReadsTheFirstThenTheSecondThenRefuses() {
        Iterator<Integer> out = Iterators.concat(List.of(1, 2).iterator(), List.of(3).iterator());

        assertThat(drain(out)).containsExactly(1, 2, 3);
        assertThatThrownBy(out::next).isInstanceOf(NoSuchElementException.class);
        assertThat(Iterators.concat(List.of(1).iterator(), List.of(2).iterator())).isNotInstanceOf(AutoCloseable.class);
    }

    /** An iterator over nothing that records its closing, and may fail it. */
    private static final class Closing implements Iterator<Integer>, AutoCloseable {
        private final RuntimeException failure;
        private boolean closed;

        Closing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public boolean hasNext() {
            return false;
        }

        @Override
        public Integer next() {
            throw new NoSuchElementException();
        }

        @Override
        public void close() {
            closed = true;
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Test
    void closingAConcatenationClosesBothEvenWhenTheFirstFails() {
        Closing first = new Closing(new IllegalStateException("first"));
        Closing second = new Closing(null);
        Iterators.ClosingConcatenation<Integer> out = Iterators.concatClosing(first, second);

        assertThat(out.hasNext()).isFalse();
        assertThatThrownBy(out::close).hasMessage("first");
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isTrue();
        Iterators.ClosingConcatenation<Integer> plain = Iterators.concatClosing(List.of(1).iterator(), second);
        assertThat(drain(plain)).containsExactly(1);
    }
}
