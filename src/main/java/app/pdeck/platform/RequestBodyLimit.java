package app.pdeck.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts the bytes of every request body as it is read and stops past {@code pdeck.http.max-body-bytes}, so a body
 * sent without Content-Length (chunked) cannot exceed the limit either; the mappers answer 413.
 */
@Provider
@ApplicationScoped
public class RequestBodyLimit implements ReaderInterceptor {

    @Inject
    @ConfigProperty(name = "pdeck.http.max-body-bytes")
    long maxBodyBytes;

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
