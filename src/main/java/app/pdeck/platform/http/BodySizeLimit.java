package app.pdeck.platform.http;

import app.pdeck.platform.problem.ProblemDetail;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code pdeck.http.max-body-bytes}, enforced twice: a body whose {@code Content-Length} announces more is refused
 * with 413 before anything reads it (a pre-matching filter), and every body is counted as it is read and stopped
 * past the limit (a reader interceptor; the body mappers answer 413), so a chunked body cannot exceed it either.
 */
@Provider
@ApplicationScoped
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    @Inject
    @ConfigProperty(name = "pdeck.http.max-body-bytes")
    long maxBodyBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            request.abortWith(ProblemDetail.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "The request body exceeds " + maxBodyBytes + " bytes")
                    .withInstance(request.getUriInfo().getPath(false)).toResponse());
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new BoundedInputStream(context.getInputStream(), maxBodyBytes));
        return context.proceed();
    }

    /** Signals, through the body reader, that a body grew past the limit. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }

    private static final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException();
            }
        }
    }
}
