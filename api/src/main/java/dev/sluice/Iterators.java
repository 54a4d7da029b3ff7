package dev.sluice;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** Lazy iterator adapters behind the narrow operators; each pulls one input record at a time. */
final class Iterators {
    private Iterators() {
    }

    static <T, R> Iterator<R> map(Iterator<T> in, Function<? super T, ? extends R> f) {
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

    static <T> Iterator<T> filter(Iterator<T> in, Predicate<? super T> p) {
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

    static <T, R> Iterator<R> flatMap(Iterator<T> in, Function<? super T, ? extends Iterable<? extends R>> f) {
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

    /** Emission through a reused buffer: no collection is allocated per input record. */
    static <T, R> Iterator<R> mapMulti(Iterator<T> in, BiConsumer<? super T, ? super Consumer<R>> f) {
        return new Iterator<>() {
            private final ArrayList<R> buffer = new ArrayList<>();
            private final Consumer<R> sink = buffer::add;
            private int position;

            @Override
            public boolean hasNext() {
                while (position == buffer.size()) {
                    if (!in.hasNext()) {
                        return false;
                    }
                    buffer.clear();
                    position = 0;
                    f.accept(in.next(), sink);
                }
                return true;
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                R r = buffer.get(position);
                buffer.set(position++, null);
                return r;
            }
        };
    }

    static <T> Iterator<T> concat(Iterator<? extends Iterator<? extends T>> parts) {
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
}
