package app.pdeck.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheResult;

/** {@code @CacheResult}: Looks the result up in the cache, or runs the method once per key and node and stores its result. */
@CacheResult
@Interceptor
@Priority(CacheInterceptors.PRIORITY)
public class CacheResultInterceptor {

    @Inject
    CacheRuntime runtime;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        CachedMethod cached = runtime.method(context.getMethod(), CachedMethod.Kind.RESULT);
        return runtime.engine().result(cached, context.getTarget(), context.getParameters(), context::proceed);
    }
}
