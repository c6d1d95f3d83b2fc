package app.pdeck.security.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.Config;

/**
 * Adds the browser security headers to every response of the application (API, dashboard, error pages), set before
 * the request is served so even failures carry them, and answers CORS for {@code pdeck.http.cors.allowed-origins}
 * only: an allowed origin gets {@code Access-Control-Allow-Origin} (no credentials: the API uses bearer tokens, not
 * cookies), any other origin gets no CORS header and its preflight is refused with 403.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class BrowserHardeningFilter extends HttpFilter {

    @Inject
    Config config;

    private volatile String corsSpec;
    private volatile CorsPolicy cors;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", config.getValue("pdeck.http.content-security-policy",
                String.class));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", config.getValue("pdeck.http.referrer-policy", String.class));
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            response.addHeader("Vary", "Origin");
            boolean allowed = cors().allows(origin);
            boolean preflight = "OPTIONS".equals(request.getMethod())
                    && request.getHeader("Access-Control-Request-Method") != null;
            if (preflight) {
                if (!allowed) {
                    refuse(response, origin);
                    return;
                }
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.setHeader("Access-Control-Allow-Methods", CorsPolicy.ALLOWED_METHODS);
                response.setHeader("Access-Control-Allow-Headers", CorsPolicy.ALLOWED_HEADERS);
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
            if (allowed) {
                response.setHeader("Access-Control-Allow-Origin", origin);
                response.setHeader("Access-Control-Expose-Headers", CorsPolicy.EXPOSED_HEADERS);
            }
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String origin) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"https://pdeck.app/problems/cors-origin-not-allowed\","
                + "\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"This origin may not call the API from a browser\"}");
    }

    /** Re-read at use time, so an operator can change the allowed origins without a restart. */
    private CorsPolicy cors() {
        String spec = config.getOptionalValue("pdeck.http.cors.allowed-origins", String.class).orElse("");
        CorsPolicy current = cors;
        if (current == null || !spec.equals(corsSpec)) {
            current = CorsPolicy.parse(spec);
            cors = current;
            corsSpec = spec;
        }
        return current;
    }
}
