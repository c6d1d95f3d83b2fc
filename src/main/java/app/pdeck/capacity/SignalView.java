package app.pdeck.capacity;

/**
 * One signal as the capacity endpoint shows it.
 *
 * @param value     null when it could not be measured (the note says why)
 * @param threshold the limit a rule holds it against; null for figures shown for context
 * @param samples   for a p99: how many samples of the last minute it is computed from
 */
public record SignalView(String name, Double value, String unit, Double threshold, Integer samples, String note) {
}
