package app.pdeck.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Changes settings of the running test server through its management API ({@code /system-property=…}), which
 * MicroProfile Config reads at use time, and puts them back on {@link #close()} (use try-with-resources: the server
 * keeps such properties in its configuration file). Only for settings the test server is not started with
 * ({@code arquillian.xml}): removing a property brings back the built-in default.
 */
public final class ServerProperties implements AutoCloseable {

    private final ManagementClient client;
    private final List<String> added = new ArrayList<>();

    public ServerProperties(ManagementClient client) {
        this.client = client;
    }

    public ServerProperties set(String name, String value) {
        if (added.contains(name) || exists(name)) {
            // Also a leftover of an earlier run that was killed before it could clean up.
            execute("remove", name, null);
            added.remove(name);
        }
        execute("add", name, value);
        added.add(name);
        return this;
    }

    private boolean exists(String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-resource");
        op.get("address").add("system-property", name);
        try {
            return "success".equals(client.getControllerClient().execute(op).get("outcome").asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (String name : added) {
            execute("remove", name, null);
        }
        added.clear();
    }

    private void execute(String operation, String name, String value) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", name);
        if (value != null) {
            op.get("value").set(value);
        }
        try {
            ModelNode result = client.getControllerClient().execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException(operation + " system property " + name + " failed: "
                        + result.get("failure-description"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
