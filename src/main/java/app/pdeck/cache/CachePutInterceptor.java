package app.pdeck.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CachePut;

/** {@code @CachePut}: Runs the method, then stores the {@code @CacheValue} argument under the key (write-through), unless a concurrent write made that unsafe. */
@CachePut
@Interceptor
@Priority(CacheInterceptors.PRIORITY)
public class CachePutInterceptor {

    @Inject
    CacheRuntime runtime;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        CachedMethod cached = runtime.method(context.getMethod(), CachedMethod.Kind.PUT);
        return runtime.engine().put(cached, context.getTarget(), context.getParameters(), context::proceed);
    }
}
