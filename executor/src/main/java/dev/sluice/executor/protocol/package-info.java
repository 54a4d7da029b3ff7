/**
 * What a driver or a worker needs to launch and talk to an executor process: the control messages
 * ({@link dev.sluice.executor.protocol.ClusterMessages}, registered with Kryo), the launch specification passed in
 * the environment ({@link dev.sluice.executor.protocol.ExecutorSpec}), transport settings (secret, TLS, frame
 * limits) and the {@code java} command line. Depends on the network and shuffle modules only.
 */
package dev.sluice.executor.protocol;
