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

    /** Where a page is, for an answer that holds a page without being one (a page kept as its JSON). */
    record Position(int page, int size, long total) implements Paged {

        public static Position of(Paged page) {
            return new Position(page.page(), page.size(), page.total());
        }
    }

    /** An answer that holds a page of a list: its position, or null when it holds none. */
    interface Holder {

        Paged paging();
    }
}
