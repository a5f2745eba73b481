package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** The shared starter tests of this module run against Spring Boot 4.0.7 (and its Spring Framework). */
class BootFourLineTest {
    @Test
    void testsRunOnTheIntendedBootLine() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo("4.0.7");
        assertThat(SpringVersion.getVersion()).startsWith("7.");
    }
}
