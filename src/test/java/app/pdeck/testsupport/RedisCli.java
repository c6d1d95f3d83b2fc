package app.pdeck.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code redis-cli} against the tests' Redis, for what a test does to Redis behind the service's back. */
public final class RedisCli {

    private RedisCli() {
    }

    /** The command's output (its reply as redis-cli prints it). */
    public static String run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(TestBackends.get().redis().port())));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }
}
