package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.zweig.TemplateException;
import dev.zweig.spring.servlet.ZweigViewResolver;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.view.InternalResourceViewResolver;

/** Spring MVC views rendered by Zweig: model as context, resolver properties, errors, override of the resolver. */
@ExtendWith(OutputCaptureExtension.class)
class MvcViewTest {
    @Test
    void rendersTheViewWithTheModelAsContext() {
        MvcTestSupport.runner().run(ctx -> {
            assertThat(ctx).hasSingleBean(ZweigViewResolver.class);
            MockMvc mvc = MvcTestSupport.mvc(ctx);
            mvc.perform(get("/hello").param("name", "<Ann>"))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("text/html;charset=UTF-8"))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString(
                            "<p id=\"greeting\">Hello &lt;Ann&gt;!</p>")))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("<title>Hello</title>")))
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("<html lang=\"en\">")));
            mvc.perform(get("/books/3")).andExpect(content().string("1:Book 3;"));
            mvc.perform(get("/redirect")).andExpect(redirectedUrl("/hello?name=again"));
        });
    }

    @Test
    void aViewWithoutTemplateIsLeftToTheNextResolver() {
        MvcTestSupport.runner().withUserConfiguration(FallbackResolver.class).run(ctx -> {
            ZweigViewResolver zweig = ctx.getBean(ZweigViewResolver.class);
            assertThat(zweig.resolveViewName("index", Locale.ENGLISH)).isNotNull();
            assertThat(zweig.resolveViewName("no-such-view", Locale.ENGLISH)).isNull();
            View fallback = ctx.getBean("viewResolver", ViewResolver.class).resolveViewName("no-such-view",
                    Locale.ENGLISH);
            assertThat(fallback).isNotNull();
            assertThat(fallback).isNotInstanceOf(dev.zweig.spring.servlet.ZweigView.class);
        });
    }

    @Test
    void contentTypeSuffixViewNamesAndOrderProperties() {
        MvcTestSupport.runner().withPropertyValues("zweig.content-type=text/plain", "zweig.suffix=.twig",
                "zweig.view-names=pl*", "zweig.resolver-order=7").run(ctx -> {
                    ZweigViewResolver r = ctx.getBean(ZweigViewResolver.class);
                    assertThat(r.getOrder()).isEqualTo(7);
                    assertThat(r.resolveViewName("index.html", Locale.ENGLISH)).isNull(); // not a pl* name
                    MockMvc mvc = MvcTestSupport.mvc(ctx);
                    mvc.perform(get("/view/plain")).andExpect(content().contentType("text/plain;charset=UTF-8"))
                            .andExpect(content().string("plain &lt;b&gt;plain&lt;/b&gt;"));
                });
    }

    @Test
    void enabledFalseRegistersNoViewResolver() {
        MvcTestSupport.runner().withPropertyValues("zweig.enabled=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(ZweigViewResolver.class).hasSingleBean(dev.zweig.Environment.class);
        });
    }

    @Test
    void requestAndSessionAttributesAreExposedOnlyWhenAsked() {
        MvcTestSupport.runner().run(ctx -> MvcTestSupport.mvc(ctx)
                .perform(get("/view/attributes").requestAttr("fromRequest", "r").sessionAttr("fromSession", "s"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("req=[hidden] sess=[hidden]"))));
        MvcTestSupport.runner().withPropertyValues("zweig.expose-request-attributes=true",
                "zweig.expose-session-attributes=true").run(ctx -> {
                    MockMvc mvc = MvcTestSupport.mvc(ctx);
                    mvc.perform(get("/view/attributes").requestAttr("fromRequest", "r").sessionAttr("fromSession", "s")
                            .requestAttr("some.internal.attribute", "x"))
                            .andExpect(content().string(org.hamcrest.Matchers.containsString("req=[r] sess=[s]")));
                    // a request attribute may not silently replace a model attribute
                    assertThatThrownBy(() -> mvc.perform(get("/view/attributes").requestAttr("name", "r")))
                            .hasRootCauseMessage("Cannot expose request attribute 'name' because of an existing "
                                    + "model object of the same name");
                });
        MvcTestSupport.runner().withPropertyValues("zweig.expose-request-attributes=true",
                "zweig.allow-request-override=true", "zweig.expose-session-attributes=true",
                "zweig.allow-session-override=true").run(ctx -> MvcTestSupport.mvc(ctx)
                        .perform(get("/view/attributes").requestAttr("name", "r").sessionAttr("fromSession", "s"))
                        .andExpect(content().string(org.hamcrest.Matchers.containsString("name=[r]"))));
    }

    @Test
    void aTemplateErrorNamesTemplateAndLineAndIsLogged(CapturedOutput output) {
        MvcTestSupport.runner().run(ctx -> {
            MockMvc mvc = MvcTestSupport.mvc(ctx);
            assertThatThrownBy(() -> mvc.perform(get("/broken"))).rootCause().isInstanceOf(TemplateException.class)
                    .hasMessageContaining("no_such_filter").hasMessageContaining("\"broken.html.twig\" at line 3");
            assertThatThrownBy(() -> mvc.perform(get("/failing"))).rootCause().isInstanceOf(TemplateException.class)
                    .hasMessageContaining("missing-partial.html.twig").hasMessageContaining("at line 3");
        });
        assertThat(output).contains("Template error while rendering GET /broken: ")
                .contains("\"broken.html.twig\" at line 3");
    }

    @Test
    void theViewResolverCanBeReplaced() {
        MvcTestSupport.runner().withUserConfiguration(OwnResolver.class).run(ctx -> {
            assertThat(ctx.getBean("zweigViewResolver", ZweigViewResolver.class).getOrder()).isEqualTo(42);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class FallbackResolver {
        @Bean
        InternalResourceViewResolver viewResolver() {
            return new InternalResourceViewResolver("/WEB-INF/", ".jsp");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnResolver {
        @Bean
        ZweigViewResolver zweigViewResolver(dev.zweig.Environment env) {
            ZweigViewResolver r = new ZweigViewResolver(env);
            r.setOrder(42);
            return r;
        }
    }
}
