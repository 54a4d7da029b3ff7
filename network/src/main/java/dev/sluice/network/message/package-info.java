/**
 * Typed control-plane RPC on top of the transport: {@link dev.sluice.network.message.MessageClient} sends
 * Kryo-encoded messages, {@link dev.sluice.network.message.MessageRequestHandler} decodes them for a
 * {@link dev.sluice.network.message.MessageHandler}. Depends on {@code dev.sluice.network} and its
 * {@code serialization} package.
 */
package dev.sluice.network.message;
