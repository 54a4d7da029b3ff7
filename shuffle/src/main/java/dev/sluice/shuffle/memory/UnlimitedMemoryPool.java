package dev.sluice.shuffle.memory;

/** The pool returned by {@link MemoryPool#unlimited()}: every request is granted in full. */
final class UnlimitedMemoryPool implements MemoryPool {

    static final UnlimitedMemoryPool INSTANCE = new UnlimitedMemoryPool();

    private UnlimitedMemoryPool() {}

    @Override
    public long acquire(long bytes) {
        return bytes;
    }

    @Override
    public void release(long bytes) {}

    @Override
    public String toString() {
        return "MemoryPool.unlimited()";
    }
}
