package app.pdeck.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A backend server (redis-server, the embedded MongoDB) that a test owns: started on a chosen loopback port,
 * stoppable and restartable by tests that simulate outages, and always stopped when the test JVM ends.
 */
public final class BackendProcess {

    private final String name;
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    public BackendProcess(String name, List<String> command, int port, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
    }

    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
        awaitPort(Duration.ofSeconds(30));
    }

    /** Stops the server abruptly, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Stops the server the way an operator would (SIGTERM), letting it flush its data. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Where the process's output goes (appended across restarts). */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitPort(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start; see " + log + ":\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout);
    }

    private String tail() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                java.nio.file.Files.newInputStream(log), StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " on 127.0.0.1:" + port;
    }
}
