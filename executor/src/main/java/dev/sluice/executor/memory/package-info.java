/**
 * The executor's memory budget: how much of the heap tasks may use for execution (aggregation, sorting, join
 * tables) and storage (cached blocks), and how it is shared among running tasks. Depends on the shuffle module's
 * memory reservations.
 */
package dev.sluice.executor.memory;
