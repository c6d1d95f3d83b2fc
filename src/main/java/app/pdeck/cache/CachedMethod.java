package app.pdeck.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * What the cache needs to know about one annotated method, worked out once per method: the cache name, which
 * parameters form the key ({@code @CacheKey}, else all but {@code @CacheOwner}), the owner
 * parameter, the key generator and the JSON type of the cached value (for a method returning {@link Rendered}, the
 * type it renders).
 */
final class CachedMethod {

    enum Kind { RESULT, REMOVE, REMOVE_ALL }

    private static final int MAX_KEY_PART = 200;

    final Kind kind;
    final Method method;
    final Annotation annotation;
    final String cacheName;
    final int ownerParam;
    final int[] keyParams;
    final boolean afterInvocation;
    final boolean skipGet;
    final boolean optional;
    /** The method returns {@link Rendered}: it is cached as its JSON, and {@link #valueType} is what it renders. */
    final boolean rendered;
    final JavaType valueType;
    private final CacheKeyGenerator keyGenerator;
    private final ObjectMapper json;
    /** Null until the first value was stored; false if values of this method do not survive a JSON round trip. */
    volatile Boolean cacheable;
    final AtomicBoolean decodeFailureLogged = new AtomicBoolean();

    private CachedMethod(Kind kind, Method method, Annotation annotation, String cacheName, int ownerParam,
                         int[] keyParams, boolean afterInvocation, boolean skipGet, boolean optional,
                         boolean rendered, JavaType valueType, CacheKeyGenerator keyGenerator, ObjectMapper json) {
        this.kind = kind;
        this.method = method;
        this.annotation = annotation;
        this.cacheName = cacheName;
        this.ownerParam = ownerParam;
        this.keyParams = keyParams;
        this.afterInvocation = afterInvocation;
        this.skipGet = skipGet;
        this.optional = optional;
        this.rendered = rendered;
        this.valueType = valueType;
        this.keyGenerator = keyGenerator;
        this.json = json;
    }

    static CachedMethod of(Kind kind, Method method, ObjectMapper json) {
        CacheDefaults defaults = method.getDeclaringClass().getAnnotation(CacheDefaults.class);
        Annotation annotation;
        String name;
        Class<? extends CacheKeyGenerator> generator;
        boolean after = true;
        boolean skipGet = false;
        switch (kind) {
            case RESULT -> {
                CacheResult a = required(method, CacheResult.class);
                annotation = a;
                name = a.cacheName();
                generator = a.cacheKeyGenerator();
                skipGet = a.skipGet();
            }
            case REMOVE -> {
                CacheRemove a = required(method, CacheRemove.class);
                annotation = a;
                name = a.cacheName();
                generator = a.cacheKeyGenerator();
                after = a.afterInvocation();
            }
            default -> {
                CacheRemoveAll a = required(method, CacheRemoveAll.class);
                annotation = a;
                name = a.cacheName();
                generator = CacheKeyGenerator.class;
                after = a.afterInvocation();
            }
        }
        if (name.isEmpty() && defaults != null) {
            name = defaults.cacheName();
        }
        if (name.isEmpty()) {
            name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }
        if (generator == CacheKeyGenerator.class && defaults != null) {
            generator = defaults.cacheKeyGenerator();
        }

        Parameter[] params = method.getParameters();
        int owner = -1;
        List<Integer> annotatedKeys = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            if (params[i].isAnnotationPresent(CacheOwner.class)) {
                owner = i;
            }
            if (params[i].isAnnotationPresent(CacheKey.class)) {
                annotatedKeys.add(i);
            }
        }
        List<Integer> keys = annotatedKeys;
        if (keys.isEmpty()) {
            keys = new ArrayList<>();
            for (int i = 0; i < params.length; i++) {
                if (i != owner) {
                    keys.add(i);
                }
            }
        }

        Type type = method.getGenericReturnType();
        boolean optional = false;
        boolean rendered = false;
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            optional = true;
            type = p.getActualTypeArguments()[0];
        } else if (type instanceof ParameterizedType p && p.getRawType() == Rendered.class) {
            rendered = true;
            type = p.getActualTypeArguments()[0];
        } else if (type == Rendered.class) {
            throw new IllegalStateException(describe(method) + ": say what it renders, Rendered<T>");
        }
        JavaType javaType = json.getTypeFactory().constructType(type);
        CacheKeyGenerator keyGenerator = generator == CacheKeyGenerator.class ? null : instantiate(generator);
        return new CachedMethod(kind, method, annotation, name, owner,
                keys.stream().mapToInt(Integer::intValue).toArray(), after, skipGet, optional, rendered, javaType,
                keyGenerator, json);
    }

    /** The owner id of this call, or null for caches without a {@link CacheOwner} parameter. */
    String owner(Object[] args) {
        if (ownerParam < 0) {
            return null;
        }
        Object id = args[ownerParam];
        if (id == null) {
            throw new IllegalArgumentException(describe(method) + ": the @CacheOwner argument is null");
        }
        return String.valueOf(id);
    }

    /** The key of this call inside its key versions: JSON of the key parameters, or the configured generator's key. */
    String keyPart(Object target, Object[] args) {
        String part;
        if (keyGenerator != null) {
            GeneratedCacheKey key = keyGenerator.generateCacheKey(new KeyInvocation(this, target, args));
            if (!overridesToString(key)) {
                throw new IllegalStateException(keyGenerator.getClass().getName()
                        + " must return keys that override toString(); the Redis key is built from it");
            }
            part = key.toString();
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i : keyParams) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(encode(args[i]));
            }
            part = sb.toString();
        }
        return part.length() > MAX_KEY_PART ? "sha256:" + sha256(part) : part;
    }

    String describe() {
        return describe(method);
    }

    private String encode(Object arg) {
        if (arg == null) {
            return "null";
        }
        if (arg instanceof String || arg instanceof Number || arg instanceof Boolean || arg instanceof Enum<?>) {
            return String.valueOf(arg);
        }
        try {
            return json.writeValueAsString(arg);
        } catch (Exception e) {
            throw new IllegalStateException(describe(method) + ": key argument " + arg.getClass().getName()
                    + " cannot be written as JSON", e);
        }
    }

    private static boolean overridesToString(Object key) {
        try {
            return key.getClass().getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <A extends Annotation> A required(Method method, Class<A> type) {
        A a = method.getAnnotation(type);
        if (a == null) {
            a = method.getDeclaringClass().getAnnotation(type);
        }
        if (a == null) {
            throw new IllegalStateException(describe(method) + " has no @" + type.getSimpleName());
        }
        return a;
    }

    private static CacheKeyGenerator instantiate(Class<? extends CacheKeyGenerator> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create key generator " + type.getName()
                    + " (it needs a public no-argument constructor)", e);
        }
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }

}
