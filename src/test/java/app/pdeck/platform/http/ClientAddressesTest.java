package app.pdeck.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.5", " "));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", new ClientAddresses(List.of()).resolve("203.0.113.9", "1.2.3.4"));
    }

    @Test
    void aClientCannotChooseItsAddressByNamingOneItself() {
        assertEquals("203.0.113.9", behindProxies.resolve("203.0.113.9", "1.2.3.4"));
    }

    @Test
    void theRightMostHopThatIsNotATrustedProxyIsTheClient() {
        assertEquals("198.51.100.7", behindProxies.resolve("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9"));
        assertEquals("198.51.100.7", behindProxies.resolve("192.168.1.5", "198.51.100.7"));
    }

    @Test
    void onlyTrustedProxiesAllTheWayFallsBackToTheFirstHop() {
        assertEquals("10.0.0.1", behindProxies.resolve("10.0.0.2", "10.0.0.1, 10.0.0.3"));
    }

    @Test
    void rangesMatchByPrefixAndHostNamesNeverMatch() {
        ClientAddresses ranges = new ClientAddresses(List.of("172.16.0.0/12", "::1"));
        assertEquals(true, ranges.isTrusted("172.31.255.255"));
        assertEquals(false, ranges.isTrusted("172.32.0.1"));
        assertEquals(true, ranges.isTrusted("::1"));
        assertEquals(false, ranges.isTrusted("localhost"));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of("proxy.example")));
    }
}
