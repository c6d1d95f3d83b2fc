package app.pdeck.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckerTest {

    private long clock = 1_000;

    private Event create(String id, long version, String title) {
        return write(Event.CREATE, id, 201, version, title, 1);
    }

    private Event patch(String id, int status, long version, String title) {
        return write(Event.PATCH, id, status, version, title, 1);
    }

    private Event delete(String id, int status) {
        return write(Event.DELETE, id, status, -1, null, 0);
    }

    private Event write(String op, String id, int status, long version, String title, int priority) {
        long start = ++clock;
        clock += 10;
        return new Event(0, op, start, clock, status, null, id, version, title, priority, null, null, false);
    }

    private Event list(List<String> ids, List<Long> versions) {
        long start = ++clock;
        clock += 10;
        return new Event(0, Event.LIST, start, clock, 200, null, null, -1, null, 0, ids, versions, true);
    }

    private static Map<Integer, List<FinalTask>> stored(FinalTask... tasks) {
        return Map.of(0, List.of(tasks));
    }

    private static FinalTask task(String id, long version, String title) {
        return new FinalTask(id, version, title, 1, false);
    }

    @Test
    void aHistoryWhoseEveryAcknowledgedWriteIsStoredPasses() {
        List<Event> history = List.of(create("a", 1, "one"), patch("a", 200, 2, "two"), create("b", 1, "b"),
                delete("b", 204), list(List.of("a"), List.of(2L)));
        Checker.Result result = Checker.check(history, stored(task("a", 2, "two")));
        assertTrue(result.ok(), result.details().toString());
        assertEquals(4, result.acknowledgedWrites());
        assertEquals(1, result.listsChecked());
    }

    @Test
    void anAcknowledgedCreateThatIsGoneIsALostWrite() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one")), stored());
        assertEquals(1, result.lostWrites());
        assertFalse(result.ok());
    }

    @Test
    void aTaskGoneAfterAnUnansweredDeleteIsNotLost() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), delete("a", -1)), stored());
        assertTrue(result.ok(), result.details().toString());
        assertEquals(1, result.indeterminateWrites());
    }

    @Test
    void aTaskGoneAfterARefusedDeleteIsLost() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), delete("a", 412)), stored());
        assertEquals(1, result.lostWrites());
    }

    @Test
    void aTaskBackAfterAnAcknowledgedDeleteIsResurrected() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), delete("a", 204)),
                stored(task("a", 1, "one")));
        assertEquals(1, result.resurrected());
    }

    @Test
    void anOlderVersionThanTheNewestAcknowledgedIsALostUpdate() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), patch("a", 200, 2, "two")),
                stored(task("a", 1, "one")));
        assertEquals(1, result.lostUpdates());
    }

    @Test
    void theAcknowledgedVersionWithOtherContentIsALostUpdate() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), patch("a", 200, 2, "two")),
                stored(task("a", 2, "something else")));
        assertEquals(1, result.lostUpdates());
    }

    @Test
    void aNewerVersionIsFineOnlyWhenAWriteMayHaveHappened() {
        Checker.Result unexplained = Checker.check(List.of(create("a", 1, "one")), stored(task("a", 2, "two")));
        assertEquals(1, unexplained.phantomWrites());

        clock = 1_000;
        Checker.Result explained = Checker.check(List.of(create("a", 1, "one"), patch("a", 503, -1, null)),
                stored(task("a", 2, "two")));
        assertTrue(explained.ok(), explained.details().toString());
    }

    @Test
    void aListThatBeganAfterACreateWasAcknowledgedButMissesItIsStale() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), list(List.of(), List.of())),
                stored(task("a", 1, "one")));
        assertEquals(1, result.staleReads());
    }

    @Test
    void aListThatOverlapsTheCreateMayMissIt() {
        Event create = create("a", 1, "one");
        Event overlapping = new Event(0, Event.LIST, create.start() + 1, create.end() + 5, 200, null, null, -1, null,
                0, List.of(), List.of(), true);
        Checker.Result result = Checker.check(List.of(create, overlapping), stored(task("a", 1, "one")));
        assertTrue(result.ok(), result.details().toString());
    }

    @Test
    void aListShowingAnOlderVersionThanAcknowledgedIsStale() {
        List<Event> history = List.of(create("a", 1, "one"), patch("a", 200, 2, "two"),
                list(List.of("a"), List.of(1L)));
        Checker.Result result = Checker.check(history, stored(task("a", 2, "two")));
        assertEquals(1, result.staleReads());
    }

    @Test
    void aListStillShowingADeletedTaskIsStale() {
        List<Event> history = List.of(create("a", 1, "one"), delete("a", 204), list(List.of("a"), List.of(1L)));
        Checker.Result result = Checker.check(history, stored());
        assertEquals(1, result.staleReads());
    }

    @Test
    void anIncompleteListIsNotJudgedForMissingTasks() {
        Event create = create("a", 1, "one");
        Event page = new Event(0, Event.LIST, clock + 5, clock + 10, 200, null, null, -1, null, 0, List.of(),
                List.of(), false);
        Checker.Result result = Checker.check(List.of(create, page), stored(task("a", 1, "one")));
        assertTrue(result.ok(), result.details().toString());
        assertEquals(0, result.listsChecked());
    }

    @Test
    void oneIdReadBackTwiceIsADuplicate() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one")),
                stored(task("a", 1, "one"), new FinalTask("a", 1, "one", 1, true)));
        assertEquals(1, result.duplicates());
    }

    @Test
    void twoAcknowledgedCreatesWithOneIdAreADuplicate() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one"), create("a", 1, "one")),
                stored(task("a", 1, "one")));
        assertEquals(1, result.duplicates());
    }

    @Test
    void aListAnswerWithOneIdTwiceIsADuplicate() {
        List<Event> history = List.of(create("a", 1, "one"), list(List.of("a", "a"), List.of(1L, 1L)));
        Checker.Result result = Checker.check(history, stored(task("a", 1, "one")));
        assertEquals(1, result.duplicates());
    }

    @Test
    void archivedTasksCountAsStored() {
        Checker.Result result = Checker.check(List.of(create("a", 1, "one")),
                stored(new FinalTask("a", 1, "one", 1, true)));
        assertTrue(result.ok(), result.details().toString());
    }

    @Test
    void usersAreJudgedSeparately() {
        List<Event> history = new ArrayList<>(List.of(create("a", 1, "one")));
        history.add(new Event(1, Event.CREATE, 5, 6, 201, null, "b", 1, "b", 1, null, null, false));
        Checker.Result result = Checker.check(history, Map.of(0, List.of(task("a", 1, "one")), 1, List.of()));
        assertEquals(1, result.lostWrites());
        assertEquals(2, result.users());
    }

    @Test
    void historyLinesSurviveTheJsonRoundTrip() {
        Event e = new Event(3, Event.LIST, 10, 20, 200, null, null, -1, null, 0, List.of("x", "y"),
                List.of(1L, 7L), true);
        assertEquals(e, Event.fromJson(e.toJson()));
        Event w = new Event(3, Event.PATCH, 10, 20, -1, "ConnectException: \"refused\"", "x", -1, null, 0, null,
                null, false);
        assertEquals(w, Event.fromJson(w.toJson()));
    }
}
