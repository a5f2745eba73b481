package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zweig.TemplateLoaderException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** Template names under a Spring resource prefix follow Twig's rules. */
class SpringResourceLoaderTest {
    @Test
    void readsUnderThePrefixAndRefusesNamesThatClimbOut(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("templates/sub"));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("a.twig"), "A");
        SpringResourceLoader loader = new SpringResourceLoader(new DefaultResourceLoader(),
                dir.resolve("templates").toUri().toString(), StandardCharsets.UTF_8);
        assertThat(loader.load("sub/a.twig").code()).isEqualTo("A");
        assertThat(loader.load("/sub/./x/../a.twig").code()).isEqualTo("A");
        assertThat(loader.load("sub\\a.twig").code()).isEqualTo("A");
        assertThat(loader.version("sub/a.twig")).isPositive();
        assertThat(loader.exists("sub")).isFalse();
        assertThatThrownBy(() -> loader.load("../secret.txt")).isInstanceOf(TemplateLoaderException.class)
                .hasMessageContaining("outside configured directories");
        assertThatThrownBy(() -> loader.load("a\0.twig")).isInstanceOf(TemplateLoaderException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> loader.load("nope.twig")).isInstanceOf(TemplateLoaderException.class)
                .hasMessage("Unable to find template \"nope.twig\" (looked into: " + loader.prefix() + ").");
        SpringResourceLoader classpath = new SpringResourceLoader(new DefaultResourceLoader(), "classpath:/templates",
                StandardCharsets.UTF_8);
        assertThat(classpath.prefix()).isEqualTo("classpath:/templates/");
        assertThat(classpath.exists("error/404.html.twig")).isTrue();
        assertThat(classpath.exists("error")).isFalse();
    }
}
