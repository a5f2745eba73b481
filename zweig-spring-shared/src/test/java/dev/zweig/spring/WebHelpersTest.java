package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.spring.web.WebExtension;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Twig's web helpers in a Spring MVC application: path/url over named mappings, asset with context path and
 * resource versioning, csrf_token/csrf_field, is_granted, the app global, trans, and errors() of a form object.
 */
class WebHelpersTest {
    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    private static String page(MockMvc mvc, org.springframework.test.web.servlet.RequestBuilder request)
            throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    @Test
    void helpersForAnAuthenticatedRequestWithCsrfSessionAndFlash() {
        MvcTestSupport.runner().run(ctx -> {
            MockMvc mvc = MvcTestSupport.mvc(ctx);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    User.withUsername("ann").password("x").roles("ADMIN").build(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            String html = page(mvc, get("/shop/helpers?q={q}", "zweig & twig").contextPath("/shop")
                    .requestAttr(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t\"0k"))
                    .sessionAttr("cart", "3 items").flashAttr("notice", "Saved")
                    .locale(Locale.GERMAN));
            assertThat(html)
                    .contains("path=[/shop/books/42?tab=a%20b]")
                    .contains("default=[/shop/hello]")
                    .contains("url=[http://localhost/shop/books/7]")
                    .contains("asset=[/shop/css/app.css]")
                    .contains("csrf=[t&quot;0k]")
                    .contains("field=[<input type=\"hidden\" name=\"_csrf\" value=\"t&quot;0k\">]")
                    .contains("admin=[yes] user=[no] authenticated=[yes]")
                    .contains("who=[ann]")
                    .contains("locale=[de]")
                    .contains("request=[GET /helpers zweig &amp; twig]")
                    .contains("session=[3 items]")
                    .contains("flash=[Saved]")
                    .contains("trans=[Seite 2 von 5|Liebe(r) &lt;Ann&gt;|Hallo Bo, willkommen!|no.such.key]");
        });
    }

    @Test
    void helpersForAnAnonymousRequestWithoutCsrf() {
        MvcTestSupport.runner().run(ctx -> {
            String html = page(MvcTestSupport.mvc(ctx), get("/helpers").locale(Locale.ENGLISH));
            assertThat(html).contains("path=[/books/42?tab=a%20b]").contains("csrf=[]").contains("field=[]")
                    .contains("admin=[no] user=[no] authenticated=[no]").contains("who=[anonymous]")
                    .contains("session=[none]").contains("flash=[]")
                    .contains("trans=[Page 2 of 5|Dear &lt;Ann&gt;|Hallo Bo, willkommen!|no.such.key]");
        });
    }

    @Test
    void assetUsesSpringResourceVersioningWhenConfigured() {
        MvcTestSupport.runner().withPropertyValues("spring.web.resources.chain.strategy.content.enabled=true",
                "spring.web.resources.chain.strategy.content.paths=/**").run(ctx -> {
                    String html = page(MvcTestSupport.mvc(ctx), get("/helpers"));
                    assertThat(html).containsPattern("asset=\\[/css/app-[0-9a-f]{32}\\.css\\]");
                });
    }

    @Test
    void errorsListsTheBindingErrorsOfAFormObjectInTheRequestLocale() {
        MvcTestSupport.runner().run(ctx -> {
            MockMvc mvc = MvcTestSupport.mvc(ctx);
            String en = page(mvc, post("/form").param("title", "").param("year", "1999").locale(Locale.ENGLISH));
            assertThat(en).contains("<li class=\"title-error\">Title is required</li>").contains("all=[2]")
                    .contains("byname=[Title is required]").contains("year=[0]");
            String de = page(mvc, post("/form").param("title", " ").locale(Locale.GERMAN));
            assertThat(de).contains("<li class=\"title-error\">Titel fehlt</li>");
            String valid = page(mvc, post("/form").param("title", "Dune"));
            assertThat(valid).doesNotContain("title-error").contains("all=[1]");
        });
    }

    @Test
    void routeErrorsNameTheRouteAndTheMissingParameters() {
        MvcTestSupport.runner().run(ctx -> {
            WebExtension web = ctx.getBean(WebExtension.class);
            assertThat(web.routes().names()).contains("book_show", "TC#hello", "TC#helpers");
            assertThatThrownBy(() -> web.routes().path("nope", Map.of())).isInstanceOf(TemplateRuntimeException.class)
                    .hasMessageContaining("\"nope\" as such route does not exist");
            assertThatThrownBy(() -> web.routes().path("book_show", Map.of()))
                    .hasMessageContaining("Some mandatory parameters are missing (\"id\")");
            // outside a web request, url() has no host to name and says so with template and line
            Environment env = ctx.getBean(Environment.class);
            assertThatThrownBy(() -> env.createTemplate("\n{{ url('book_show', {id: 1}) }}", "u.twig").render(Map.of()))
                    .isInstanceOf(TemplateRuntimeException.class)
                    .hasMessageContaining("url() can only be used while a web request is rendered")
                    .hasMessageContaining("\"u.twig\" at line 2");
            assertThat(env.createTemplate("{{ path('book_show', {id: 5, page: 2}) }}").render(Map.of()))
                    .isEqualTo("/books/5?page=2");
        });
    }

    @Test
    void templatesCannotReachTheServletRequestOrTheApplicationContext() {
        MvcTestSupport.runner().run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            String html = env.createTemplate("[{{ app.request.class ?? '' }}][{{ app.class ?? '' }}]"
                    + "[{{ springMacroRequestContext ?? 'none' }}]").render(Map.of());
            assertThat(html).isEqualTo("[][][none]");
        });
    }
}
