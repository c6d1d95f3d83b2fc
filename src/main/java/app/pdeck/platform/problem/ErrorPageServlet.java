package app.pdeck.platform.problem;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * problem+json for errors the container answers before JAX-RS runs (web.xml error pages): a bearer token the JWT
 * mechanism rejects (401), a header RESTEasy cannot parse (400), a path outside the application (404). Headers
 * already set, such as {@code WWW-Authenticate}, are kept.
 */
@WebServlet("/errors/problem")
public class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND; // asked for directly
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Error" : type.getReasonPhrase();
        JsonObjectBuilder problem = Json.createObjectBuilder()
                .add("type", "https://pdeck.app/problems/" + reason.toLowerCase().replace(' ', '-'))
                .add("title", reason)
                .add("status", status)
                .add("detail", type == null ? reason : WebApplicationExceptionMapper.safeDetail(type));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            problem.add("instance", path);
        }
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED && !response.containsHeader("WWW-Authenticate")) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(ProblemDetail.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.build().toString());
    }
}
