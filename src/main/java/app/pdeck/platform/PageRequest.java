package app.pdeck.platform;

import java.util.List;

/**
 * The page a list request asks for, read the same way by every list of the API: {@code page} counts from 1 (at most
 * {@value #MAX_PAGE}), {@code size} from 1 to {@value #MAX_SIZE} (default {@value #DEFAULT_SIZE}); an absent or
 * blank parameter takes its default;
 * anything else is a 400 problem naming the parameter.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_PAGE = 1_000_000;
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** {@code page} and {@code size} as given, or 400 (size 1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}). */
    public static PageRequest of(String page, String size) {
        return new PageRequest(QueryParameters.integer("page", page, 1, 1, MAX_PAGE),
                QueryParameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** How many items come before this page (at most 10⁶ × the largest size, so an {@code int}). */
    public int offset() {
        return (page - 1) * size;
    }

    /** This page of a list held whole in memory (lists that are short by nature, e.g. a user's projects). */
    public <T> PageView<T> slice(List<T> all) {
        List<T> items = offset() >= all.size() ? List.of() : all.subList(offset(), Math.min(all.size(), offset() + size));
        return new PageView<>(List.copyOf(items), page, size, all.size());
    }
}
