package dev.zweig.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample on a real server: Boot's error pages come from the Twig templates, with the right status. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleServerTest {
    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path, String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html").header("Accept-Language", language).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownPagesAndUnknownBooksGetTheTwig404Page() throws Exception {
        HttpResponse<String> page = get("/nothing-%3Chere%3E", "en");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(page.body()).contains("<h1 id=\"not-found\">Page not found (404)</h1>")
                .contains("There is no page at /nothing-%3Chere%3E.").contains("<title>Page not found – Zweig Books");
        HttpResponse<String> book = get("/books/4242", "en");
        assertThat(book.statusCode()).isEqualTo(404);
        assertThat(book.body()).contains("Page not found (404)").contains("/books/4242");
    }

    @Test
    void otherErrorsGetTheGenericTwigErrorPage() throws Exception {
        HttpResponse<String> page = get("/books?page=notanumber", "en");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<h1 id=\"error\">Something went wrong (400 Bad Request)</h1>");
    }
}
