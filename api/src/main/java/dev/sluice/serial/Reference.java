package dev.sluice.serial;

/**
 * A reference that serialization follows from one object to another.
 *
 * @param label how the reference is reached, e.g. {@code field 'client'} or {@code element [3]}
 * @param value the referenced object
 */
record Reference(String label, Object value) {}
