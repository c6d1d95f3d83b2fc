package app.pdeck.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PageLinksTest {

    @Test
    void onlyThePageChangesAndEveryOtherParameterStaysAsTheClientEncodedIt() {
        assertEquals("http://h:8080/api/v1/tasks?size=2&q=caf%C3%A9%20au%20lait&tag=a%26b&page=",
                PageLinks.pagePrefix(URI.create(
                        "http://h:8080/api/v1/tasks?page=3&size=2&q=caf%C3%A9%20au%20lait&tag=a%26b&page=4")));
    }

    @Test
    void aListWithoutParametersGetsOnlyThePage() {
        assertEquals("https://h/api/v1/projects?page=", PageLinks.pagePrefix(URI.create("https://h/api/v1/projects")));
        assertEquals("https://h/api/v1/projects?pages=1&page=",
                PageLinks.pagePrefix(URI.create("https://h/api/v1/projects?pages=1&&page")));
    }
}
