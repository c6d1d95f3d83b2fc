package app.pdeck.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies bearer tokens with SmallRye JWT, the MicroProfile JWT implementation WildFly ships: RS256 signature (its default)
 * against the published keys of {@link ConfiguredSigningKeys} (selected by {@code kid}), issuer
 * ({@code mp.jwt.verify.issuer}), audience ({@code mp.jwt.verify.audiences}, when set), {@code exp}, and the
 * {@code groups} claim as roles. Each token text is verified once per node: later requests with it get the
 * {@link Caller} from a {@link VerifiedTokenCache} ({@code pdeck.jwt.verified-cache.*}).
 *
 * <p>Called by {@link BearerAuthentication}, not by the server's MP-JWT mechanism: that mechanism runs through the
 * Jakarta Security bridge (Soteria, JASPIC, Elytron) on every request, which cost more than the rest of a cached
 * read (see docs/performance.md).
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.verified-cache.max-entries")
    long maxEntries;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.verified-cache.max-hold-seconds")
    long maxHoldSeconds;

    private VerifiedTokenCache verified;
    private volatile Parser parser;

    /** The parser for one version of the published keys. */
    private record Parser(String keys, DefaultJWTParser parser) {
    }

    @PostConstruct
    void start() {
        verified = new VerifiedTokenCache(maxEntries, Duration.ofSeconds(maxHoldSeconds), Ticker.systemTicker(),
                System::currentTimeMillis);
    }

    /** The caller this token belongs to; throws when it is not a valid token of ours (or has expired). */
    public Caller verify(String raw) throws ParseException {
        Caller caller = verified.get(raw);
        if (caller == null) {
            caller = Caller.of(parser().parser().parse(raw), keyId(raw));
            verified.put(raw, caller);
        }
        return caller;
    }

    /** Forgets every verified token (tests of key rotation; operators never need it). */
    void forgetVerified() {
        verified.clear();
    }

    long size() {
        return verified.size();
    }

    /** A parser for the keys published now; a new one when the key configuration changed. */
    private Parser parser() {
        String keys = ConfiguredSigningKeys.publicKeys(config).toString();
        Parser current = parser;
        if (current == null || !current.keys().equals(keys)) {
            JWTAuthContextInfo context = new JWTAuthContextInfo();
            context.setPublicKeyContent(keys);
            context.setIssuedBy(config.getValue("mp.jwt.verify.issuer", String.class));
            Optional<String> audiences = config.getOptionalValue("mp.jwt.verify.audiences", String.class);
            audiences.filter(a -> !a.isBlank()).ifPresent(a -> context.setExpectedAudience(
                    Arrays.stream(a.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                            .collect(Collectors.toSet())));
            current = new Parser(keys, new DefaultJWTParser(context));
            parser = current;
        }
        return current;
    }

    /** The {@code kid} of the token's header; read once, when the token is first verified. */
    static String keyId(String raw) {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return JWSHeader.parse(Base64URL.from(raw.substring(0, dot))).getKeyID();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

}
