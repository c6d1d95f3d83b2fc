package app.pdeck.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MigrationChecksumTest {

    @Test
    void theSameCodeHasTheSameChecksumWhateverTheInstance() {
        assertEquals(MigrationChecksum.of(new CountingMigration("001")), MigrationChecksum.of(new CountingMigration("002")));
        assertTrue(MigrationChecksum.of(new V002AddTaskTags()).matches("[0-9a-f]{64}"));
    }

    @Test
    void differentCodeHasADifferentChecksum() {
        assertNotEquals(MigrationChecksum.of(new V002AddTaskTags()), MigrationChecksum.of(new V003BackfillCompletedAt()));
    }

    @Test
    void aSubclassThatAddsCodeChangesTheChecksumButAContainerProxyDoesNot() {
        assertNotEquals(MigrationChecksum.of(new CountingMigration("001")),
                MigrationChecksum.of(new MigrationRunnerTest.TransactionalMigration("001")));
        assertEquals(MigrationChecksum.of(new V002AddTaskTags()), MigrationChecksum.of(new Weld$Proxy$_$$_Subclass()));
    }

    /** Named like the subclasses Weld generates around a bean. */
    static class Weld$Proxy$_$$_Subclass extends V002AddTaskTags {
    }
}
