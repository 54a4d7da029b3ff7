package dev.sluice.shuffle.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * A growable in-memory byte sequence kept as a list of pages. Pages start small and double up to
 * {@value #MAX_PAGE_SIZE} bytes, so many small partitions stay cheap, large ones grow without copying,
 * and at most one partly filled page is wasted.
 */
final class PagedBytes {

    private static final int FIRST_PAGE_SIZE = 256;
    private static final int MAX_PAGE_SIZE = 64 * 1024;

    private byte[][] pages = new byte[4][];
    private int pageCount;
    private int lastPageFill;
    private long size;

    /**
     * Appends {@code length} bytes.
     *
     * @return the number of bytes of new pages allocated to hold them
     */
    long append(byte[] source, int offset, int length) {
        long allocated = 0;
        while (length > 0) {
            if (pageCount == 0 || lastPageFill == pages[pageCount - 1].length) {
                allocated += addPage();
            }
            byte[] page = pages[pageCount - 1];
            int chunk = Math.min(length, page.length - lastPageFill);
            System.arraycopy(source, offset, page, lastPageFill, chunk);
            lastPageFill += chunk;
            offset += chunk;
            length -= chunk;
            size += chunk;
        }
        return allocated;
    }

    /** Returns the number of bytes appended. */
    long size() {
        return size;
    }

    /** Writes all bytes to {@code channel}, in order. */
    void writeTo(WritableByteChannel channel) throws IOException {
        for (int i = 0; i < pageCount; i++) {
            int used = i == pageCount - 1 ? lastPageFill : pages[i].length;
            ChannelIo.writeFully(channel, ByteBuffer.wrap(pages[i], 0, used));
        }
    }

    /** Drops all pages. */
    void clear() {
        pages = new byte[4][];
        pageCount = 0;
        lastPageFill = 0;
        size = 0;
    }

    private int addPage() {
        int pageSize = pageCount == 0
                ? FIRST_PAGE_SIZE
                : Math.min(2 * pages[pageCount - 1].length, MAX_PAGE_SIZE);
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pageCount);
        }
        pages[pageCount++] = new byte[pageSize];
        lastPageFill = 0;
        return pageSize;
    }
}
