package app.pdeck.jobs;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
@Tag(name = "admin", description = "Administration")
@Path("admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class JobResource {

    @Inject
    JobRunRepository runs;

    @Inject
    JobRunner runner;

    @Inject
    JobScheduler scheduler;

    /** Runs, newest first; pages count from 1 like every listing of the API. */
    @GET
    @Operation(operationId = "listJobRuns", summary = "Job runs, newest first")
    public PageView<JobRun> list(@QueryParam("job") String job, @QueryParam("page") String page,
                                 @QueryParam("size") String size) {
        PageRequest request = PageRequest.of(page, size);
        return runs.page(job, request.page(), request.size());
    }

    @GET
    @Path("schedules")
    @Operation(operationId = "jobSchedules", summary = "Each job's schedule and this node's next timer")
    public List<JobScheduler.ScheduledJob> schedules() {
        return scheduler.schedules();
    }

    @GET
    @Path("runs/{runId}")
    @Operation(operationId = "getJobRun", summary = "One job run")
    public JobRun run(@PathParam("runId") String runId) {
        return runs.find(runId).orElseThrow(() -> ApiException.notFound("Job run " + runId));
    }

    @POST
    @Path("{job}/run")
    @Operation(operationId = "runJob", summary = "Run a job now")
    @APIResponse(responseCode = "202", description = "Started", headers = {@Header(name = "Location", description = "The run", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStarted.class)))
    public Response runNow(@PathParam("job") String job) {
        String runId = runner.startManually(job);
        return accepted(runId);
    }

    /** 202 with the run id and its {@code Location}, shared by every "start a job" endpoint. */
    public static Response accepted(String runId) {
        return Response.accepted(new JobStarted(runId))
                .location(UriBuilder.fromPath("admin/jobs/runs/{id}").build(runId))
                .build();
    }
}
