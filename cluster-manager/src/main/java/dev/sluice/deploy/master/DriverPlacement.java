package dev.sluice.deploy.master;

import dev.sluice.deploy.master.ExecutorPlacement.Offer;

import java.util.List;
import java.util.Optional;

/**
 * Decides which worker a cluster-mode driver is launched on: the first, going round from a rotating start, with
 * the driver's cores and memory free. The start moves with each driver and each launch of it, so drivers spread
 * over the workers and a relaunched driver tries another worker first.
 */
final class DriverPlacement {

    private DriverPlacement() {
    }

    /**
     * The worker to launch on, or none if no worker has room.
     *
     * @param offers the alive workers' free resources, in their registration order
     * @param turn any number that changes from driver to driver and launch to launch: where the round starts
     */
    static Optional<String> choose(List<Offer> offers, int cores, long memoryMiB, int turn) {
        int start = offers.isEmpty() ? 0 : Math.floorMod(turn, offers.size());
        for (int i = 0; i < offers.size(); i++) {
            Offer offer = offers.get((start + i) % offers.size());
            if (offer.freeCores() >= cores && offer.freeMemoryMiB() >= memoryMiB) {
                return Optional.of(offer.workerId());
            }
        }
        return Optional.empty();
    }
}
