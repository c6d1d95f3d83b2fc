package app.pdeck.cache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/** What a custom {@code javax.cache.annotation.CacheKeyGenerator} sees of one call. */
final class KeyInvocation implements CacheKeyInvocationContext<Annotation> {

    private final CachedMethod cached;
    private final Object target;
    private final Object[] args;

    KeyInvocation(CachedMethod cached, Object target, Object[] args) {
        this.cached = cached;
        this.target = target;
        this.args = args;
    }

    @Override
    public CacheInvocationParameter[] getKeyParameters() {
        CacheInvocationParameter[] keys = new CacheInvocationParameter[cached.keyParams.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = parameter(cached.keyParams[i]);
        }
        return keys;
    }

    /** No cached method has a value parameter: {@code @CachePut} is not supported (see CacheAnnotationsExtension). */
    @Override
    public CacheInvocationParameter getValueParameter() {
        return null;
    }

    @Override
    public Object getTarget() {
        return target;
    }

    @Override
    public CacheInvocationParameter[] getAllParameters() {
        CacheInvocationParameter[] all = new CacheInvocationParameter[args.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = parameter(i);
        }
        return all;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException("cannot unwrap to " + type.getName());
    }

    @Override
    public Method getMethod() {
        return cached.method;
    }

    @Override
    public Set<Annotation> getAnnotations() {
        return Set.of(cached.method.getAnnotations());
    }

    @Override
    public Annotation getCacheAnnotation() {
        return cached.annotation;
    }

    @Override
    public String getCacheName() {
        return cached.cacheName;
    }

    private CacheInvocationParameter parameter(int position) {
        Class<?> rawType = cached.method.getParameterTypes()[position];
        Set<Annotation> annotations = Set.of(cached.method.getParameterAnnotations()[position]);
        Object value = args[position];
        return new CacheInvocationParameter() {
            @Override
            public Class<?> getRawType() {
                return rawType;
            }

            @Override
            public Object getValue() {
                return value;
            }

            @Override
            public Set<Annotation> getAnnotations() {
                return annotations;
            }

            @Override
            public int getParameterPosition() {
                return position;
            }
        };
    }
}
