/**
 * Small utilities shared by modules on both sides of the api: deleting file trees ({@link FileTrees}), iterator
 * adapters ({@link Iterators}) and daemon thread factories ({@link DaemonThreads}).
 *
 * <p>This is the bottom of the module graph: it depends on nothing of Sluice (and on no library beyond the JDK), so
 * that the modules below the api ({@code shuffle}, {@code network}) can use it as well as the api and the modules
 * above it. Only utilities belong here; nothing that knows about datasets, tasks, shuffles or the network.
 */
package dev.sluice.common;
