package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.Kryo;

/**
 * The Kryo instance of the thread using a record stream, looked up in the serializer's thread-local only when
 * another thread starts using the stream: once per stream in practice, instead of once per record.
 */
final class StreamKryo {
    private final KryoSerializer serializer;
    private Thread owner;
    private Kryo kryo;

    StreamKryo(KryoSerializer serializer) {
        this.serializer = serializer;
    }

    Kryo get() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            kryo = serializer.kryo();
            owner = current;
        }
        return kryo;
    }
}
