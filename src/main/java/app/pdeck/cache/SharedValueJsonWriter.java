package app.pdeck.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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
 * bytes. Values that are not shared are rendered for this response only, as the default writer would.
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

    private volatile Set<Class<?>> valueTypes;

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType) && valueTypes().contains(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream body) throws IOException {
        RenderedJson rendered = runtime.engine().renderedJson();
        byte[] kept = rendered.body(value);
        if (kept != null) {
            body.write(kept);
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
