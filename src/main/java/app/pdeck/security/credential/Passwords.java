package app.pdeck.security.credential;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** New backend passwords and user names for rotations. */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Passwords() {
    }

    /** 256 random bits, URL-safe Base64 (no characters that need quoting in a URI or a shell). */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code prefix-20261125-143000-ab12}: sortable by creation time, unique across nodes. */
    static String newUserName(String prefix) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return prefix + "-" + STAMP.format(Instant.now()) + "-" + String.format("%02x%02x", suffix[0], suffix[1]);
    }
}
