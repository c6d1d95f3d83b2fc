package app.pdeck.platform.http;

import app.pdeck.platform.Paged;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

/**
 * RFC 8288 {@code Link} headers on every page of a list ({@code first}, {@code last}, and {@code prev}/{@code next}
 * where they exist): the request's own URI with only {@code page} changed, so filters, sort and size carry over.
 * Every list answers a {@link Paged} entity (or one that holds its page), so no list can forget them.
 */
@Provider
public class PageLinks implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        Paged page = entity instanceof Paged paged ? paged
                : entity instanceof Paged.Holder holder ? holder.paging() : null;
        if (page == null) {
            return;
        }
        UriBuilder self = request.getUriInfo().getRequestUriBuilder();
        long last = page.lastPage();
        add(response, self, 1, "first");
        if (page.page() > 1) {
            add(response, self, Math.min(page.page() - 1, last), "prev");
        }
        if (page.page() < last) {
            add(response, self, page.page() + 1, "next");
        }
        add(response, self, last, "last");
    }

    private static void add(ContainerResponseContext response, UriBuilder self, long page, String relation) {
        response.getHeaders().add(HttpHeaders.LINK,
                Link.fromUriBuilder(self.clone().replaceQueryParam("page", page)).rel(relation).build());
    }
}
