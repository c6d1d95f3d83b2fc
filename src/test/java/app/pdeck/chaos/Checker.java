package app.pdeck.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a workload history against the data read back afterwards, user by user (Jepsen-style: only what the
 * service acknowledged is promised; a write without an answer or with a 5xx may or may not have happened).
 *
 * <ul>
 *   <li><b>lost writes</b>: an acknowledged create whose task is gone, with no delete of it that may have happened;</li>
 *   <li><b>resurrected</b>: a task whose delete was acknowledged is back;</li>
 *   <li><b>lost updates</b>: the stored version is older than the newest acknowledged one, or has that version with
 *       other content than the acknowledged write (a later acknowledged write overwritten by an earlier one);</li>
 *   <li><b>phantom writes</b>: the stored version is newer than any write that may have happened;</li>
 *   <li><b>stale reads</b>: a complete list read that began after a write was acknowledged but misses the task,
 *       shows an older version, or still shows a task whose delete was acknowledged;</li>
 *   <li><b>duplicates</b>: one id twice in a read (final state, active and archive, or one list answer), or two
 *       acknowledged creates with the same id.</li>
 * </ul>
 */
public final class Checker {

    /** What the checker found; {@link #ok()} only when every count is 0. */
    public record Result(int users, int acknowledgedWrites, int indeterminateWrites, int listsChecked,
                         int lostWrites, int resurrected, int lostUpdates, int phantomWrites, int staleReads,
                         int duplicates, List<String> details) {

        public boolean ok() {
            return lostWrites == 0 && resurrected == 0 && lostUpdates == 0 && phantomWrites == 0 && staleReads == 0
                    && duplicates == 0;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("users", users);
            m.put("acknowledgedWrites", acknowledgedWrites);
            m.put("indeterminateWrites", indeterminateWrites);
            m.put("listsChecked", listsChecked);
            m.put("lostWrites", lostWrites);
            m.put("resurrected", resurrected);
            m.put("lostUpdates", lostUpdates);
            m.put("phantomWrites", phantomWrites);
            m.put("staleReads", staleReads);
            m.put("duplicates", duplicates);
            m.put("ok", ok());
            m.put("details", details);
            return m;
        }
    }

    private static final int MAX_DETAILS = 50;

    private int acknowledgedWrites;
    private int indeterminateWrites;
    private int listsChecked;
    private int lostWrites;
    private int resurrected;
    private int lostUpdates;
    private int phantomWrites;
    private int staleReads;
    private int duplicates;
    private final List<String> details = new ArrayList<>();

    private Checker() {
    }

