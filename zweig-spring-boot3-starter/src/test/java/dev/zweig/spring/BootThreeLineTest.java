package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** The shared starter tests of this module run against Spring Boot 3.5.7 (and its Spring Framework). */
class BootThreeLineTest {
    @Test
    void testsRunOnTheIntendedBootLine() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo("3.5.7");
        assertThat(SpringVersion.getVersion()).startsWith("6.2.");
    }
}
