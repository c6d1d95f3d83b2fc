package app.pdeck.platform.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.mongo.ReadPolicy.Use;
import app.pdeck.testsupport.MapConfig;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterSettings;
import com.mongodb.connection.ClusterType;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerSettings;
import com.mongodb.connection.ServerType;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which member each kind of read picks, on topologies described the way the driver sees them. */
class ReadPolicyTest {

    private static final ServerAddress PRIMARY = new ServerAddress("db-0", 27017);
    private static final ServerAddress SECONDARY = new ServerAddress("db-1", 27017);

    @Test
    void userDataIsReadFromThePrimaryOfAReplicaSet() {
        assertEquals(List.of(PRIMARY), chosen(Use.USER_DATA, "primary", replicaSet(0)));
    }

    @Test
    void backupAnalyticsAndDashboardReadAnUpToDateSecondary() {
        for (Use use : List.of(Use.BACKUP, Use.ANALYTICS, Use.DASHBOARD)) {
            assertEquals(List.of(SECONDARY), chosen(use, "secondaryPreferred", replicaSet(5)), use.key());
        }
    }

    @Test
    void aSecondaryBehindByMoreThanMaxStalenessIsNotRead() {
        assertEquals(List.of(PRIMARY), chosen(Use.BACKUP, "secondaryPreferred", replicaSet(600)));
    }

    @Test
    void aStandaloneServerAnswersEveryKindOfRead() {
        ClusterDescription standalone = cluster(ClusterConnectionMode.SINGLE, ClusterType.STANDALONE,
                server(PRIMARY, ServerType.STANDALONE, 0));
        for (Use use : Use.values()) {
            String mode = use == Use.USER_DATA ? "primary" : "secondaryPreferred";
            assertEquals(List.of(PRIMARY), chosen(use, mode, standalone), use.key());
        }
    }

    @Test
    void throughMongosThePreferenceTravelsWithTheQuery() {
        ServerAddress mongos = new ServerAddress("router", 27017);
        ClusterDescription sharded = cluster(ClusterConnectionMode.MULTIPLE, ClusterType.SHARDED,
                server(mongos, ServerType.SHARD_ROUTER, 0));
        assertEquals(List.of(mongos), chosen(Use.BACKUP, "secondaryPreferred", sharded));
        ReadPreference backup = ReadPolicy.preference(Use.BACKUP, "secondaryPreferred", 90);
        assertEquals("secondaryPreferred", backup.getName());
        assertTrue(backup.toDocument().toJson().contains("\"maxStalenessSeconds\": 90"), backup.toDocument().toJson());
    }

    @Test
    void userDataOnASecondaryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadPolicy.preference(Use.USER_DATA, "secondaryPreferred", 90));
        assertTrue(e.getMessage().contains("own writes"));
    }

    @Test
    void maxStalenessBelowMongoDbsMinimumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReadPolicy.preference(Use.BACKUP, "secondary", 30));
    }

    @Test
    void unknownModeIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadPolicy.preference(Use.ANALYTICS, "fastest", 90));
        assertTrue(e.getMessage().contains("pdeck.mongo.read.analytics"));
    }

    @Test
    void aWrongSettingOfAnyUseIsFoundBeforeItsFirstRead() {
        ReadPolicy policy = new ReadPolicy();
        policy.config = new MapConfig().set("pdeck.mongo.read.user-data", "primary")
                .set("pdeck.mongo.read.analytics", "secondaryPreferred").set("pdeck.mongo.read.dashboard", "nearst")
                .set("pdeck.mongo.read.backup", "secondaryPreferred")
                .set("pdeck.mongo.read.max-staleness-seconds", "90");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, policy::checkAll);
        assertTrue(e.getMessage().contains("pdeck.mongo.read.dashboard"), e.getMessage());

        policy.config = ((MapConfig) policy.config).set("pdeck.mongo.read.dashboard", "nearest");
        policy.checkAll();
    }

    private static List<ServerAddress> chosen(Use use, String mode, ClusterDescription cluster) {
        return ReadPolicy.preference(use, mode, 90).choose(cluster).stream().map(ServerDescription::getAddress).toList();
    }

    /** A primary and one secondary whose last write is {@code secondaryLagSeconds} behind the primary's. */
    private static ClusterDescription replicaSet(long secondaryLagSeconds) {
        return cluster(ClusterConnectionMode.MULTIPLE, ClusterType.REPLICA_SET,
                server(PRIMARY, ServerType.REPLICA_SET_PRIMARY, 0),
                server(SECONDARY, ServerType.REPLICA_SET_SECONDARY, secondaryLagSeconds));
    }

    private static ClusterDescription cluster(ClusterConnectionMode mode, ClusterType type, ServerDescription... servers) {
        List<ServerDescription> list = List.of(servers);
        return new ClusterDescription(mode, type, list,
                ClusterSettings.builder().hosts(list.stream().map(ServerDescription::getAddress).toList()).build(),
                ServerSettings.builder().heartbeatFrequency(10, TimeUnit.SECONDS).build());
    }

    private static ServerDescription server(ServerAddress address, ServerType type, long lagSeconds) {
        boolean member = type == ServerType.REPLICA_SET_PRIMARY || type == ServerType.REPLICA_SET_SECONDARY;
        return ServerDescription.builder()
                .address(address)
                .state(ServerConnectionState.CONNECTED)
                .ok(true)
                .type(type)
                .setName(member ? "rs0" : null)
                .hosts(member ? Set.of(PRIMARY.toString(), SECONDARY.toString()) : Set.of())
                .maxWireVersion(17)
                .roundTripTime(1, TimeUnit.MILLISECONDS)
                .lastWriteDate(new Date(System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(lagSeconds)))
                .lastUpdateTimeNanos(System.nanoTime())
                .build();
    }
}
