package dev.sluice.executor;

import dev.sluice.config.ConfigException;
import dev.sluice.config.SluiceConfig;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Provides {@link LocalRuntime} for the masters {@code local} (one thread), {@code local[N]} and {@code local[*]}. */
public final class LocalRuntimeProvider implements RuntimeProvider {
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)])?");

    @Override
    public boolean accepts(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    @Override
    public Runtime create(String appId, SluiceConfig config, MeterRegistry registry) {
        String master = config.get(dev.sluice.config.ConfigKeys.MASTER);
        return new LocalRuntime(appId, config, registry, threads(master));
    }

    static int threads(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            throw new ConfigException("Malformed master '" + master + "': expected local, local[N] or local[*]");
        }
        String n = m.group(1);
        if (n == null) {
            return 1;
        }
        if (n.equals("*")) {
            return java.lang.Runtime.getRuntime().availableProcessors();
        }
        int threads;
        try {
            threads = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads <= 0) {
            throw new ConfigException("Malformed master '" + master + "': the thread count must be positive");
        }
        return threads;
    }
}
