package app.pdeck.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON mapping of cached values (Jackson from the WAR, 2.12+ so records work). Values are written without type
 * information and read back with the cached method's declared return type, so a new deployment never meets a class
 * name it does not know; a value it cannot read is a miss.
 */
final class CacheJson {

    private CacheJson() {
    }

    static ObjectMapper newMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
