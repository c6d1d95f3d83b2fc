package app.pdeck.capacity;

/**
 * The limits the rules hold the signals against ({@code pdeck.capacity.*}; docs/scale-out.md, "Scaling with load").
 *
 * @param minSamples             a p99 over fewer samples than this is not trusted
 * @param httpP99Ms              target p99 of REST requests
 * @param httpMaxInFlight        requests in flight on one node above which it counts as busy
 * @param cpuHigh                process CPU load (0..1 of all cores) from which a node counts as CPU-bound
 * @param mongoPoolWaitP99Ms     p99 wait for a pooled MongoDB connection that counts as pool pressure
 * @param mongoCommandP99Ms      p99 of MongoDB reads and writes that counts as a slow database
 * @param readShare              share of reads among MongoDB reads and writes from which reads dominate
 * @param redisP99Ms             p99 of the cache's Redis calls that counts as slow
 * @param redisMemoryRatio       used_memory / maxmemory from which Redis counts as full
 * @param redisEvictionsPerMinute evictions per minute above which the cache no longer fits
 */
public record Thresholds(int minSamples, double httpP99Ms, int httpMaxInFlight, double cpuHigh,
                         double mongoPoolWaitP99Ms, double mongoCommandP99Ms, double readShare, double redisP99Ms,
                         double redisMemoryRatio, double redisEvictionsPerMinute) {
}
