package dev.zweig.distribution;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.loader.MapLoader;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link LoggingAndModuleTest} in a JVM where Zweig is a named module on the module path and this class is on
 * the class path: renders a layout, a macro and an attribute through each executor and prints the results.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    public static void main(String[] args) {
        Map<String, String> templates = Map.of(
                "layout.twig", "<{% block b %}{% endblock %}>",
                "part.twig", "({{ [1, 2]|map(x => x * n)|join(',') }}{% set s = 'a' ~ n %}{{ s|upper }})",
                "page.twig", "{% extends 'layout.twig' %}{% macro m(x) %}[{{ x }}]{% endmacro %}"
                        + "{% block b %}{{ _self.m(user.name) }}{% for i in 1..2 %}{{ i }}{% endfor %}"
                        + "{{ include('part.twig', {n: 3}) }}{% endblock %}");
        for (Executor ex : Executor.values()) {
            Environment env = Environment.builder().loader(new MapLoader(templates)).executor(ex).build();
            System.out.println(ex + " " + Environment.class.getModule().isNamed() + " "
                    + env.render("page.twig", Map.of("user", new User("Ann"))));
        }
    }

    /** A public record read through an attribute site (the compiled executor links its getter). */
    public record User(String name) {
        public List<String> tags() {
            return List.of();
        }
    }
}
