package app.pdeck.jobs;

import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;

/** Admin view of the jobs: runs (paged, newest first), schedules, and "run now". */
@Path("admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class JobResource {

    static final int MAX_PAGE_SIZE = 200;

    @Inject
    JobRunRepository runs;

    @Inject
    JobRunner runner;

    @Inject
    JobScheduler scheduler;

    @GET
    public JobRunPage list(@QueryParam("job") String job, @QueryParam("page") @DefaultValue("0") int page,
                           @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0) {
            throw ApiException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return runs.page(job, page, size);
    }

    @GET
    @Path("schedules")
    public List<JobScheduler.ScheduledJob> schedules() {
        return scheduler.schedules();
    }

    @GET
    @Path("runs/{runId}")
    public JobRun run(@PathParam("runId") String runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("Job run " + runId));
    }

    @POST
    @Path("{job}/run")
    public Response runNow(@PathParam("job") String job) {
        String runId = runner.startManually(job);
        return accepted(runId);
    }

    /** 202 with the run id and its {@code Location}, shared by every "start a job" endpoint. */
    public static Response accepted(String runId) {
        return Response.accepted(Map.of("runId", runId))
                .location(UriBuilder.fromPath("admin/jobs/runs/{id}").build(runId))
                .build();
    }
}
