package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zweig.Environment;
import dev.zweig.spring.boot.ZweigAutoConfiguration;
import dev.zweig.spring.test.BootLine;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Under Spring Boot DevTools the template cache is off and templates reload when edited. DevTools decides itself
 * whether its development defaults apply (not under a test runner, not in a remote application...): its real
 * post-processor is run here on a thread whose stack is not a test's, as in an application started from an IDE.
 */
class DevToolsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootLine.autoConfigurations(BootLine.PLACEHOLDERS, BootLine.MESSAGES))
            .withConfiguration(AutoConfigurations.of(ZweigAutoConfiguration.class));

    /** The property source DevTools adds to an application's environment when its defaults are active. */
    private static PropertySource<?> devToolsDefaults() throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        // a remote secret makes DevTools add its defaults without a restarter (the other way it decides to)
        env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("app",
                Map.of("spring.devtools.remote.secret", "s3cret")));
        Object postProcessor = BootLine.classes(BootLine.DEVTOOLS_DEFAULTS)[0].getDeclaredConstructor().newInstance();
        Method m = postProcessor.getClass().getMethod("postProcessEnvironment", ConfigurableEnvironment.class,
                SpringApplication.class);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                m.invoke(postProcessor, env, new SpringApplication());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        PropertySource<?> devtools = env.getPropertySources().get("devtools");
        assertThat(devtools).as("DevTools added its property defaults").isNotNull();
        return devtools;
    }

    @Test
    void devToolsTurnsTheCacheOffAndAutoReloadOn(@TempDir Path dir) throws Exception {
        PropertySource<?> devtools = devToolsDefaults();
        Path page = dir.resolve("page.html.twig");
        Files.writeString(page, "first {{ n }}");
        runner.withInitializer(c -> c.getEnvironment().getPropertySources().addLast(devtools))
                .withPropertyValues("zweig.prefix=" + dir.toUri()).run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    assertThat(env.cache()).isFalse();
                    assertThat(env.autoReload()).isTrue();
                    assertThat(env.render("page.html.twig", Map.of("n", 1))).isEqualTo("first 1");
                    Files.writeString(page, "edited {{ n }}");
                    Files.setLastModifiedTime(page, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                    assertThat(env.render("page.html.twig", Map.of("n", 2))).isEqualTo("edited 2");
                });
        // explicit properties win over DevTools' defaults
        runner.withInitializer(c -> c.getEnvironment().getPropertySources().addLast(devtools))
                .withPropertyValues("zweig.cache=true", "zweig.auto-reload=false").run(ctx -> {
                    Environment env = ctx.getBean(Environment.class);
                    assertThat(env.cache()).isTrue();
                    assertThat(env.autoReload()).isFalse();
                });
    }

    @Test
    void withoutDevToolsDefaultsTheCacheStaysOnAndAutoReloadReloadsEditedFiles(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.html.twig");
        Files.writeString(page, "v1");
        runner.withPropertyValues("zweig.prefix=" + dir.toUri()).run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.cache()).isTrue();
            assertThat(env.render("page.html.twig", Map.of())).isEqualTo("v1");
            Files.writeString(page, "v2");
            Files.setLastModifiedTime(page, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            assertThat(env.render("page.html.twig", Map.of())).as("cached, no auto-reload").isEqualTo("v1");
        });
        Files.writeString(page, "v1");
        runner.withPropertyValues("zweig.prefix=" + dir.toUri(), "zweig.auto-reload=true").run(ctx -> {
            Environment env = ctx.getBean(Environment.class);
            assertThat(env.render("page.html.twig", Map.of())).isEqualTo("v1");
            Files.writeString(page, "v2");
            Files.setLastModifiedTime(page, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
            assertThat(env.render("page.html.twig", Map.of())).isEqualTo("v2");
        });
    }
}
