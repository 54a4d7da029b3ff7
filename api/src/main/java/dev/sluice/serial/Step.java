package dev.sluice.serial;

/**
 * A position in the walk of an object graph: an object and the chain of references that led to it
 * from the root.
 *
 * @param parent the step this one was reached from; null for the root
 * @param label how this object is reached from the parent's object
 * @param value the object
 * @param replaced whether {@code value} is already the result of {@code writeReplace}
 */
record Step(Step parent, String label, Object value, boolean replaced) {}
