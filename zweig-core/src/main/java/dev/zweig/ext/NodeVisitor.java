package dev.zweig.ext;

/**
 * A pass over every parsed template before it is compiled (after Twig's NodeVisitorInterface), added through
 * {@link Extension#nodeVisitors()}. It is shown each construct of the template ({@link VisitedNode}: prints, tags,
 * custom nodes, filter, function and test calls) in a defined order, and may refuse one (throw
 * {@link VisitedNode#error}) or rewrite it (rename a call, wrap a print in a filter).
 *
 * <p>Order: the extensions' visitors run on the tree as the parser left it, before every core pass (the sandbox's
 * usage check, escaping, constant folding), so the sandbox checks and the escaping pass judges the rewritten
 * template, whichever executor compiles it. Visitors run one after the other, each over the whole template: by
 * ascending {@link #priority()}, visitors of the same priority in the order their extensions were added. Within a
 * template: the body, then each block (in the order they are defined), then each macro, then the templates of
 * {@code embed} tags (each the same way); within those, in source order, a construct before what it holds.
 */
public interface NodeVisitor {
    /** Called once for each construct of the template. */
    void enter(VisitedNode node);

    /** Lower runs first (Twig's getPriority; its default too). */
    default int priority() {
        return 0;
    }
}
