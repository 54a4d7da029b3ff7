package dev.sluice.shuffle.memory;

/** The task memory returned by {@link TaskMemory#unlimited()}: every request is granted in full. */
final class UnlimitedTaskMemory implements TaskMemory {

    static final UnlimitedTaskMemory INSTANCE = new UnlimitedTaskMemory();

    private UnlimitedTaskMemory() {}

    @Override
    public long acquire(long bytes) {
        return bytes;
    }

    @Override
    public void release(long bytes) {}

    @Override
    public String toString() {
        return "TaskMemory.unlimited()";
    }
}
