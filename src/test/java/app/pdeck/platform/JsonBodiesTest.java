package app.pdeck.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.pdeck.platform.problem.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyNestedDeeperThanTheParserAllowsIsABadRequest() {
        String nested = "{\"tags\":" + "[".repeat(5_000) + "1" + "]".repeat(5_000) + "}";
        ApiException refused = assertThrows(ApiException.class, () -> JsonBodies.object(body(nested)));
        assertEquals(400, refused.toProblem().status());
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertThrows(ApiException.class, () -> JsonBodies.object(body("{\"title\":")));
    }

    @Test
    void anObjectIsRead() {
        assertEquals("x", JsonBodies.object(body("{\"title\":\"x\"}")).getString("title"));
    }
}
