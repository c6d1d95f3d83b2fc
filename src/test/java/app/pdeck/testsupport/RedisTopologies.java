package app.pdeck.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real replicated Redis deployments on loopback for tests, from Debian's redis-server: a Redis Cluster (3 masters,
 * 3 replicas) or a Sentinel group (1 master, 1 replica, 3 sentinels). Short timeouts make failovers take seconds.
 * {@link #close()} kills every process; a JVM shutdown hook does it too if a test forgets.
 */
public final class RedisTopologies implements AutoCloseable {

    public static final String MASTER_NAME = "pdeck";

    private final List<BackendProcess> servers = new ArrayList<>();
    private final List<BackendProcess> sentinels = new ArrayList<>();
    private final Path dir;

    private RedisTopologies(Path dir) {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "redis-topology-stop"));
    }

    /** Six cluster-enabled servers joined by {@code redis-cli --cluster create --cluster-replicas 1}. */
    public static RedisTopologies cluster(String name) {
        RedisTopologies t = new RedisTopologies(directory(name));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int port = freePort();
            Path nodeDir = t.dir.resolve("n" + i);
            mkdirs(nodeDir);
            t.servers.add(start(new BackendProcess("redis-cluster-" + i, List.of(redisServer(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-node-timeout", "1000",
                    "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(), "--dir", nodeDir.toString(),
                    "--save", "", "--appendonly", "no"), port, t.dir.resolve("n" + i + ".log"))));
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        run(create, Duration.ofSeconds(30));
        t.awaitClusterOk(Duration.ofSeconds(30));
        return t;
    }

    /** A master, one replica and three sentinels monitoring the master as {@link #MASTER_NAME} (quorum 2). */
    public static RedisTopologies sentinel(String name) {
        RedisTopologies t = new RedisTopologies(directory(name));
        int masterPort = freePort();
        int replicaPort = freePort();
        t.servers.add(start(new BackendProcess("redis-master", List.of(redisServer(), "--port", String.valueOf(masterPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.dir.toString()),
                masterPort, t.dir.resolve("master.log"))));
        t.servers.add(start(new BackendProcess("redis-replica", List.of(redisServer(), "--port", String.valueOf(replicaPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.dir.toString(),
                "--replicaof", "127.0.0.1", String.valueOf(masterPort)), replicaPort, t.dir.resolve("replica.log"))));
        for (int i = 0; i < 3; i++) {
            int port = freePort();
            Path conf = t.dir.resolve("sentinel-" + i + ".conf");
            write(conf, "port " + port + "\nbind 127.0.0.1\ndir " + t.dir + "\n"
                    + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2\n"
                    + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
                    + "sentinel failover-timeout " + MASTER_NAME + " 5000\n");
            t.sentinels.add(start(new BackendProcess("redis-sentinel-" + i, List.of(redisServer(), conf.toString(),
                    "--sentinel"), port, t.dir.resolve("sentinel-" + i + ".log"))));
        }
        t.awaitReplicaLinked(Duration.ofSeconds(20));
        return t;
    }

    /** {@code host:port,…} of the data servers (cluster seeds). */
    public String serverList() {
        return servers.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    /** {@code host:port,…} of the sentinels. */
    public String sentinelList() {
        return sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    /** The server currently acting as master for {@code key} (its hash slot in a cluster; the master under Sentinel). */
    public BackendProcess masterOf(String key) {
        if (!sentinels.isEmpty()) {
            String answer = cli(sentinels.get(0).port(), "SENTINEL", "get-master-addr-by-name", MASTER_NAME);
            int port = Integer.parseInt(answer.lines().skip(1).findFirst().orElseThrow().trim());
            return byPort(port);
        }
        String slot = cli(servers.get(0).port(), "CLUSTER", "KEYSLOT", key).trim();
        // CLUSTER NODES: id addr flags master ping pong epoch state slots…
        int wanted = Integer.parseInt(slot);
        for (BackendProcess server : servers) {
            if (!server.isRunning()) {
                continue;
            }
            for (String line : cli(server.port(), "CLUSTER", "NODES").lines().toList()) {
                String[] f = line.split(" ");
                if (!f[2].contains("master") || f[2].contains("fail") || f.length < 9) {
                    continue;
                }
                for (int i = 8; i < f.length; i++) {
                    String[] range = f[i].split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (wanted >= from && wanted <= to) {
                        return byPort(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
                    }
                }
            }
            break;
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    /** Runs {@code redis-cli} against a port and returns its raw output. */
    public static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(5));
    }

    @Override
    public synchronized void close() {
        sentinels.forEach(BackendProcess::kill);
        servers.forEach(BackendProcess::kill);
    }

    private BackendProcess byPort(int port) {
        return servers.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server on port " + port));
    }

    private void awaitClusterOk(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            boolean ok = servers.stream().allMatch(s -> cli(s.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
            if (ok) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("Redis Cluster not ok after " + limit);
    }

    private void awaitReplicaLinked(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (cli(servers.get(1).port(), "INFO", "replication").contains("master_link_status:up")
                    && cli(sentinels.get(0).port(), "SENTINEL", "replicas", MASTER_NAME).contains("127.0.0.1")) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("Sentinel group not ready after " + limit);
    }

    private static BackendProcess start(BackendProcess process) {
        process.start();
        return process;
    }

    private static String run(List<String> command, Duration limit) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (apt-get install redis-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path directory(String name) {
        Path dir = Path.of("target", "redis-topologies", name + "-" + System.nanoTime()).toAbsolutePath();
        mkdirs(dir);
        return dir;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String redisServer() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not installed; run: sudo apt-get install -y redis-server");
    }

    /** A free port below 55536 whose cluster bus port (port + 10000) is free too. */
    private static int freePort() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + random.nextInt(25000);
            try (ServerSocket first = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress());
                 ServerSocket bus = new ServerSocket(port + 10000, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port pair found between 20000 and 55000");
    }
}
