package dev.sluice.spi;

import java.io.Serializable;

/**
 * How the records of a keyed node split into key and value, and how a runtime rebuilds them after
 * a shuffle. The API supplies one for its pair type, so runtimes never depend on it.
 */
public interface RecordShape extends Serializable {
    Object key(Object record);

    Object value(Object record);

    Object of(Object key, Object value);
}
