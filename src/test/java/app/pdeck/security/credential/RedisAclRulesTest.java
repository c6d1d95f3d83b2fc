package app.pdeck.security.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisAclRulesTest {

    @Test
    void aNewUserGetsTheRulesButNotThePasswordsOrStateOfTheOldOne() {
        assertEquals(List.of("sanitize-payload", "~pdeck:*", "&*", "-@all", "+@read", "+@write", "(~tmp:* +get)"),
                RedisCredentialRotation.rules("on sanitize-payload #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd"
                        + "15d6c15b0f00a08 >leftover ~pdeck:* &* -@all +@read +@write (~tmp:* +get)"));
    }

    @Test
    void theDefaultUsersNopassIsNotCopied() {
        assertEquals(List.of("~*", "&*", "+@all"), RedisCredentialRotation.rules("on nopass ~* &* +@all"));
    }

    @Test
    void mongoUsersAlternate() {
        assertEquals("pdeck-b", MongoCredentialRotation.alternate("pdeck-a"));
        assertEquals("pdeck-a", MongoCredentialRotation.alternate("pdeck-b"));
        assertEquals("pdeck-a", MongoCredentialRotation.alternate("pdeck"));
    }
}
