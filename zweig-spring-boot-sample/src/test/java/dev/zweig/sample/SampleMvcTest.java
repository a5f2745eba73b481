package dev.zweig.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The sample's pages through MockMvc: layout, pagination, the validated form with CSRF, locales, security. */
@SpringBootTest
@AutoConfigureMockMvc
class SampleMvcTest {
    @Autowired
    MockMvc mvc;

    private String page(RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void homePageUsesTheLayoutAndTheMessages() throws Exception {
        String html = page(get("/"));
        assertThat(html).contains("<html lang=\"en\">").contains("<title>Zweig Books</title>")
                .contains("<h1>Welcome to Zweig Books!</h1>")
                .contains("<link rel=\"stylesheet\" href=\"/css/app.css\">")
                .contains("<a id=\"nav-books\" href=\"/books\">Books</a>")
                .contains("<a id=\"nav-login\" href=\"/login\">Log in</a>")
                .contains("Recently added");
        mvc.perform(get("/css/app.css")).andExpect(status().isOk());
    }

    @Test
    void listPagesThroughTheCatalogue() throws Exception {
        String first = page(get("/books"));
        assertThat(first).contains("<title>All books – Zweig Books</title>").contains("Page 1 of ")
                .contains("href=\"/books/1\">Faust</a>").contains("by Johann Wolfgang von Goethe (1808)")
                .doesNotContain("id=\"page-previous\"").contains("<a id=\"page-next\" href=\"/books?page=2\">Next</a>");
        String second = page(get("/books").param("page", "2"));
        assertThat(second).contains("Page 2 of ").contains("Berlin Alexanderplatz").doesNotContain("Faust")
                .contains("<a id=\"page-previous\" href=\"/books?page=1\">Previous</a>")
                .contains("Pride &amp; Prejudice");
        assertThat(page(get("/books/3"))).contains("<h1 id=\"book-title\">Buddenbrooks</h1>");
        mvc.perform(get("/books/999")).andExpect(status().isNotFound());
    }

    @Test
    void theFormCarriesACsrfTokenAndRejectsAPostWithoutIt() throws Exception {
        String form = page(get("/books/new"));
        assertThat(form).containsPattern("<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\">")
                .contains("<form method=\"post\" action=\"/books\">");
        mvc.perform(post("/books").param("title", "X").param("author", "Y").param("year", "2000"))
                .andExpect(status().isForbidden());
    }

    @Test
    void invalidInputShowsTheErrorsInTheRequestLocale() throws Exception {
        MockHttpServletRequestBuilder invalid = post("/books").with(csrf()).param("title", "<b>Half</b>")
                .param("author", " ").param("year", "12");
        String en = page(invalid);
        assertThat(en).contains("<p class=\"errors\" id=\"form-errors\">Please correct the errors below.</p>")
                .contains("<div class=\"field-error\" id=\"author-error\">Please enter an author.</div>")
                .contains("<div class=\"field-error\" id=\"year-error\">The year must be 1450 or later.</div>")
                .doesNotContain("title-error")
                .contains("<input id=\"title\" name=\"title\" type=\"text\" value=\"&lt;b&gt;Half&lt;/b&gt;\">")
                .contains("<input id=\"author\" name=\"author\" type=\"text\" value=\" \">")
                .contains("<input id=\"year\" name=\"year\" type=\"number\" value=\"12\">");
        String de = page(post("/books").with(csrf()).param("title", "").param("author", "A").param("year", "x")
                .cookie(new Cookie("sample-lang", "de")));
        assertThat(de).contains("<html lang=\"de\">").contains("Bitte einen Titel eingeben.")
                .contains("Das Jahr muss eine Zahl sein.");
    }

    @Test
    void aValidBookIsAddedAndAnnouncedByAFlashMessage() throws Exception {
        var result = mvc.perform(post("/books").with(csrf()).param("title", "Der Zauberberg")
                .param("author", "Thomas Mann").param("year", "1924").locale(Locale.ENGLISH))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice",
                        "Added \u201cDer Zauberberg\u201d."))
                .andReturn();
        String target = result.getResponse().getRedirectedUrl();
        assertThat(target).startsWith("/books?page=");
        String html = page(get(target).flashAttr("notice", result.getFlashMap().get("notice")));
        assertThat(html).contains("<p class=\"notice\">Added \u201cDer Zauberberg\u201d.</p>")
                .contains("Der Zauberberg");
    }

    @Test
    void theLangParameterSwitchesToGermanAndACookieKeepsIt() throws Exception {
        mvc.perform(get("/books").param("lang", "de")).andExpect(status().isOk())
                .andExpect(cookie().value("sample-lang", "de"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<h1>Alle Bücher</h1>")));
        assertThat(page(get("/").cookie(new Cookie("sample-lang", "de")))).contains("Willkommen bei Zweig Bücher!")
                .contains("<a id=\"lang-de\" class=\"active\" href=\"?lang=de\">DE</a>");
    }

    @Test
    void anAdminSeesTheBadge() throws Exception {
        assertThat(page(get("/").with(user("admin").roles("ADMIN"))))
                .contains("<span id=\"user\">Signed in as admin</span>")
                .contains("<span class=\"admin-badge\">admin</span>").doesNotContain("nav-login");
        assertThat(page(get("/").with(user("reader").roles("USER")))).contains("Signed in as reader")
                .doesNotContain("admin-badge");
    }
}
