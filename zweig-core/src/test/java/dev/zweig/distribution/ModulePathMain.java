package dev.zweig.distribution;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.ext.Body;
import dev.zweig.ext.Expression;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Node;
import dev.zweig.ext.NodeContext;
import dev.zweig.ext.NodeVisitor;
import dev.zweig.ext.TagParser;
import dev.zweig.ext.TagReader;
import dev.zweig.ext.Values;
import dev.zweig.ext.VisitedNode;
import dev.zweig.loader.MapLoader;
import java.util.List;
import java.util.Map;

/**
 * Run by {@link LoggingAndModuleTest} in a JVM where Zweig is a named module on the module path and this class is on
 * the class path: renders a layout, a macro, an attribute, an extension's custom tag ({@code repeat}) and a filter an
 * extension's node visitor renames ({@code shout} to {@code upper}) through each executor and prints the results:
 * the extension API is usable with none of the engine's internal packages exported.
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
                        + "{% repeat 2 %}{{ 'x'|shout }}{% endrepeat %}"
                        + "{{ include('part.twig', {n: 3}) }}{% endblock %}");
        for (Executor ex : Executor.values()) {
            Environment env = Environment.builder().loader(new MapLoader(templates)).executor(ex)
                    .extension(new Repeat()).build();
            System.out.println(ex + " " + Environment.class.getModule().isNamed() + " "
                    + env.render("page.twig", Map.of("user", new User("Ann"))));
        }
    }

    /** {@code {% repeat n %}...{% endrepeat %}}, and a visitor making {@code shout} calls {@code upper} calls. */
    static final class Repeat implements Extension, TagParser, NodeVisitor {
        @Override
        public String tag() {
            return "repeat";
        }

        @Override
        public Node parse(TagReader in) {
            Expression times = in.expression();
            in.end();
            Body body = in.body("endrepeat");
            in.end();
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return List.of(times);
                }

                @Override
                public List<Body> bodies() {
                    return List.of(body);
                }

                @Override
                public void render(NodeContext ctx) {
                    for (long i = Long.parseLong(Values.toString(ctx.evaluate(times))); i > 0; i--) {
                        ctx.render(body);
                    }
                }
            };
        }

        @Override
        public void enter(VisitedNode node) {
            if (node.kind() == VisitedNode.Kind.FILTER && node.name().equals("shout")) {
                node.rename("upper");
            }
        }

        @Override
        public List<TagParser> tags() {
            return List.of(this);
        }

        @Override
        public List<NodeVisitor> nodeVisitors() {
            return List.of(this);
        }

        @Override
        public List<FilterDefinition> filters() {
            return List.of(FilterDefinition.of("shout", (ctx, a) -> a[0]));
        }
    }

    /** A public record read through an attribute site (the compiled executor links its getter). */
    public record User(String name) {
        public List<String> tags() {
            return List.of();
        }
    }
}
