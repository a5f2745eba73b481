package dev.zweig.bench.report;

import dev.zweig.cli.AllocationSites.Site;
import java.util.List;
import java.util.Locale;

/**
 * The five ways to take allocation out of a render, and which one an allocation site calls for. A site is
 * judged by its allocated type, the method that allocated it and the frames above it; the first rule that
 * matches wins, in the order below (a byte[] grown by a StringBuilder is buffer management even though a String
 * operation asked for it; a Long is expression evaluation wherever it is boxed).
 */
public enum Strategy {
    BUFFER_MANAGEMENT("Buffer management",
            "One reusable sink per render (pooled or per thread); literal text encoded once per template; a String "
                    + "result copied once at the end."),
    EXPRESSION_EVALUATION("Expression evaluation",
            "Typed evaluation paths (long, double, boolean) so arithmetic, comparisons and loop.index do not box; "
                    + "numbers written as digits straight into the sink."),
    STRING_OPERATIONS("String operations",
            "A filter or macro whose result is printed writes straight into the sink instead of building a "
                    + "String that is then printed."),
    CONTEXT_MANAGEMENT("Context management",
            "Slots resolved at compile time; frames, loop state and macro arguments reused across renders, not "
                    + "allocated per render or per iteration; RandomAccess lists indexed, not iterated."),
    OBJECT_POOLING("Object pooling",
            "Per-render engine objects (render state, iterators, closures) kept in a per-thread pool and reset, "
                    + "instead of allocated per render.");

    private final String title;
    private final String principle;

    Strategy(String title, String principle) {
        this.title = title;
        this.principle = principle;
    }

    public String title() {
        return title;
    }

    public String principle() {
        return principle;
    }

    /** The strategy for a site. */
    public static Strategy of(Site s) {
        String type = s.type();
        String where = (s.className() + "." + s.method()).toLowerCase(Locale.ROOT);
        String stack = String.join(" ", s.stack()).toLowerCase(Locale.ROOT);
        if (stack.contains("ensurecapacity") || stack.contains("newcapacity") || where.contains("output")
                || where.contains("writer") || stack.contains("stringbuilderoutput.tostring")
                || where.endsWith(".render") && isArray(type) && stack.contains("tostring")) {
            return BUFFER_MANAGEMENT;
        }
        if (type.equals("java.lang.Long") || type.equals("java.lang.Double") || type.equals("java.lang.Integer")
                || type.equals("java.lang.Boolean") || type.startsWith("java.math.") || where.contains("phpfloats")
                || where.contains("phpnumbers") || where.contains("arith") || where.contains("compare")
                || stack.contains("long.valueof") || stack.contains("double.valueof")) {
            return EXPRESSION_EVALUATION;
        }
        if (type.equals("java.lang.String") || type.equals("byte[]") || type.equals("char[]")
                || where.contains("filter") || where.contains("string") || where.contains("escape")) {
            return STRING_OPERATIONS;
        }
        if (where.contains("frame") || where.contains("context") || where.contains("macro")
                || where.contains("invoke") || where.contains("loop") || type.contains("Map")
                || type.startsWith("dev.zweig.runtime.Frame") || type.startsWith("dev.zweig.runtime.LoopState")
                || type.equals("java.lang.Object[]")) {
            return CONTEXT_MANAGEMENT;
        }
        return OBJECT_POOLING;
    }

    private static boolean isArray(String type) {
        return type.endsWith("[]");
    }

    /** A concrete recommendation for this site, naming it. */
    public String recommendation(Site s) {
        String site = "`" + s.frame() + "`";
        String type = "`" + simple(s.type()) + "`";
        switch (this) {
            case BUFFER_MANAGEMENT:
                return site + " grows or copies a buffer (" + type + "): size the sink once and reuse it across "
                        + "renders; when a String is wanted, copy the finished buffer exactly once.";
            case EXPRESSION_EVALUATION:
                if (s.type().startsWith("java.math.")) {
                    return site + " formats or rounds through " + type + ": round and print doubles with "
                            + "integer arithmetic on the digits (as jackson-core's NumberOutput does), writing them "
                            + "into the sink, with BigDecimal only for values that need it.";
                }
                if (s.type().startsWith("java.lang.") && !s.type().equals("java.lang.String")
                        && !s.type().equals("java.lang.StringBuilder")) {
                    return site + " boxes a number (" + type + "): give the expression a typed path "
                            + "(long/double) and write the digits straight into the Output (Output#write(long)).";
                }
                return site + " formats a number through a " + type + ": write the digits straight into the "
                        + "Output instead of building text first.";
            case STRING_OPERATIONS:
                return site + " builds a " + type + " whose fate is to be printed: give the filter a "
                        + "write-to-Output form (case change, escaping and formatting character by character into "
                        + "the sink) and use it when the filter is the last step of a print.";
            case CONTEXT_MANAGEMENT:
                return site + " allocates " + type + " per call or per render: keep frames and argument arrays "
                        + "in the render state and reuse them (reset, not reallocated); resolve names to slots at "
                        + "compile time.";
            case OBJECT_POOLING:
            default:
                return site + " allocates a " + type + " on every render: keep one per thread (or in a small "
                        + "pool), reset it at the start of a render, and avoid capturing lambdas on the render "
                        + "path.";
        }
    }

    static String simple(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    /** For tests and the report: every strategy's title, in order. */
    public static List<String> titles() {
        return List.of(BUFFER_MANAGEMENT.title, EXPRESSION_EVALUATION.title, STRING_OPERATIONS.title,
                CONTEXT_MANAGEMENT.title, OBJECT_POOLING.title);
    }
}