    /**
     * @param history   every request of the workload (any order)
     * @param finalData per user, every task read back after recovery (active and archived, in read order)
     */
    public static Result check(List<Event> history, Map<Integer, List<FinalTask>> finalData) {
        Checker checker = new Checker();
        Map<Integer, List<Event>> byUser = new HashMap<>();
        for (Event e : history) {
            byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        Set<Integer> users = new HashSet<>(byUser.keySet());
        users.addAll(finalData.keySet());
        for (int user : users) {
            List<Event> events = new ArrayList<>(byUser.getOrDefault(user, List.of()));
            events.sort(Comparator.comparingLong(Event::start));
            checker.checkUser(user, events, finalData.getOrDefault(user, List.of()));
        }
        return new Result(users.size(), checker.acknowledgedWrites, checker.indeterminateWrites,
                checker.listsChecked, checker.lostWrites, checker.resurrected, checker.lostUpdates,
                checker.phantomWrites, checker.staleReads, checker.duplicates, List.copyOf(checker.details));
    }

    /** The newest acknowledged state of one task, and what else may have happened to it. */
    private static final class Ledger {
        Event created;
        Event newestWrite;
        Event acknowledgedDelete;
        boolean deleteMayHaveHappened;
        boolean writeMayHaveHappened;
    }

    private void checkUser(int user, List<Event> events, List<FinalTask> finalTasks) {
        Map<String, Ledger> ledgers = new LinkedHashMap<>();
        for (Event e : events) {
            if (!e.isWrite()) {
                continue;
            }
            if (e.indeterminate()) {
                indeterminateWrites++;
            }
            if (e.taskId() == null) {
                continue;
            }
            Ledger ledger = ledgers.computeIfAbsent(e.taskId(), id -> new Ledger());
            if (e.acknowledged()) {
                acknowledgedWrites++;
            }
            switch (e.op()) {
                case Event.CREATE -> {
                    if (e.acknowledged()) {
                        if (ledger.created != null) {
                            note("user %d: two acknowledged creates returned id %s", user, e.taskId());
                            duplicates++;
                        }
                        ledger.created = e;
                        newest(ledger, e);
                    }
                }
                case Event.PATCH -> {
                    if (e.acknowledged()) {
                        newest(ledger, e);
                    } else if (e.indeterminate()) {
                        ledger.writeMayHaveHappened = true;
                    }
                }
                case Event.DELETE -> {
                    if (e.acknowledged()) {
                        ledger.acknowledgedDelete = e;
                    } else if (e.indeterminate()) {
                        ledger.deleteMayHaveHappened = true;
                    }
                }
                default -> {
                }
            }
        }

        Map<String, FinalTask> stored = new HashMap<>();
        for (FinalTask t : finalTasks) {
            if (stored.put(t.id(), t) != null) {
                note("user %d: task %s read back twice (active and/or archived)", user, t.id());
                duplicates++;
            }
        }

        for (Map.Entry<String, Ledger> entry : ledgers.entrySet()) {
            String id = entry.getKey();
            Ledger ledger = entry.getValue();
            FinalTask now = stored.get(id);
            if (ledger.acknowledgedDelete != null) {
                if (now != null) {
                    note("user %d: task %s is back after its delete was acknowledged", user, id);
                    resurrected++;
                }
                continue;
            }
            if (ledger.newestWrite == null) {
                continue; // never acknowledged: nothing promised
            }
            if (now == null) {
                if (!ledger.deleteMayHaveHappened) {
                    note("user %d: acknowledged task %s (version %d) is lost", user, id, ledger.newestWrite.version());
                    lostWrites++;
                }
                continue;
            }
            Event newest = ledger.newestWrite;
            if (now.version() < newest.version()) {
                note("user %d: task %s is at version %d but version %d was acknowledged", user, id, now.version(),
                        newest.version());
                lostUpdates++;
            } else if (now.version() == newest.version()) {
                if (!same(now, newest)) {
                    note("user %d: task %s version %d holds %s/%d, acknowledged %s/%d", user, id, now.version(),
                            now.title(), now.priority(), newest.title(), newest.priority());
                    lostUpdates++;
                }
            } else if (!ledger.writeMayHaveHappened) {
                note("user %d: task %s is at version %d, newer than any write (%d)", user, id, now.version(),
                        newest.version());
                phantomWrites++;
            }
        }

        checkLists(user, events);
    }

    private void checkLists(int user, List<Event> events) {
        List<Event> writes = events.stream().filter(e -> e.isWrite() && e.taskId() != null).toList();
        for (Event read : events) {
            if (!read.op().equals(Event.LIST) || !read.acknowledged()) {
                continue;
            }
            Map<String, Long> seen = new HashMap<>();
            for (int i = 0; i < read.ids().size(); i++) {
                long version = i < read.versions().size() ? read.versions().get(i) : -1;
                if (seen.put(read.ids().get(i), version) != null) {
                    note("user %d: list at %d returned %s twice", user, read.start(), read.ids().get(i));
                    duplicates++;
                }
            }
            if (!read.complete()) {
                continue;
            }
            listsChecked++;
            String problem = staleness(read, seen, writes);
            if (problem != null) {
                note("user %d: list read at %d is stale: %s", user, read.start(), problem);
                staleReads++;
            }
        }
    }

    /** Why a complete list read missed a write acknowledged before it began, or null. */
    private static String staleness(Event read, Map<String, Long> seen, List<Event> writes) {
        Map<String, Event> newestBefore = new HashMap<>();
        Set<String> deletedBefore = new HashSet<>();
        Set<String> deleteOverlapping = new HashSet<>();
        for (Event w : writes) {
            if (w.op().equals(Event.DELETE) && !w.refused() && w.start() < read.end()) {
                deleteOverlapping.add(w.taskId());
            }
            if (!w.acknowledged() || w.end() >= read.start()) {
                continue;
            }
            if (w.op().equals(Event.DELETE)) {
                deletedBefore.add(w.taskId());
            } else {
                newestBefore.merge(w.taskId(), w, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        for (String id : deletedBefore) {
            if (seen.containsKey(id)) {
                return "shows " + id + " whose delete was acknowledged before it began";
            }
        }
        for (Event w : newestBefore.values()) {
            if (deletedBefore.contains(w.taskId()) || deleteOverlapping.contains(w.taskId())) {
                continue;
            }
            Long version = seen.get(w.taskId());
            if (version == null) {
                return "misses " + w.taskId() + " acknowledged (" + w.op() + ", version " + w.version() + ") before it began";
            }
            if (version < w.version()) {
                return "shows " + w.taskId() + " at version " + version + " after version " + w.version()
                        + " was acknowledged";
            }
        }
        return null;
    }

    private static void newest(Ledger ledger, Event e) {
        if (ledger.newestWrite == null || e.version() >= ledger.newestWrite.version()) {
            ledger.newestWrite = e;
        }
    }

    private static boolean same(FinalTask t, Event e) {
        return java.util.Objects.equals(t.title(), e.title()) && t.priority() == e.priority();
    }

    private void note(String format, Object... args) {
        if (details.size() < MAX_DETAILS) {
            details.add(String.format(format, args));
        }
    }
}
