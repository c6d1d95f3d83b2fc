package app.pdeck.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void ifNoneMatchNamingTheTagMatchesWeaklyOrStrongly() {
        assertEquals(Optional.of("\"g3e9\""), ETags.matchingNoneMatch("\"g3e9\"", "g3e9"));
        assertEquals(Optional.of("W/\"g3e9\""), ETags.matchingNoneMatch("W/\"g3e9\"", "g3e9"));
        assertEquals(Optional.of("\"g3e9\""), ETags.matchingNoneMatch("\"x\", \"g3e9\"", "g3e9"));
    }

    @Test
    void theGzipFormOfATagMatchesAndIsWhatA304Repeats() {
        assertEquals(Optional.of("\"g3e9-gzip\""), ETags.matchingNoneMatch("\"g3e9-gzip\"", "g3e9"));
    }

    @Test
    void anyOtherTagDoesNotMatch() {
        assertTrue(ETags.matchingNoneMatch("\"g4e9\"", "g3e9").isEmpty());
        assertTrue(ETags.matchingNoneMatch("\"g3e9x\"", "g3e9").isEmpty());
        assertTrue(ETags.matchingNoneMatch("\"g3e9-\"", "g3e9").isEmpty());
        assertTrue(ETags.matchingNoneMatch(null, "g3e9").isEmpty());
        assertTrue(ETags.matchingNoneMatch("\"g3e9\"", null).isEmpty(), "no tag known: never a 304");
    }

    @Test
    void aStarMatchesWhateverTheTag() {
        assertEquals(Optional.of("\"7\""), ETags.matchingNoneMatch("*", "7"));
    }
}
