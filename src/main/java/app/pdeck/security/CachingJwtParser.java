package app.pdeck.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The parser MicroProfile JWT's authentication mechanism uses for bearer tokens: SmallRye's own parser, in front of
 * which sits a {@link VerifiedTokenCache}, so a token is verified once per node rather than once per request.
 * Enabled for the whole application as a CDI alternative; the mechanism injects it by its type.
 * {@code pdeck.jwt.verified-cache.max-entries=0} turns the cache off.
 */
@Alternative
@Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    @Inject
    JWTAuthContextInfo authContextInfo;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.verified-cache.max-entries", defaultValue = "10000")
    long maxEntries;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.verified-cache.max-hold-seconds", defaultValue = "300")
    long maxHoldSeconds;

    private JWTParser verifier;
    private VerifiedTokenCache verified;

    @PostConstruct
    void start() {
        verifier = new DefaultJWTParser(authContextInfo);
        verified = new VerifiedTokenCache(maxEntries, Duration.ofSeconds(maxHoldSeconds), Ticker.systemTicker(),
                System::currentTimeMillis);
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        JsonWebToken token = verified.get(bearerToken);
        if (token == null) {
            token = verifier.parse(bearerToken);
            verified.put(bearerToken, token);
        }
        return token;
    }

    /** How many verified tokens this node holds. */
    long size() {
        return verified.size();
    }

    // The other ways in are not used for bearer tokens of requests: they go straight to SmallRye's parser.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }
}
