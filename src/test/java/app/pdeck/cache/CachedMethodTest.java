package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;
import org.junit.jupiter.api.Test;

class CachedMethodTest {

    private final ObjectMapper json = CacheJson.newMapper();

    record Query(String status, int limit) {
    }

    @CacheDefaults(cacheName = "defaulted")
    static class Service {
        @CacheResult(cacheName = "lists")
        public List<String> list(@CacheOwner String userId, @CacheKey Query query, int ignoredPageHint) {
            return List.of();
        }

        @CacheResult
        public String allParameters(String a, int b) {
            return a + b;
        }

        @CacheResult(cacheName = "custom", cacheKeyGenerator = FirstLetterKeys.class)
        public String custom(String word) {
            return word;
        }

        @CacheResult(cacheName = "pages")
        public Rendered<Query> page(@CacheOwner String userId, @CacheKey String id) {
            return Rendered.of(new Query(id, 1));
        }

        @SuppressWarnings("rawtypes")
        @CacheResult(cacheName = "broken")
        public Rendered untyped(String id) {
            return Rendered.of(id);
        }
    }

    public static class FirstLetterKeys implements CacheKeyGenerator {
        @Override
        public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
            String first = ((String) context.getKeyParameters()[0].getValue()).substring(0, 1);
            return new Key(first);
        }

        record Key(String letter) implements GeneratedCacheKey {
        }
    }

    @Test
    void onlyCacheKeyParametersFormTheKeyAndTheOwnerIsSeparate() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("list"), json);
        Object[] args = {"u1", new Query("TODO", 50), 3};
        assertEquals("lists", m.cacheName);
        assertEquals("u1", m.owner(args));
        assertEquals("{\"limit\":50,\"status\":\"TODO\"}", m.keyPart(null, args));
        assertEquals(m.keyPart(null, args), m.keyPart(null, new Object[] {"u1", new Query("TODO", 50), 99}));
    }

    @Test
    void withoutCacheKeyEveryParameterIsPartOfTheKeyAndTheNameComesFromCacheDefaults() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("allParameters"), json);
        assertEquals("defaulted", m.cacheName);
        assertEquals("x,7", m.keyPart(null, new Object[] {"x", 7}));
        assertEquals(null, m.owner(new Object[] {"x", 7}));
    }

    @Test
    void aConfiguredKeyGeneratorMakesTheKey() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("custom"), json);
        assertEquals(m.keyPart(null, new Object[] {"apple"}), m.keyPart(null, new Object[] {"avocado"}));
        assertTrue(m.keyPart(null, new Object[] {"apple"}).contains("a"));
    }

    @Test
    void aMethodReturningRenderedIsCachedAsTheJsonOfWhatItRenders() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("page"), json);
        assertTrue(m.rendered);
        assertEquals(Query.class, m.valueType.getRawClass());
        assertEquals("t1", m.keyPart(null, new Object[] {"u1", "t1"}));
    }

    @Test
    void aRenderedWithoutItsTypeIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CachedMethod.of(CachedMethod.Kind.RESULT, method("untyped"), json));
        assertTrue(e.getMessage().contains("Rendered<T>"), e.getMessage());
    }

    @Test
    void longKeysAreHashed() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("allParameters"), json);
        String key = m.keyPart(null, new Object[] {"x".repeat(500), 1});
        assertTrue(key.startsWith("sha256:") && key.length() == 7 + 64, key);
    }

    @Test
    void aNullOwnerIsRejected() throws Exception {
        CachedMethod m = CachedMethod.of(CachedMethod.Kind.RESULT, method("list"), json);
        assertThrows(IllegalArgumentException.class, () -> m.owner(new Object[] {null, new Query("x", 1), 0}));
    }

    private static Method method(String name) {
        for (Method m : Service.class.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
