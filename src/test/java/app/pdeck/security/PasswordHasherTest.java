package app.pdeck.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String stored = hasher.hash("correct horse".toCharArray());
        assertTrue(hasher.matches("correct horse".toCharArray(), stored));
        assertFalse(hasher.matches("correct horsE".toCharArray(), stored));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTimeAndNeverAppearsInTheHash() {
        String first = hasher.hash("correct horse".toCharArray());
        String second = hasher.hash("correct horse".toCharArray());
        assertNotEquals(first, second);
        assertFalse(first.contains("correct"));
        assertTrue(first.startsWith("pbkdf2-sha256$1000$"));
    }

    @Test
    void hashesKeepTheirOwnWorkFactorWhenTheDefaultIsRaised() {
        String old = hasher.hash("pw-0123456789".toCharArray());
        assertTrue(new PasswordHasher(5000).matches("pw-0123456789".toCharArray(), old));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertFalse(hasher.matches("x".toCharArray(), null));
        assertFalse(hasher.matches("x".toCharArray(), "plain-text"));
        assertFalse(hasher.matches("x".toCharArray(), "pbkdf2-sha256$abc$!!$??"));
    }
}
