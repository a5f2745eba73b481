package dev.zweig.parser;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ext.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's arguments to declared parameters at compile time, by the rules of Twig's
 * CallableArgumentsExtractor: positional arguments first; a named argument matches a parameter whatever its
 * spelling ({@link Param#normalize}), of two spellings of one name the last wins (the other is dropped, never
 * evaluated); the parameters are then taken in order: a named value, else the next positional one, else the
 * default; and what is left over is an error once a name was used, unless the callable is variadic.
 */
public final class CallArguments {
    private CallArguments() {
    }

    /**
     * A binding: per parameter the argument given for it, or null when it takes its default; the positional
     * arguments beyond the parameters; and, for a variadic callable only, the named arguments no parameter has,
     * in the order given (never left over otherwise: that is an error).
     */
    public record Binding(Expr[] params, List<Expr> rest, List<Expr.Arg> extraNamed) {}

    /** Binds args to params; kind ("filter", "function", "test") and callable name the call in errors. */
    public static Binding bind(String kind, String callable, List<Param> params, boolean variadic,
            List<Expr.Arg> args, String template, int line) {
        List<Expr> positional = new ArrayList<>();
        Map<String, Expr.Arg> named = new LinkedHashMap<>();
        for (Expr.Arg a : args) {
            if (a.name() == null) {
                if (!named.isEmpty()) {
                    throw new TemplateSyntaxException("Positional arguments cannot be used after named arguments for "
                            + kind + " \"" + callable + "\".", template, line);
                }
                positional.add(a.value());
            } else {
                named.put(Param.normalize(a.name()), a);
            }
        }
        Expr[] bound = new Expr[params.size()];
        int pos = 0;
        for (int i = 0; i < bound.length; i++) {
            Param p = params.get(i);
            Expr.Arg byName = named.remove(Param.normalize(p.name()));
            if (byName != null) {
                if (pos < positional.size()) {
                    throw new TemplateSyntaxException("Argument \"" + phpName(p.name()) + "\" is defined twice for "
                            + kind + " \"" + callable + "\".", template, line);
                }
                bound[i] = byName.value();
            } else if (pos < positional.size()) {
                bound[i] = positional.get(pos++);
            } else if (p.required()) {
                throw new TemplateSyntaxException("Value for argument \"" + p.name() + "\" is required for " + kind
                        + " \"" + callable + "\".", template, line);
            }
        }
        List<Expr> rest = positional.subList(pos, positional.size());
        if (!variadic && !named.isEmpty()) {
            // what is left is unknown; positional ones count too once a name is used, under their index
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                unknown.add(String.valueOf(pos + i));
            }
            unknown.addAll(named.keySet());
            StringBuilder sig = new StringBuilder();
            for (Param p : params) {
                sig.append(sig.length() > 0 ? ", " : "").append(p.name());
            }
            Expr first = rest.isEmpty() ? named.values().iterator().next().value() : rest.get(0);
            throw new TemplateSyntaxException("Unknown argument" + (unknown.size() > 1 ? "s" : "") + " \""
                    + String.join("\", \"", unknown) + "\" for " + kind + " \"" + callable + "(" + sig + ")\".",
                    template, first.line());
        }
        return new Binding(bound, List.copyOf(rest), List.copyOf(named.values()));
    }

    /** A declared parameter name as the PHP parameter Twig names in some messages: snake_case to camelCase. */
    private static String phpName(String param) {
        StringBuilder sb = new StringBuilder(param.length());
        boolean upper = false;
        for (int i = 0; i < param.length(); i++) {
            char c = param.charAt(i);
            if (c == '_' && i > 0) {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
