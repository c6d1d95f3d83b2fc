package app.pdeck.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void plainUrlHasDefaultPortDatabaseZeroAndNoCredentials() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://127.0.0.1");
        assertEquals("redis://127.0.0.1:6379", endpoint.address());
        assertEquals(0, endpoint.database());
        assertNull(endpoint.username());
        assertNull(endpoint.password());
    }

    @Test
    void aclUserPasswordAndDatabaseAreSeparatedFromTheAddress() {
        RedisEndpoint endpoint = RedisEndpoint.parse("rediss://pdeck:s%40cret@cache.example:6380/3");
        assertEquals("rediss://cache.example:6380", endpoint.address());
        assertEquals("pdeck", endpoint.username());
        assertEquals("s@cret", endpoint.password());
        assertEquals(3, endpoint.database());
    }

    @Test
    void passwordOnlyUrlUsesTheDefaultUser() {
        RedisEndpoint endpoint = RedisEndpoint.parse("redis://:onlypass@h:1");
        assertNull(endpoint.username());
        assertEquals("onlypass", endpoint.password());
    }

    @Test
    void printedFormNeverContainsThePassword() {
        String printed = RedisEndpoint.parse("redis://u:topsecret@h:1/2").toString();
        assertFalse(printed.contains("topsecret"), printed);
    }

    @Test
    void unsupportedSchemeIsRejectedWithoutEchoingTheUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisEndpoint.parse("http://u:topsecret@h:1"));
        assertFalse(e.getMessage().contains("topsecret"));
    }
}
