package app.pdeck.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this server records in shared documents (job runs, locks, changelog): {@code jboss.node.name}, else the host. */
public final class NodeName {

    private NodeName() {
    }

    public static String current() {
        String node = System.getProperty("jboss.node.name");
        if (node != null && !node.isBlank()) {
            return node;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-node";
        }
    }
}
