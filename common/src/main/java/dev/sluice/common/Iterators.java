package dev.sluice.common;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lazy iterator adapters: those behind the narrow operators (each pulls one input record at a time) and the
 * concatenation of iterators.
 */
public final class Iterators {
    private Iterators() {
    }

    /** The elements of {@code in}, each passed through {@code f}. */
    public static <T, R> Iterator<R> map(Iterator<T> in, Function<? super T, ? extends R> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public R next() {
                return f.apply(in.next());
            }
        };
    }

    /** The elements of {@code in} that {@code p} accepts. */
    public static <T> Iterator<T> filter(Iterator<T> in, Predicate<? super T> p) {
        return new Iterator<>() {
            private T next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && in.hasNext()) {
                    T candidate = in.next();
                    if (p.test(candidate)) {
                        next = candidate;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                T result = next;
                next = null;
                return result;
            }
        };
    }

    /** The elements of what {@code f} makes of each element of {@code in} (null: none). */
    public static <T, R> Iterator<R> flatMap(Iterator<T> in, Function<? super T, ? extends Iterable<? extends R>> f) {
        return new Iterator<>() {
            private Iterator<? extends R> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    Iterable<? extends R> produced = f.apply(in.next());
                    current = produced == null ? java.util.Collections.emptyIterator() : produced.iterator();
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * What {@code f} passes to its consumer for each element of {@code in}, through one reused buffer: no collection
     * is allocated per input element. This is the pulled form only (a user's iterator downstream, a cached or
     * joined partition); a stage that consumes every record pushes {@code f}'s output straight to the next operator.
     */
    public static <T, R> Iterator<R> mapMulti(Iterator<T> in, BiConsumer<? super T, ? super Consumer<R>> f) {
        return new MapMultiIterator<>(in, f);
    }

    /** Pulls one input record at a time and hands out what {@code f} emitted for it from a buffer. */
    private static final class MapMultiIterator<T, R> implements Iterator<R>, Consumer<R> {
        private final Iterator<T> in;
        private final BiConsumer<? super T, ? super Consumer<R>> f;
        private Object[] buffer = new Object[16];
        private int size;
        private int position;

        MapMultiIterator(Iterator<T> in, BiConsumer<? super T, ? super Consumer<R>> f) {
            this.in = in;
            this.f = f;
        }

        @Override
        public void accept(R r) {
            if (size == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, size * 2);
            }
            buffer[size++] = r;
        }

        @Override
        public boolean hasNext() {
            while (position == size) {
                if (!in.hasNext()) {
                    return false;
                }
                java.util.Arrays.fill(buffer, 0, size, null);
                size = 0;
                position = 0;
                f.accept(in.next(), this);
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return (R) buffer[position++];
        }
    }

    /** The elements of each iterator of {@code parts} in turn; each part is taken from {@code parts} when reached. */
    public static <T> Iterator<T> concat(Iterator<? extends Iterator<? extends T>> parts) {
        return new Iterator<>() {
            private Iterator<? extends T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!parts.hasNext()) {
                        return false;
                    }
                    current = parts.next();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The elements of {@code first}, then those of {@code second}. */
    public static <T> Iterator<T> concat(Iterator<? extends T> first, Iterator<? extends T> second) {
        return new Concatenation<>(first, second);
    }

    /**
     * The elements of {@code first}, then those of {@code second}, in an iterator that is {@link AutoCloseable}:
     * closing it closes whichever of the two is, the second even when closing the first fails.
     */
    public static <T> ClosingConcatenation<T> concatClosing(Iterator<? extends T> first, Iterator<? extends T> second) {
        return new ClosingConcatenation<>(first, second);
    }

    /** Two iterators one after the other. */
    private static class Concatenation<T> implements Iterator<T> {
        final Iterator<? extends T> first;
        final Iterator<? extends T> second;

        Concatenation(Iterator<? extends T> first, Iterator<? extends T> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean hasNext() {
            return first.hasNext() || second.hasNext();
        }

        @Override
        public T next() {
            if (first.hasNext()) {
                return first.next();
            }
            if (second.hasNext()) {
                return second.next();
            }
            throw new NoSuchElementException();
        }
    }

    /** Two iterators one after the other, closed together; see {@link #concatClosing}. */
    @SuppressWarnings("try") // closes iterators of any kind, whose close may throw anything
    public static final class ClosingConcatenation<T> extends Concatenation<T> implements AutoCloseable {

        private ClosingConcatenation(Iterator<? extends T> first, Iterator<? extends T> second) {
            super(first, second);
        }

        @Override
        public void close() throws Exception {
            try {
                closeIfCloseable(first);
            } finally {
                closeIfCloseable(second);
            }
        }

        private static void closeIfCloseable(Iterator<?> iterator) throws Exception {
            if (iterator instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
