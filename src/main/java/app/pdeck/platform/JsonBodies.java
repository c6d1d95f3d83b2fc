package app.pdeck.platform;

import app.pdeck.platform.problem.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;

/**
 * Reads bodies handled as generic JSON (merge patches) with the same 400 as any unreadable body. Taken as a stream
 * because RESTEasy's JSON-B provider claims every {@code +json} type for String and JsonObject parameters.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static JsonObject object(InputStream body) {
        try (var reader = Json.createReader(body)) {
            return reader.readObject();
        } catch (RuntimeException e) {
            // JsonParsingException, JsonException, IllegalStateException — and Parsson's nesting limit
            // ("Input is too deeply nested"), which is a plain RuntimeException.
            throw new ApiException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "malformed-body",
                    "The body is not a JSON object");
        }
    }
}
