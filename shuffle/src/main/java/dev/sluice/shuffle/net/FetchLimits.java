package dev.sluice.shuffle.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a {@link NettyShuffleBlockFetcher} may have in flight, and how it retries connection failures.
 *
 * @param maxBytesInFlight no new request is sent while fetched blocks not yet closed by the reader (and blocks
 *     being received, as announced by their headers) hold this many bytes or more
 * @param maxRequestsInFlight the most requests sent and not yet fully answered
 * @param maxRetries how often a request failing on a connection error is retried before the fetch fails
 * @param retryWait the wait before the first retry; each further retry waits twice as long as the previous
 */
public record FetchLimits(long maxBytesInFlight, int maxRequestsInFlight, int maxRetries, Duration retryWait) {

    /** The default byte cap: 48 MiB. */
    public static final long DEFAULT_MAX_BYTES_IN_FLIGHT = 48L << 20;
    /** The default request cap. */
    public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 64;
    /** The default number of retries. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** The default wait before the first retry. */
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);

    private static final int MAX_BACKOFF_DOUBLINGS = 16;

    /** Checks every limit. */
    public FetchLimits {
        if (maxBytesInFlight <= 0) {
            throw new IllegalArgumentException("maxBytesInFlight must be positive, got " + maxBytesInFlight);
        }
        if (maxRequestsInFlight <= 0) {
            throw new IllegalArgumentException("maxRequestsInFlight must be positive, got " + maxRequestsInFlight);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
        }
        Objects.requireNonNull(retryWait, "retryWait");
        if (retryWait.isNegative()) {
            throw new IllegalArgumentException("retryWait must not be negative, got " + retryWait);
        }
    }

    /** The defaults: 48 MiB, 64 requests, 3 retries, 1 s first wait. */
    public static FetchLimits defaults() {
        return new FetchLimits(DEFAULT_MAX_BYTES_IN_FLIGHT, DEFAULT_MAX_REQUESTS_IN_FLIGHT, DEFAULT_MAX_RETRIES,
                DEFAULT_RETRY_WAIT);
    }

    /** These limits with another byte cap. */
    public FetchLimits withMaxBytesInFlight(long value) {
        return new FetchLimits(value, maxRequestsInFlight, maxRetries, retryWait);
    }

    /** These limits with another request cap. */
    public FetchLimits withMaxRequestsInFlight(int value) {
        return new FetchLimits(maxBytesInFlight, value, maxRetries, retryWait);
    }

    /** These limits with another retry count. */
    public FetchLimits withMaxRetries(int value) {
        return new FetchLimits(maxBytesInFlight, maxRequestsInFlight, value, retryWait);
    }

    /** These limits with another first retry wait. */
    public FetchLimits withRetryWait(Duration value) {
        return new FetchLimits(maxBytesInFlight, maxRequestsInFlight, maxRetries, value);
    }

    /** The wait before retry number {@code retry} (1 for the first): {@code retryWait * 2^(retry - 1)}. */
    public Duration retryDelay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
        }
        return retryWait.multipliedBy(1L << Math.min(retry - 1, MAX_BACKOFF_DOUBLINGS));
    }
}
