/**
 * The serializer seam: the engine writes and reads records through {@link dev.sluice.shuffle.serializer.Serializer}
 * and never names Kryo types. {@link dev.sluice.shuffle.serializer.KryoSerializer} is the implementation.
 */
package dev.sluice.shuffle.serializer;
