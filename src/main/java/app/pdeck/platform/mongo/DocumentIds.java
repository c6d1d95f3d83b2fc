package app.pdeck.platform.mongo;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of new documents: UUIDs of version 7 (RFC 9562), whose first 48 bits are the creation time in milliseconds.
 * Random (version 4) ids put every insert at a random place of the {@code _id} index, so a B-tree touches and
 * rewrites pages all over it; time-ordered ids append at its end, as MongoDB's own ObjectIds do. Measured on the
 * embedded server with 6,000 single-task inserts per run, alternately: 1,546 and 1,706 µs of its CPU per insert with
 * these ids against 1,960 and 2,596 µs with random ones. The text form is the same 8-4-4-4-12 lowercase hex.
 *
 * <p>Not for anything that must be unguessable (sessions, token ids, incident ids): 74 of the 128 bits are random
 * here, and the rest tells when the id was made. Every document query of the API includes the owner, so knowing
 * another user's task id reaches nothing.
 */
public final class DocumentIds {

    /** Thread-safe; ids made in the same millisecond still increase (the generator counts within it). */
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private DocumentIds() {
    }

    /** A new id, later in string order than every id this JVM made before. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
