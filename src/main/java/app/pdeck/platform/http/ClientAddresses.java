package app.pdeck.platform.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the client's address from the peer address and {@code X-Forwarded-For}: the header is believed only
 * when the peer is a trusted proxy, and then only up to the first hop that is not itself a trusted proxy (the
 * right-most untrusted entry), so a client cannot choose its own address by sending the header.
 */
public final class ClientAddresses {

    private final List<Cidr> trustedProxies;

    /** @param trustedProxies addresses or CIDR ranges, e.g. {@code 10.0.0.0/8, 127.0.0.1}; blank entries ignored */
    public ClientAddresses(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (entry != null && !entry.isBlank()) {
                parsed.add(Cidr.parse(entry.strip()));
            }
        }
        this.trustedProxies = List.copyOf(parsed);
    }

    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        String first = hops[0].strip();
        return first.isEmpty() ? peer : first;
    }

    boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        return trustedProxies.stream().anyMatch(c -> c.contains(bytes));
    }

    /** The bytes of an IP literal, or null for anything else (host names are never resolved). */
    static byte[] literal(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("pdeck.http.trusted-proxies: '" + text + "' is not an IP address or CIDR range");
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("pdeck.http.trusted-proxies: bad prefix length in '" + text + "'");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
