package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zweig.spring.boot.ZweigAutoConfiguration;
import dev.zweig.spring.reactive.ZweigReactiveViewResolver;
import dev.zweig.spring.servlet.ZweigViewResolver;
import dev.zweig.spring.test.BootLine;
import dev.zweig.spring.test.TestController;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** WebFlux views rendered by Zweig, with the web helpers fed from the exchange. */
class ReactiveViewTest {
    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(BootLine.autoConfigurations(BootLine.PLACEHOLDERS, BootLine.MESSAGES, BootLine.WEB_FLUX))
            .withConfiguration(AutoConfigurations.of(ZweigAutoConfiguration.class))
            .withUserConfiguration(TestController.class);

    @Test
    void rendersViewsThroughWebFlux() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(ZweigReactiveViewResolver.class).doesNotHaveBean(ZweigViewResolver.class);
            WebTestClient client = WebTestClient.bindToApplicationContext(ctx).build();
            String html = client.get().uri("/hello?name=<Ann>").header("Accept-Language", "de").exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(html).contains("<p id=\"greeting\">Hello &lt;Ann&gt;!</p>")
                    .contains("<p id=\"trans\">Hallo &lt;Ann&gt;, willkommen!</p>").contains("<html lang=\"de\">");
        });
    }

    @Test
    void webHelpersSeeThePrincipalCsrfTokenAndRequest() {
        runner.run(ctx -> {
            UsernamePasswordAuthenticationToken auth = UsernamePasswordAuthenticationToken.authenticated(
                    User.withUsername("bob").password("x").roles("USER").build(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_USER")));
            WebFilter security = (exchange, chain) -> {
                exchange.getAttributes().put(CsrfToken.class.getName(),
                        Mono.just(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "reactive-token")));
                return chain.filter(exchange.mutate().principal(Mono.just(auth)).build());
            };
            WebTestClient client = WebTestClient.bindToApplicationContext(ctx).webFilter(security).build();
            String html = client.get().uri("/helpers?q=flux").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(html).contains("path=[/books/42?tab=a%20b]").contains("default=[/hello]")
                    .contains("csrf=[reactive-token]")
                    .contains("field=[<input type=\"hidden\" name=\"_csrf\" value=\"reactive-token\">]")
                    .contains("admin=[no] user=[yes] authenticated=[yes]").contains("who=[bob]")
                    .contains("request=[GET /helpers flux]").contains("session=[none]");
        });
    }

    @Test
    void aMissingTemplateIsNotRenderedByZweig() {
        runner.run(ctx -> {
            ZweigReactiveViewResolver r = ctx.getBean(ZweigReactiveViewResolver.class);
            assertThat(r.resolveViewName("index", java.util.Locale.ENGLISH).block()).isNotNull();
            assertThat(r.resolveViewName("no-such-view", java.util.Locale.ENGLISH).blockOptional()).isEmpty();
        });
    }
}
