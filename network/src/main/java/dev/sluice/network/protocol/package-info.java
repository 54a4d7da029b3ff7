/**
 * The wire format of a ready connection: frame types, decoded {@link dev.sluice.network.protocol.Frame}
 * values, and the decoder and encoder that check the frame limit. Depends only on Netty.
 */
package dev.sluice.network.protocol;
