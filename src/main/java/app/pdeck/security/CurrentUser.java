package app.pdeck.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in caller of the current request, from the verified access token. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken token;

    public String id() {
        String subject = token.getSubject();
        if (subject == null) {
            throw new IllegalStateException("no signed-in user in this request");
        }
        return subject;
    }

    public String email() {
        return token.getClaim("upn");
    }

    public boolean isAdmin() {
        return token.getGroups() != null && token.getGroups().contains("ADMIN");
    }

    public String tokenId() {
        return token.getTokenID();
    }

    public java.time.Instant tokenExpiresAt() {
        return java.time.Instant.ofEpochSecond(token.getExpirationTime());
    }
}
