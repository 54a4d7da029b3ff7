package dev.sluice.shuffle.serializer;

import com.esotericsoftware.kryo.io.Output;

/** A {@link RecordOutput} writing through a Kryo {@link Output}. */
final class KryoRecordOutput implements RecordOutput {

    private final KryoSerializer serializer;
    private final Output output;
    private boolean closed;

    KryoRecordOutput(KryoSerializer serializer, Output output) {
        this.serializer = serializer;
        this.output = output;
    }

    @Override
    public void write(Object object) {
        try {
            serializer.kryo().writeClassAndObject(output, object);
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
