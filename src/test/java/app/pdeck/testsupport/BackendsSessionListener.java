package app.pdeck.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test-owned Redis and MongoDB before any integration test (and so before Arquillian starts WildFly),
 * and stops them when the run ends. Unit-test runs (surefire, without {@code it.port.offset}) start nothing.
 */
public class BackendsSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.port.offset") != null) {
            TestBackends.startAll();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (System.getProperty("it.port.offset") != null) {
            TestBackends.get().stopAll();
        }
    }
}
