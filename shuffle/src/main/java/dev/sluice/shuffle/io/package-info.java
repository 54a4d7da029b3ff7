/**
 * Shuffle files on local disk and how blocks are fetched from them.
 *
 * <p>Each map task leaves one data file and one index file in its application's
 * {@link dev.sluice.shuffle.io.LocalDirectory}. The data file holds the serialized records of reduce
 * partition 0, then 1, and so on; each partition's segment is a concatenation of serializer streams and
 * can be decoded on its own. The index file holds {@code numPartitions + 1} big-endian longs: the offset
 * of every segment and the file length. Both are written under temporary names and renamed into place
 * by {@link dev.sluice.shuffle.io.MapOutputCommitter}, index last, so a present index means a complete
 * map output.
 */
package dev.sluice.shuffle.io;
