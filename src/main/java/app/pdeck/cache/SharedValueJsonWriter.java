package app.pdeck.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Writes the types that cached methods return, with the application's JSON-B configuration like any other
 * response, but renders a value the near cache shares only once ({@link RenderedJson}): later hits write the kept
 * bytes, gzip-compressed (also once) for clients that accept it ({@code Content-Encoding: gzip}; the strong
 * {@code ETag} of such a response gets the suffix {@code -gzip}, as it is another representation). Values that are
 * not shared are rendered for this response only, as the default writer would, and never compressed: compressing
 * per request would cost more CPU than it saves on loopback and LANs.
 */
@Provider
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SharedValueJsonWriter implements MessageBodyWriter<Object> {

    @Inject
    CacheAnnotationsExtension annotations;

    @Inject
    CacheRuntime runtime;

    @Context
    Providers providers;

    @Context
    HttpHeaders request;

    /** Appended to the strong ETag of a gzip-coded body; {@code If-None-Match} accepts either form. */
    public static final String GZIP_TAG_SUFFIX = "-gzip";
    private static final String CONTENT_ENCODING = "Content-Encoding";

    private volatile Set<Class<?>> valueTypes;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType) && valueTypes().contains(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        RenderedJson rendered = runtime.engine().renderedJson();
        RenderedJson.Rendering kept = rendered.rendering(value);
        if (kept != null) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            if (kept.json.length >= RenderedJson.MIN_GZIP_BYTES && acceptsGzip()) {
                headers.putSingle(CONTENT_ENCODING, "gzip");
                Object tag = headers.getFirst(HttpHeaders.ETAG);
                if (tag instanceof EntityTag etag) {
                    headers.putSingle(HttpHeaders.ETAG, new EntityTag(etag.getValue() + GZIP_TAG_SUFFIX, etag.isWeak()));
                }
                byte[] gzip = kept.gzip();
                headers.putSingle(HttpHeaders.CONTENT_LENGTH, gzip.length);
                body.write(gzip);
            } else {
                headers.putSingle(HttpHeaders.CONTENT_LENGTH, kept.json.length);
                body.write(kept.json);
            }
            return;
        }
        // Rendered into a buffer, not the response stream: JSON-B closes the stream it writes to.
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
        jsonb(type, mediaType).toJson(value, genericType, buffer);
        byte[] json = buffer.toByteArray();
        if (rendered.isShared(value)) {
            rendered.keep(value, json);
        }
        body.write(json);
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

    private Jsonb jsonb(Class<?> type, MediaType mediaType) {
        ContextResolver<Jsonb> resolver = providers.getContextResolver(Jsonb.class, mediaType);
        Jsonb jsonb = resolver == null ? null : resolver.getContext(type);
        if (jsonb == null) {
            throw new IllegalStateException("No JSON-B configuration for " + type.getName());
        }
        return jsonb;
    }

    private Set<Class<?>> valueTypes() {
        Set<Class<?>> types = valueTypes;
        if (types == null) {
            types = annotations.valueTypes();
            valueTypes = types;
        }
        return types;
    }
}
