package app.pdeck.user;

/** Fired synchronously after an account's new password hash is stored and its tokens were revoked. */
public record PasswordChanged(String userId) {
}
