package app.pdeck.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in caller of the current request, set by {@link BearerAuthentication} once its token is accepted. */
@RequestScoped
public class CurrentUser {

    private Caller caller;

    /**
     * Called by {@link BearerAuthentication} once the token is accepted, and by nothing else (public only because CDI's
     * proxies call package-private methods reflectively).
     */
    public void signedIn(Caller caller) {
        this.caller = caller;
    }

    /** Whether this request has a signed-in caller (false on public endpoints). */
    public boolean isSignedIn() {
        return caller != null;
    }

    public String id() {
        return caller().userId();
    }

    public String email() {
        return caller().email();
    }

    public boolean isAdmin() {
        return caller().hasRole("ADMIN");
    }

    public String tokenId() {
        return caller().tokenId();
    }

    public Instant tokenExpiresAt() {
        return Instant.ofEpochMilli(caller().expiresAtMillis());
    }

    /** The sign-in session of the caller's token (null for a token older than sessions). */
    public String sessionId() {
        return caller().sessionId();
    }

    /** The verified token itself, for claims beyond these. */
    public JsonWebToken token() {
        return caller().token();
    }

    /**
     * MicroProfile JWT's injectable token ({@code @Inject JsonWebToken}) for this request: the caller's, or one
     * without any claim on a public endpoint.
     */
    @Produces
    @RequestScoped
    JsonWebToken callerToken() {
        return caller != null ? caller.token() : Anonymous.TOKEN;
    }

    /** The token of a request nobody signed in to. */
    private static final class Anonymous implements JsonWebToken {
        static final Anonymous TOKEN = new Anonymous();

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of();
        }

        @Override
        public <T> T getClaim(String claimName) {
            return null;
        }
    }

    private Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("no signed-in user in this request");
        }
        return caller;
    }
}
