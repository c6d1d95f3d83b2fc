package app.pdeck.capacity;

import java.util.ArrayList;
import java.util.List;

/** An action, why in words, and the numbers behind it. */
public record Recommendation(Action action, String reason, List<Evidence> evidence) {

    public Recommendation {
        evidence = List.copyOf(evidence);
    }

    /** This recommendation and another one for the same action as one: both reasons, all numbers. */
    Recommendation and(Recommendation other) {
        List<Evidence> all = new ArrayList<>(evidence);
        other.evidence.stream().filter(e -> !all.contains(e)).forEach(all::add);
        return new Recommendation(action, reason + " " + other.reason, all);
    }
}
