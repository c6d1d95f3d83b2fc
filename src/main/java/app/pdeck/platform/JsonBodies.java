package app.pdeck.platform;

import app.pdeck.platform.problem.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
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
        } catch (JsonParsingException | IllegalStateException e) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "malformed-body",
                    "The body is not a JSON object");
        } catch (JsonException e) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.BAD_REQUEST, "malformed-body",
                    "The body is not a JSON object");
        }
    }
}
