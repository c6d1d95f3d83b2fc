package app.pdeck.platform.http;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Resolves the client's address once per request ({@code X-Forwarded-For} only from {@code pdeck.http.trusted-proxies})
 * and makes it available to rate limits and the audit trail through {@link RequestOrigin}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestOriginFilter extends HttpFilter {

    public static final String ATTRIBUTE = "app.pdeck.client-address";

    @Inject
    Config config;

    private volatile String trustedSpec;
    private volatile ClientAddresses addresses;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String address = addresses().resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
        request.setAttribute(ATTRIBUTE, address);
        RequestOrigin.set(address);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestOrigin.clear();
        }
    }

    /** Re-read at use time so operators can change the proxy list without a restart. */
    private ClientAddresses addresses() {
        String spec = config.getOptionalValue("pdeck.http.trusted-proxies", String.class).orElse("");
        ClientAddresses current = addresses;
        if (current == null || !spec.equals(trustedSpec)) {
            List<String> entries = Arrays.asList(spec.split(","));
            current = new ClientAddresses(entries);
            addresses = current;
            trustedSpec = spec;
        }
        return current;
    }
}
