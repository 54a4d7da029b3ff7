/**
 * The one record contract the API and the shuffle share, so that neither mirrors the other's types: how a record
 * splits into key and value ({@link dev.sluice.common.record.RecordShape}, with an optional
 * {@link dev.sluice.common.record.KeyPacking}), and how the values of a key are combined
 * ({@link dev.sluice.common.record.Combiner}, with a {@link dev.sluice.common.record.PrimitiveMerge} when the
 * combination is a sum the shuffle may fold unboxed). The API implements these for its pair type and its
 * operators; the shuffle's collections consume them. Depends on the JDK only.
 */
package dev.sluice.common.record;
