package app.pdeck.cache;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes a {@link Rendered} answer as the bytes it holds: gzip-compressed (once per cached value, never per request)
 * for clients that accept it, with {@code Content-Encoding: gzip}; the strong {@code ETag} of such a response gets the
 * suffix {@code -gzip}, as it is another representation. Either way the answer says {@code Vary: Accept-Encoding}.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class RenderedWriter implements MessageBodyWriter<Rendered<?>> {

    /** Appended to the strong ETag of a gzip-coded body; {@code If-None-Match} accepts either form. */
    public static final String GZIP_TAG_SUFFIX = "-gzip";
    private static final String CONTENT_ENCODING = "Content-Encoding";

    @Context
    HttpHeaders request;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Rendered.class.isAssignableFrom(type) && MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType);
    }

    @Override
    public void writeTo(Rendered<?> answer, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body)
            throws IOException {
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        Rendered.Bytes gzip = acceptsGzip() ? answer.gzip() : null;
        if (gzip != null) {
            headers.putSingle(CONTENT_ENCODING, "gzip");
            Object tag = headers.getFirst(HttpHeaders.ETAG);
            if (tag instanceof EntityTag etag) {
                headers.putSingle(HttpHeaders.ETAG, new EntityTag(etag.getValue() + GZIP_TAG_SUFFIX, etag.isWeak()));
            }
            headers.putSingle(HttpHeaders.CONTENT_LENGTH, gzip.length());
            gzip.writeTo(body);
            return;
        }
        Rendered.Bytes json = answer.json();
        headers.putSingle(HttpHeaders.CONTENT_LENGTH, json.length());
        json.writeTo(body);
    }

    /** Whether the request's {@code Accept-Encoding} names gzip (or {@code *}) without {@code q=0}. */
    private boolean acceptsGzip() {
        String accepted = request.getHeaderString(HttpHeaders.ACCEPT_ENCODING);
        return accepted != null && acceptsGzip(accepted);
    }

    static boolean acceptsGzip(String acceptEncoding) {
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].strip();
                    if (parameter.startsWith("q=") && parameter.substring(2).strip().matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
