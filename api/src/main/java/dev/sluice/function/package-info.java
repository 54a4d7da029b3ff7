/**
 * Serializable functional interfaces for user code. Each extends its {@code java.util.function}
 * counterpart and {@link java.io.Serializable}, so lambdas and method references passed to the
 * dataset operators can be shipped to executors.
 */
package dev.sluice.function;
