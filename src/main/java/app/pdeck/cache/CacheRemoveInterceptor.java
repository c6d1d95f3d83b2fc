package app.pdeck.cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemove;

/** {@code @CacheRemove}: Runs the method, then removes the entry under the key. */
@CacheRemove
@Interceptor
@Priority(CacheInterceptors.PRIORITY)
public class CacheRemoveInterceptor {

    @Inject
    CacheRuntime runtime;

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        CachedMethod cached = runtime.method(context.getMethod(), CachedMethod.Kind.REMOVE);
        return runtime.engine().remove(cached, context.getTarget(), context.getParameters(), context::proceed);
    }
}
