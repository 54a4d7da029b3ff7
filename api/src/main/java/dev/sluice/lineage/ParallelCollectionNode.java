package dev.sluice.lineage;

import dev.sluice.spi.Dependency;
import dev.sluice.spi.Node;
import dev.sluice.spi.Partition;
import dev.sluice.spi.TaskContext;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A source over an in-memory list, cut into contiguous slices; each task carries only its slice. */
public final class ParallelCollectionNode<T> extends Node<T> {
    private static final long serialVersionUID = 1L;
    private final transient List<Slice<T>> slices;
    private final int numSlices;

    public ParallelCollectionNode(int id, String callSite, List<T> data, int numSlices) {
        super(id, "parallelize", callSite);
        this.numSlices = numSlices;
        this.slices = new ArrayList<>(numSlices);
        int size = data.size();
        for (int i = 0; i < numSlices; i++) {
            int from = (int) ((long) i * size / numSlices);
            int to = (int) ((long) (i + 1) * size / numSlices);
            slices.add(new Slice<>(i, new ArrayList<>(data.subList(from, to))));
        }
    }

    @Override
    public int numPartitions() {
        return numSlices;
    }

    @Override
    public Partition partition(int index) {
        return slices.get(index);
    }

    @Override
    public List<Dependency> dependencies() {
        return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition partition, TaskContext context) {
        return ((Slice<T>) partition).data().iterator();
    }

    /** One slice of the list. It travels as a {@link CompactSlice}. */
    record Slice<T>(int index, ArrayList<T> data) implements Partition {
        @Serial
        private Object writeReplace() {
            return new CompactSlice(index, data);
        }
    }

    /**
     * The serialized form of a slice: a slice of only non-null {@code Integer}, {@code Long}, {@code Double} or
     * {@code String} elements is written as their values, and any other as the list object. Java serialization
     * writes a boxed element as an object with a class reference and a handle; for the small jobs of tests and
     * notebooks, shipping a thousand integers that way cost more than the rest of the job.
     */
    private static final class CompactSlice implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private static final byte OBJECTS = 0;
        private static final byte INTS = 1;
        private static final byte LONGS = 2;
        private static final byte DOUBLES = 3;
        private static final byte STRINGS = 4;

        private transient int index;
        private transient ArrayList<?> data;

        CompactSlice(int index, ArrayList<?> data) {
            this.index = index;
            this.data = data;
        }

        private static byte kindOf(List<?> data) {
            if (data.isEmpty() || data.get(0) == null) {
                return OBJECTS;
            }
            Class<?> type = data.get(0).getClass();
            byte kind = type == Integer.class ? INTS : type == Long.class ? LONGS : type == Double.class ? DOUBLES
                    : type == String.class ? STRINGS : OBJECTS;
            for (Object element : data) {
                if (element == null || element.getClass() != type) {
                    return OBJECTS;
                }
            }
            return kind;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            byte kind = kindOf(data);
            out.writeInt(index);
            out.writeByte(kind);
            if (kind == OBJECTS) {
                out.writeObject(data);
                return;
            }
            out.writeInt(data.size());
            for (Object element : data) {
                switch (kind) {
                    case INTS -> out.writeInt((Integer) element);
                    case LONGS -> out.writeLong((Long) element);
                    case DOUBLES -> out.writeDouble((Double) element);
                    default -> out.writeObject(element); // strings: the stream shares equal ones
                }
            }
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            index = in.readInt();
            byte kind = in.readByte();
            if (kind == OBJECTS) {
                data = (ArrayList<?>) in.readObject();
                return;
            }
            int size = in.readInt();
            ArrayList<Object> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(switch (kind) {
                    case INTS -> in.readInt();
                    case LONGS -> in.readLong();
                    case DOUBLES -> in.readDouble();
                    case STRINGS -> in.readObject();
                    default -> throw new java.io.InvalidObjectException("Unknown slice encoding " + kind);
                });
            }
            data = elements;
        }

        @Serial
        private Object readResolve() throws ObjectStreamException {
            return new Slice<>(index, data);
        }
    }
}
