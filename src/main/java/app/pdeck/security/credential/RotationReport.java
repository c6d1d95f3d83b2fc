package app.pdeck.security.credential;

import java.time.Instant;
import java.util.List;

/**
 * What a rotation did, step by step; user names only, never a password.
 *
 * @param credential     {@code redis} or {@code mongo}
 * @param previousUser   the backend user the application used before
 * @param currentUser    the backend user it uses now
 * @param previousRevoked whether the previous user was removed from the backend
 */
public record RotationReport(String credential, String previousUser, String currentUser, boolean previousRevoked,
                             List<String> steps, Instant finishedAt) {
}
