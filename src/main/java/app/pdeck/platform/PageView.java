package app.pdeck.platform;

import java.util.List;

/** One page of a listing: {@code {items, page, size, total}}; pages count from 1. */
public record PageView<T>(List<T> items, int page, int size, long total) implements Paged {
}
