package dev.sluice.shuffle.net;

import dev.sluice.shuffle.io.ShuffleBlockId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request a fetch sends: some reduce partitions of one map output, from the server holding it.
 *
 * @param address the block server
 * @param message what is asked
 * @param retry how many times this request has been retried after connection failures (0 for the first try)
 */
record FetchRequest(InetSocketAddress address, FetchBlocks message, int retry) {

    /** Groups {@code blocks} by server and map output, one request per map output, in first-seen order. */
    static List<FetchRequest> plan(Collection<ShuffleBlockId> blocks, BlockLocator locator) {
        record MapOutputAt(InetSocketAddress address, int shuffleId, int mapId) {}
        Map<MapOutputAt, List<Integer>> grouped = new LinkedHashMap<>();
        for (ShuffleBlockId block : blocks) {
            InetSocketAddress address = locator.locate(block);
            if (address == null) {
                throw new IllegalArgumentException("The block locator knows no server for " + block);
            }
            grouped.computeIfAbsent(new MapOutputAt(address, block.shuffleId(), block.mapId()),
                    key -> new ArrayList<>()).add(block.reduceId());
        }
        List<FetchRequest> requests = new ArrayList<>(grouped.size());
        grouped.forEach((output, reduceIds) -> requests.add(new FetchRequest(output.address(), new FetchBlocks(
                output.shuffleId(), output.mapId(), reduceIds.stream().mapToInt(Integer::intValue).toArray()), 0)));
        return requests;
    }

    /** The id of block {@code reduceId} of this request's map output. */
    ShuffleBlockId block(int reduceId) {
        return new ShuffleBlockId(message.shuffleId(), message.mapId(), reduceId);
    }

    /** The next retry of this request, for the reduce ids not received yet. */
    FetchRequest retryFor(int[] missing) {
        return new FetchRequest(address, new FetchBlocks(message.shuffleId(), message.mapId(), missing), retry + 1);
    }

    /** A fresh request for one block whose checksum did not match. */
    FetchRequest refetch(int reduceId) {
        return new FetchRequest(address, new FetchBlocks(message.shuffleId(), message.mapId(), new int[] {reduceId}),
                0);
    }
}
