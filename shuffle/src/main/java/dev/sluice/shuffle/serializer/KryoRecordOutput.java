package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.io.Output;

/** A {@link RecordOutput} writing through a Kryo {@link Output}. */
final class KryoRecordOutput implements RecordOutput {

    private final StreamKryo kryo;
    private final Output output;
    private boolean closed;

    KryoRecordOutput(KryoSerializer serializer, Output output) {
        this.kryo = new StreamKryo(serializer);
        this.output = output;
    }

    @Override
    public void write(Object object) {
        try {
            kryo.get().writeClassAndObject(output, object);
        } catch (RuntimeException e) {
            throw KryoFailures.onWrite(object, e);
        }
    }

    @Override
    public void flush() {
        try {
            output.flush();
        } catch (RuntimeException e) {
            throw KryoFailures.onWrite(null, e);
        }
    }

    @Override
    public long bytesWritten() {
        return output.total();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            output.close();
        } catch (RuntimeException e) {
            throw KryoFailures.onWrite(null, e);
        }
    }
}
