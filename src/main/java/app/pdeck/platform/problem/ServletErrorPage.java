package app.pdeck.platform.problem;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the servlet container (web.xml {@code <error-page>}): answers errors raised before JAX-RS sees
 * the request — above all the 401 of the MicroProfile JWT mechanism for a malformed, expired or foreign token — as
 * problem+json like every other error of the API, instead of the server's HTML page. Says nothing about why a token
 * was refused.
 */
@WebServlet(urlPatterns = ServletErrorPage.PATH)
public class ServletErrorPage extends HttpServlet {

    static final String PATH = "/servlet-error";
    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = describe(status).withInstance(uri == null ? null : uri.toString());
        if (status == HttpServletResponse.SC_UNAUTHORIZED && response.getHeader("WWW-Authenticate") == null) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setContentType(ProblemDetail.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.toJson(problem));
    }

    static ProblemDetail describe(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        if (type == null) {
            type = Response.Status.INTERNAL_SERVER_ERROR;
        }
        return switch (status) {
            case 401 -> ProblemDetail.of(type, "unauthorized",
                    "Sign in and send the token as 'Authorization: Bearer <token>'; this one is missing, expired,"
                            + " revoked or not ours");
            case 403 -> ProblemDetail.of(type, "forbidden", "You are not allowed to do this");
            case 404 -> ProblemDetail.of(type, "not-found", "There is nothing at this address");
            case 405 -> ProblemDetail.of(type, "method-not-allowed", "This address does not accept that method");
            default -> status >= 500
                    ? ProblemDetail.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                            "The request failed on our side; it was logged")
                    : ProblemDetail.of(type, "http-" + status, type.getReasonPhrase());
        };
    }
}
