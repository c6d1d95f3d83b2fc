package app.pdeck.platform;

/** A page of a list as the API answers it: {@code {items, page, size, total}} (see {@link PageView}). */
public interface Paged {

    int page();

    int size();

    long total();

    /** The last page there is (1 for an empty list). */
    default long lastPage() {
        return Math.max(1, (total() + size() - 1) / size());
    }
}
