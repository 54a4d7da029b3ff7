/**
 * Kryo serialization of control-plane messages with registration required, so that a peer can never make this
 * side instantiate a class it names. Depends on nothing else in the module.
 */
package dev.sluice.network.serialization;
