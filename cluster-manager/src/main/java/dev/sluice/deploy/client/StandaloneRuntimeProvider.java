package dev.sluice.deploy.client;

import dev.sluice.config.ConfigKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.deploy.MasterUrl;
import dev.sluice.driver.cluster.ClusterDeployment;
import dev.sluice.spi.MeterRegistrySource;
import dev.sluice.spi.Runtime;
import dev.sluice.spi.RuntimeProvider;

/** Provides standalone mode for the master {@code sluice://HOST:PORT}: this JVM is the driver (client mode). */
public final class StandaloneRuntimeProvider implements RuntimeProvider {

    @Override
    public boolean accepts(String master) {
        return MasterUrl.isStandalone(master);
    }

    @Override
    public Runtime create(String appId, SluiceConfig config, MeterRegistrySource registry) {
        MasterUrl master = MasterUrl.parse(config.get(ConfigKeys.MASTER));
        return ClusterDeployment.runtime(config, registry,
                mapOutputs -> StandaloneDeployment.start(appId, config, registry.get(), master, mapOutputs));
    }
}
