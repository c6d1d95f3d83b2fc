package app.pdeck.capacity;

import app.pdeck.platform.problem.ProblemDetail;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes an administrator may give the connection pools at run time ({@code pdeck.capacity.mongo-pool.min/max},
 * {@code pdeck.capacity.redis-pool.min/max}). A pool is never made smaller than its configured minimum of idle
 * connections ({@code mongodb.pool.min-size}, {@code redis.pool.min-idle}): the clients refuse such a setting.
 */
public record PoolBounds(int mongoMin, int mongoMax, int redisMin, int redisMax, int mongoMinSize, int redisMinIdle) {

    public PoolBounds {
        if (mongoMin < 1 || redisMin < 1 || mongoMin > mongoMax || redisMin > redisMax) {
            throw new IllegalArgumentException("pdeck.capacity.*-pool bounds need 1 <= min <= max, got mongo "
                    + mongoMin + ".." + mongoMax + ", redis " + redisMin + ".." + redisMax);
        }
    }

    /** The lowest MongoDB pool size allowed: the bound, or the configured minimum size if that is higher. */
    public int mongoLowest() {
        return Math.max(mongoMin, mongoMinSize);
    }

    public int redisLowest() {
        return Math.max(redisMin, redisMinIdle);
    }

    /** What is wrong with the requested sizes (null: leave that pool alone); empty when both may be applied. */
    public List<ProblemDetail.FieldError> check(Integer mongoMaxSize, Integer redisPoolSize) {
        List<ProblemDetail.FieldError> errors = new ArrayList<>();
        if (mongoMaxSize != null && (mongoMaxSize < mongoLowest() || mongoMaxSize > mongoMax)) {
            errors.add(new ProblemDetail.FieldError("mongoMaxSize", outside(mongoMaxSize, mongoLowest(), mongoMax,
                    mongoMinSize > mongoMin ? " (mongodb.pool.min-size is " + mongoMinSize + ")" : "")));
        }
        if (redisPoolSize != null && (redisPoolSize < redisLowest() || redisPoolSize > redisMax)) {
            errors.add(new ProblemDetail.FieldError("redisPoolSize", outside(redisPoolSize, redisLowest(), redisMax,
                    redisMinIdle > redisMin ? " (redis.pool.min-idle is " + redisMinIdle + ")" : "")));
        }
        return errors;
    }

    private static String outside(int value, int lowest, int highest, String why) {
        return "must be between " + lowest + " and " + highest + why + ", got " + value;
    }

    /** The next size to suggest for a pool under pressure: half as large again, at least one more, within the bound. */
    static int raised(int current, int highest) {
        return Math.min(highest, Math.max(current + 1, (int) Math.ceil(current * 1.5)));
    }
}
