/**
 * Data movement below the Sluice engine: shuffle files, spillable sorting and aggregation, and the
 * serializer seam.
 *
 * <p>This root package holds the small vocabulary shared by the sub-packages: how a caller's record
 * splits into key and value ({@link dev.sluice.common.record.RecordShape}), how values combine
 * ({@link dev.sluice.common.record.Combiner}), where metrics go ({@link dev.sluice.shuffle.ShuffleMetricsListener}),
 * and cooperative task cancellation ({@link dev.sluice.shuffle.Cancellation}). The module depends on the
 * network module only (the block service), never on the API.
 */
package dev.sluice.shuffle;

import dev.sluice.common.record.Combiner;
import dev.sluice.common.record.RecordShape;