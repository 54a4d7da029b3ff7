/**
 * An executor: {@link dev.sluice.executor.ExecutorEnvironment} composes what runs tasks (serializer, memory
 * manager, block manager, local directories, shuffle fetcher) for local mode and for an executor process alike.
 *
 * <p>The executor module may depend on the API, shuffle and network modules, never on the driver
 * (ArchitectureTest).
 */
package dev.sluice.executor;
