/**
 * The shuffle-fetch benchmark: a block server in its own process, fetched from over loopback with and without TLS,
 * reporting throughput per round. May depend on the shuffle and network modules.
 */
package dev.sluice.bench.net;
