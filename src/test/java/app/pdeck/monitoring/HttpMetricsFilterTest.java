package app.pdeck.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

class HttpMetricsFilterTest {

    @Path("/tasks/")
    static class Resource {
        @GET
        public void list() {
        }

        @GET
        @Path("{id}")
        public void one() {
        }

        @GET
        @Path("/{id : [a-f0-9-]+}/items/{item: \\d+}")
        public void item() {
        }
    }

    static class Unannotated {
        @GET
        @Path("x")
        public void x() {
        }
    }

    @Test
    void templatesJoinClassAndMethodPathsUnderTheApiRoot() throws Exception {
        assertEquals("/api/v1/tasks", HttpMetricsFilter.template(Resource.class, Resource.class.getMethod("list")));
        assertEquals("/api/v1/tasks/{id}", HttpMetricsFilter.template(Resource.class, Resource.class.getMethod("one")));
        assertEquals("/api/v1/x", HttpMetricsFilter.template(Unannotated.class, Unannotated.class.getMethod("x")));
    }

    @Test
    void parameterRegexesAreDroppedSoTheLabelIsTheTemplate() throws Exception {
        assertEquals("/api/v1/tasks/{id}/items/{item}",
                HttpMetricsFilter.template(Resource.class, Resource.class.getMethod("item")));
    }
}
