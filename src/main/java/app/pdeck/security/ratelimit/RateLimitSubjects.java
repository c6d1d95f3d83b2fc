package app.pdeck.security.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Redis hash tags of the subjects a budget belongs to, so each subject's keys live on one cluster slot:
 * {@code {ip:<address>}}, {@code {u:<userId>}}, and {@code {acct:<sha-256 of the email>}} for sign-in attempts (the
 * email, not the account id, so an unknown email is limited exactly like a real one and nothing reveals which
 * accounts exist; hashed so Redis holds no email addresses).
 */
public final class RateLimitSubjects {

    private RateLimitSubjects() {
    }

    public static String address(String address) {
        return "{ip:" + address + "}";
    }

    public static String user(String userId) {
        return "{u:" + userId + "}";
    }

    public static String account(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return "{acct:" + HexFormat.of().formatHex(digest, 0, 16) + "}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
