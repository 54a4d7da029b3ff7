package dev.sluice.deploy.master;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides where an application's next executors go, as Spark's standalone master does: among the workers with
 * room for one executor, hand out one executor's cores at a time, round-robin over the workers (spread out) or
 * filling one worker before the next. With no cores per executor set, each worker gets one executor holding all
 * the cores handed to it.
 */
final class ExecutorPlacement {

    private ExecutorPlacement() {
    }

    /** A worker's free resources. */
    record Offer(String workerId, int freeCores, long freeMemoryMiB) {
    }

    /** One executor to launch. */
    record Assignment(String workerId, int cores) {
    }

    /**
     * The executors to launch.
     *
     * @param coresPerExecutor cores of each executor, or 0 for one executor per worker with all it is given
     * @param coresWanted how many more cores the application may take
     */
    static List<Assignment> assign(List<Offer> offers, int coresPerExecutor, long memoryPerExecutorMiB, int coresWanted,
                                   boolean spreadOut) {
        int step = coresPerExecutor > 0 ? coresPerExecutor : 1;
        List<Offer> usable = new ArrayList<>();
        for (Offer offer : offers) {
            if (offer.freeCores() >= step && offer.freeMemoryMiB() >= memoryPerExecutorMiB) {
                usable.add(offer);
            }
        }
        int n = usable.size();
        int[] cores = new int[n];
        int[] executors = new int[n];
        int left = coresWanted;
        boolean progress = true;
        while (left >= step && progress) {
            progress = false;
            for (int i = 0; i < n && left >= step; i++) {
                while (canLaunch(usable.get(i), cores[i], executors[i], step, coresPerExecutor, memoryPerExecutorMiB)
                        && left >= step) {
                    if (coresPerExecutor > 0 || executors[i] == 0) {
                        executors[i]++;
                    }
                    cores[i] += step;
                    left -= step;
                    progress = true;
                    if (spreadOut) {
                        break;
                    }
                }
            }
        }
        List<Assignment> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (coresPerExecutor > 0) {
                for (int e = 0; e < executors[i]; e++) {
                    out.add(new Assignment(usable.get(i).workerId(), coresPerExecutor));
                }
            } else if (cores[i] > 0) {
                out.add(new Assignment(usable.get(i).workerId(), cores[i]));
            }
        }
        return out;
    }

    private static boolean canLaunch(Offer offer, int assignedCores, int assignedExecutors, int step,
                                     int coresPerExecutor, long memoryPerExecutorMiB) {
        boolean coresFit = offer.freeCores() - assignedCores >= step;
        boolean newExecutor = coresPerExecutor > 0 || assignedExecutors == 0;
        boolean memoryFits = !newExecutor
                || offer.freeMemoryMiB() - (long) (assignedExecutors + 1) * memoryPerExecutorMiB >= 0;
        return coresFit && memoryFits;
    }
}
