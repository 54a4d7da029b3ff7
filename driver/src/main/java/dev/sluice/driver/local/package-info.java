/**
 * Local mode ({@code local[N]}): the runtime provider, and a deployment whose tasks run in {@code TaskSlots} of the
 * driver's own JVM, so a context starts in milliseconds.
 */
package dev.sluice.driver.local;
