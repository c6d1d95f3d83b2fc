package app.pdeck.integration;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import app.pdeck.platform.ETags;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Tag(name = "integrations", description = "The caller's integrations")
@Path("integrations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"USER", "ADMIN"})
public class IntegrationResource {

    @Inject
    IntegrationService integrationService;

    @Inject
    CurrentUser currentUser;

    @Context
    UriInfo uriInfo;

    /** A page of the caller's integrations, oldest first, {@code {items, page, size, total}} like every list. */
    @GET
    @Operation(operationId = "listIntegrations", summary = "A page of the caller's integrations, oldest first")
    public PageView<IntegrationView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return PageRequest.of(page, size).slice(integrationService.list(currentUser.id()).stream()
                .map(IntegrationView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIntegration", summary = "Connect an integration (the access token is write-only)")
    @APIResponse(responseCode = "201", description = "The new integration", headers = {@Header(name = "Location", description = "The new resource", schema = @Schema(type = SchemaType.STRING)), @Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    public Response create(@Valid @NotNull IntegrationContent content) {
        Integration integration = integrationService.create(currentUser.id(), content);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(integration.getId()).build())
                .tag(ETags.of(integration.getVersion())).entity(IntegrationView.of(integration)).build();
    }

    /** One integration; its {@code ETag} is its version ({@code If-None-Match} → 304). */
    @GET
    @Path("{id}")
    @Operation(operationId = "getIntegration", summary = "One integration")
    @APIResponse(responseCode = "200", description = "The integration", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Integration integration = integrationService.get(currentUser.id(), id);
        return ETags.currentOrNotModified(IntegrationView.of(integration), integration.getVersion(), ifNoneMatch);
    }

    /** With {@code If-Match}, only if the integration is still at that version (else 412). */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceIntegration", summary = "Replace an integration (without accessToken the stored one is kept)")
    @APIResponse(responseCode = "200", description = "The integration as stored", headers = {@Header(name = "ETag", description = "The version, for If-Match and If-None-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IntegrationView.class)))
    @APIResponse(responseCode = "409", description = "The integration kept changing meanwhile; try again", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Valid @NotNull IntegrationContent content) {
        Integration integration = integrationService.replace(currentUser.id(), id, content,
                ETags.expectedVersion(ifMatch));
        return Response.ok(IntegrationView.of(integration)).tag(ETags.of(integration.getVersion())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteIntegration", summary = "Disconnect an integration")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        integrationService.delete(currentUser.id(), id);
        return Response.noContent().build();
    }
}
