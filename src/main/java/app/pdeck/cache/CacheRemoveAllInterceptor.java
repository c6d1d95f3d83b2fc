package app.pdeck.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemoveAll;

/** {@code @CacheRemoveAll}: Runs the method, then removes every entry of the cache. */
@CacheRemoveAll
@Interceptor
@Priority(CacheInterceptors.PRIORITY)
public class CacheRemoveAllInterceptor {

    @Inject
    CacheRuntime runtime;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        CachedMethod cached = runtime.method(context.getMethod(), CachedMethod.Kind.REMOVE_ALL);
        return runtime.engine().removeAll(cached, context::proceed);
    }
}
