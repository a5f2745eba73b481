package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateException;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import dev.zweig.spring.boot.ZweigAutoConfiguration;
import dev.zweig.spring.boot.ZweigEnvironmentCustomizer;
import dev.zweig.spring.test.BootLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter's beans in a plain (non-web) application: zero properties, each property, overriding beans. */
class ZweigAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.autoConfigurations(BootLine.PLACEHOLDERS, BootLine.MESSAGES))
            .withConfiguration(AutoConfigurations.of(ZweigAutoConfiguration.class));

    @Test
    void zeroPropertiesReadsClasspathTemplatesWithHtmlEscapingAndCache() {
        runner.run(ctx -> {
            assertThat(ctx).hasSingleBean(Environment.class).hasSingleBean(SpringResourceLoader.class)
                    .hasSingleBean(TranslationExtension.class);
            Environment env = ctx.getBean(Environment.class);
            SpringResourceLoader loader = (SpringResourceLoader) env.loader();
            assertThat(loader.prefix()).isEqualTo("classpath:/templates/");
            assertThat(loader.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(env.autoescape()).isEqualTo("html");
            assertThat(env.cache()).isTrue();
            assertThat(env.autoReload()).isFalse();
            assertThat(env.strictVariables()).isFalse();
            assertThat(env.sandboxed()).isFalse();
            assertThat(env.limits()).isEqualTo(RenderLimits.NONE);
            // inheritance, escaping and |trans over the application's messages.properties
            String html = env.render("index.html.twig", Map.of("name", "<Ann>"));
            assertThat(html).contains("<title>Hello</title>").contains("Hello &lt;Ann&gt;!")
                    .contains("<p id=\"trans\">Hello &lt;Ann&gt;, welcome!</p>");
            // no web helpers outside a web application
            assertThat(ctx).doesNotHaveBean(dev.zweig.spring.web.WebExtension.class);
        });
    }

    @Test
    void prefixCharsetAndSuffixProperties(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("latin.twig"), "caf\u00e9 {{ name }}".getBytes(StandardCharsets.ISO_8859_1));
        runner.withPropertyValues("zweig.prefix=" + dir.toUri(), "zweig.charset=ISO-8859-1", "zweig.suffix=.twig")
                .run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    assertThat(env.render("latin.twig", Map.of("name", "x"))).isEqualTo("caf\u00e9 x");
                    assertThat(((SpringResourceLoader) env.loader()).charset().name()).isEqualTo("ISO-8859-1");
                    assertThat(env.loader().exists("index.html.twig")).isFalse();
                });
    }

    @Test
    void executorProperty() {
        runner.run(ctx -> assertThat(ctx.getBean(Environment.class).executor()).isEqualTo(
                Environment.builder().build().executor()));
        runner.withPropertyValues("zweig.executor=interpreted").run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.executor()).isEqualTo(dev.zweig.Executor.INTERPRETED);
            assertThat(env.createTemplate("{{ 1 + 2 }}").render(Map.of())).isEqualTo("3");
        });
        runner.withPropertyValues("zweig.executor=COMPILED").run(ctx -> assertThat(ctx.getBean(Environment.class)
                .executor()).isEqualTo(dev.zweig.Executor.COMPILED));
    }

    @Test
    void cacheAutoReloadStrictDebugTimezoneAndCacheSizeProperties() {
        runner.withPropertyValues("zweig.cache=false", "zweig.auto-reload=true", "zweig.strict-variables=true",
                "zweig.debug=true", "zweig.timezone=Europe/Berlin", "zweig.cache-size=5").run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    assertThat(env.cache()).isFalse();
                    assertThat(env.autoReload()).isTrue();
                    assertThat(env.strictVariables()).isTrue();
                    assertThat(env.debug()).isTrue();
                    assertThat(env.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                    assertThat(env.cacheSize()).isEqualTo(5);
                    assertThatThrownBy(() -> env.createTemplate("{{ nope }}", "strict.twig").render(Map.of()))
                            .isInstanceOf(TemplateRuntimeException.class).hasMessageContaining("nope")
                            .hasMessageContaining("\"strict.twig\" at line 1");
                });
    }

    @Test
    void autoescapeProperty() {
        runner.withPropertyValues("zweig.autoescape=false").run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.autoescape()).isNull();
            assertThat(env.createTemplate("{{ v }}").render(Map.of("v", "<b>"))).isEqualTo("<b>");
        });
        runner.withPropertyValues("zweig.autoescape=js").run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.autoescape()).isEqualTo("js");
            assertThat(env.createTemplate("{{ v }}").render(Map.of("v", "a'b"))).isEqualTo("a\\u0027b");
        });
    }

    @Test
    void sandboxProperties() {
        runner.withPropertyValues("zweig.sandbox.enabled=true", "zweig.sandbox.allowed-tags=if",
                "zweig.sandbox.allowed-filters=upper", "zweig.sandbox.allowed-functions=range",
                "zweig.sandbox.allowed-methods[java.lang.String]=length",
                "zweig.sandbox.allowed-properties[java.util.AbstractMap.SimpleEntry]=key").run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    SecurityPolicy policy = ctx.getBean(SecurityPolicy.class);
                    assertThat(env.sandboxed()).isTrue();
                    assertThat(env.securityPolicy()).isSameAs(policy);
                    assertThat(policy.allowedTags()).containsExactly("if");
                    assertThat(policy.allowedFilters()).containsExactly("upper");
                    assertThat(policy.allowedFunctions()).containsExactly("range");
                    assertThat(policy.allowedMethods()).containsEntry(String.class, java.util.Set.of("length"));
                    assertThat(env.createTemplate("{% if true %}{{ 'a'|upper }}{% endif %}").render(Map.of()))
                            .isEqualTo("A");
                    assertThatThrownBy(() -> env.createTemplate("{{ 'a'|lower }}", "s.twig").render(Map.of()))
                            .isInstanceOf(TemplateException.class).hasMessageContaining("lower");
                });
        runner.withPropertyValues("zweig.sandbox.allowed-methods[no.such.Type]=x")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("no.such.Type"));
        // without zweig.sandbox.enabled the policy only applies inside {% sandbox %}
        runner.withPropertyValues("zweig.sandbox.allowed-filters=upper").run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.sandboxed()).isFalse();
            assertThat(env.createTemplate("{{ 'a'|lower }}").render(Map.of())).isEqualTo("a");
        });
    }

    @Test
    void limitProperties() {
        runner.withPropertyValues("zweig.limits.max-output-chars=1000", "zweig.limits.max-loop-iterations=10",
                "zweig.limits.max-depth=7", "zweig.limits.max-range-length=50", "zweig.limits.deadline=2s").run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    RenderLimits l = env.limits();
                    assertThat(l.maxOutputChars()).isEqualTo(1000);
                    assertThat(l.maxLoopIterations()).isEqualTo(10);
                    assertThat(l.maxDepth()).isEqualTo(7);
                    assertThat(l.maxRangeLength()).isEqualTo(50);
                    assertThat(l.deadline()).isEqualTo(Duration.ofSeconds(2));
                    assertThatThrownBy(() -> env.createTemplate("{% for i in 1..20 %}{{ i }}{% endfor %}", "l.twig")
                            .render(Map.of())).isInstanceOf(TemplateRuntimeException.class);
                });
    }

    @Test
    void everyBeanCanBeReplaced() {
        runner.withUserConfiguration(OwnBeans.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Loader.class).doesNotHaveBean(SpringResourceLoader.class);
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.loader()).isInstanceOf(MapLoader.class);
            assertThat(env.render("own.twig", Map.of())).isEqualTo("own template");
            assertThat(env.limits().maxDepth()).isEqualTo(3);
            assertThat(env.securityPolicy().allowedFilters()).containsExactly("escape");
            assertThat(ctx.getBean(TranslationExtension.class).translate("greeting", Map.of(), null))
                    .isEqualTo("custom");
        });
        runner.withUserConfiguration(OwnEnvironment.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Environment.class);
            assertThat(ctx.getBean(Environment.class).autoescape()).isEqualTo("css");
        });
    }

    @Test
    void extensionFilterFunctionTestAndCustomizerBeansArePickedUp() {
        runner.withUserConfiguration(Additions.class).run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.createTemplate("{{ shout('hi') }} {{ 'x'|twice }} {{ 4 is even_number ? 'e' : 'o' }} "
                    + "{{ 'a'|from_extension }} {{ custom_global }}").render(Map.of()))
                    .isEqualTo("HI! xx e [a] from customizer");
        });
    }

    @Test
    void configurationMetadataDescribesTheProperties() throws Exception {
        try (java.io.InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated by spring-boot-configuration-processor").isNotNull();
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String name : new String[] {"zweig.prefix", "zweig.suffix", "zweig.cache", "zweig.auto-reload",
                "zweig.strict-variables", "zweig.executor", "zweig.autoescape", "zweig.charset", "zweig.content-type",
                "zweig.expose-request-attributes", "zweig.expose-session-attributes", "zweig.sandbox.allowed-tags",
                "zweig.limits.deadline"}) {
                assertThat(json).contains("\"name\": \"" + name + "\"");
            }
            assertThat(json).contains("Where templates are read from").contains("\"value\": \"html_attr\"");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        Loader ownLoader() {
            return new MapLoader(Map.of("own.twig", "own template"));
        }

        @Bean
        RenderLimits ownLimits() {
            return RenderLimits.builder().maxDepth(3).build();
        }

        @Bean
        SecurityPolicy ownPolicy() {
            return SecurityPolicy.builder().allowFilters("escape").build();
        }

        @Bean
        TranslationExtension ownTranslations() {
            org.springframework.context.support.StaticMessageSource m =
                    new org.springframework.context.support.StaticMessageSource();
            m.addMessage("greeting", java.util.Locale.getDefault(), "custom");
            m.addMessage("greeting", java.util.Locale.ENGLISH, "custom");
            return new TranslationExtension(m);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEnvironment {
        @Bean
        Environment ownEnvironment() {
            return Environment.builder().autoescape("css").build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Additions {
        @Bean
        FunctionDefinition shout() {
            return FunctionDefinition.of("shout", (c, a) -> a[0].toString().toUpperCase() + "!").params("text");
        }

        @Bean
        FilterDefinition twice() {
            return FilterDefinition.of("twice", (c, a) -> a[0].toString() + a[0]);
        }

        @Bean
        TestDefinition evenNumber() {
            return TestDefinition.of("even_number", (c, a) -> ((Number) a[0]).longValue() % 2 == 0);
        }

        @Bean
        Extension myExtension() {
            return new Extension() {
                @Override
                public List<FilterDefinition> filters() {
                    return List.of(FilterDefinition.of("from_extension", (c, a) -> "[" + a[0] + "]"));
                }
            };
        }

        @Bean
        ZweigEnvironmentCustomizer customizer() {
            return b -> b.global("custom_global", "from customizer");
        }
    }
}
