package dev.zweig.ext;

/**
 * The arguments of one filter or function call as written in a template, seen at compile time (what Twig's
 * is_safe_callback receives): given to a callback registered with {@code safeWhen}.
 */
public interface Arguments {
    int size();

    /** The argument's name when it is a named argument ({@code name: value}); null when positional or spread. */
    String name(int i);

    /** Whether the argument is a constant: a string, number, boolean or null literal (not a spread). */
    boolean isConstant(int i);

    /** The constant's value (String, Long, Double, Boolean or null); null when it is not a constant. */
    Object constant(int i);
}
