/**
 * The driver side of the cluster modes: {@link dev.sluice.driver.cluster.ClusterDriver} serves executors
 * ({@code DriverEndpoint}: registration, heartbeats, task reports, map outputs, jars and classes),
 * {@code ClusterBackend} launches tasks on registered executors with delay scheduling ({@code LocalityQueue}) and
 * declares silent ones lost ({@code ExecutorRegistry}), turning their reports into outcomes ({@code TaskReports});
 * local-cluster mode ({@code local-cluster[N,C,M]}) starts executor processes on this machine. The standalone
 * cluster's deployment (module cluster-manager) builds on {@link dev.sluice.driver.cluster.ClusterDeployment}.
 */
package dev.sluice.driver.cluster;
