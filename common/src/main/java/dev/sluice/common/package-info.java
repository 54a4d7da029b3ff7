/**
 * Small utilities shared by modules on both sides of the api: deleting file trees ({@link FileTrees}), iterator
 * adapters ({@link Iterators}, {@link CloseableIterator}) and daemon thread factories ({@link DaemonThreads}). Its
 * {@code record} package holds the record contract the api and the shuffle share.
 *
 * <p>This is the bottom of the module graph: it depends on nothing of Sluice (and on no library beyond the JDK), so
 * that the modules below the api ({@code shuffle}, {@code network}) can use it as well as the api and the modules
 * above it. Only utilities and that contract belong here; nothing that knows about datasets, tasks, shuffles or the
 * network.
 */
package dev.sluice.common;
