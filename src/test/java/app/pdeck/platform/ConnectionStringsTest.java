package app.pdeck.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectionStringsTest {

    @Test
    void credentialsOfAReplicaSetUriAreMasked() {
        assertEquals("mongodb://***@db1:27017,db2:27017/pdeck?replicaSet=rs0",
                ConnectionStrings.redact("mongodb://app:p%40ss@db1:27017,db2:27017/pdeck?replicaSet=rs0"));
    }

    @Test
    void uriWithoutCredentialsIsUnchanged() {
        assertEquals("mongodb+srv://cluster.example/pdeck", ConnectionStrings.redact("mongodb+srv://cluster.example/pdeck"));
    }
}
