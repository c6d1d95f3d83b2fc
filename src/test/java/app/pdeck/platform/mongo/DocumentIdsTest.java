package app.pdeck.platform.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {

    /** The form every id check of the API accepts (e.g. TaskService). */
    private static final Pattern API_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void idsAreVersion7UuidsInTheFormTheApiAccepts() {
        String id = DocumentIds.next();
        assertTrue(API_ID.matcher(id).matches(), id);
        UUID uuid = UUID.fromString(id);
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Test
    void theirFirst48BitsAreTheCreationTime() {
        long before = Instant.now().toEpochMilli();
        String id = DocumentIds.next();
        long after = Instant.now().toEpochMilli();
        long millis = UUID.fromString(id).getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, id + " says " + millis);
    }

    @Test
    void eachIdSortsAfterTheOnesMadeBeforeItEvenWithinOneMillisecond() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(DocumentIds.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertTrue(made.get(i - 1).compareTo(made.get(i)) < 0, made.get(i - 1) + " then " + made.get(i));
        }
    }

    @Test
    void threadsMakingIdsAtOnceNeverGetTheSameOne() {
        ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (int i = 0; i < 5_000; i++) {
                made.add(DocumentIds.next());
            }
        });
        assertEquals(40_000, new HashSet<>(made).size());
    }
}
