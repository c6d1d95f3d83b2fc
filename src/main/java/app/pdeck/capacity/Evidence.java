package app.pdeck.capacity;

/** One number behind a recommendation: the signal, what was observed, and the threshold it was held against. */
public record Evidence(String signal, double observed, double threshold, String unit) {
}
