package dev.sluice.config;

/** A configuration key that is unknown, or a value that cannot be parsed or is out of range. */
public class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
