package app.pdeck.platform.problem;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only, added to the WAR by {@link ProblemInstanceIT}: a bug the production code does not have on call. */
@Path("it-failure")
public class FailingResource {

    @GET
    public String fail() {
        throw new IllegalStateException("a bug, on purpose");
    }
}
