package app.pdeck.cache;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of cached values (Jackson from the WAR, 2.12+ so records work). It writes what the API's JSON-B
 * configuration writes for the cached types (properties in lexicographic order, nulls left out, ISO-8601 instants),
 * so that a {@link Rendered} body is the response itself. Values are written without type information and read back
 * with the cached method's declared return type, so a new deployment never meets a class name it does not know; a
 * value it cannot read is a miss.
 */
final class CacheJson {

    static final ObjectMapper MAPPER = newMapper();

    private CacheJson() {
    }

    static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }
}
