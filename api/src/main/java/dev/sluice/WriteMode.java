package dev.sluice;

/** What {@code saveAsTextFile} does when the output directory already exists. */
public enum WriteMode {
    /** Fail before running anything. */
    ERROR_IF_EXISTS,
    /** Replace the directory once the new output is complete; until then the old one stays. */
    OVERWRITE
}
