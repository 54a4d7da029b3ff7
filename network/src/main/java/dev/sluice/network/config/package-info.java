/**
 * Immutable, validated settings of the transport: {@link dev.sluice.network.config.TransportConfig},
 * {@link dev.sluice.network.config.TlsConfig} and the {@link dev.sluice.network.config.SharedSecret}.
 * Depends on nothing else in the module.
 */
package dev.sluice.network.config;
