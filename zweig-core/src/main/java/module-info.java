/**
 * Zweig: Twig 3 templates on the JVM. One dependency: ASM, with which the compiled executor writes each template as
 * a JVM class. Logging goes through {@link java.lang.System.Logger} (named {@code dev.zweig}).
 *
 * <p>Exported: the API ({@code dev.zweig}: Environment, Template, Markup, the exceptions), loaders, outputs, the
 * sandbox and the extension API ({@code dev.zweig.ext}: filters, functions, tests, custom tags with their nodes,
 * and node visitors, none of which hands out an internal type).
 * Not exported, one package per stage: {@code lexer}, {@code parser} (with the core tags), {@code ast} (the syntax
 * tree), {@code pass} (tree passes), {@code semantics} (the rules both executors call), {@code interpreter} (the
 * closure executor), {@code bytecode} (the compiled executor), {@code runtime} (render state, frames, loops, lent
 * outputs), {@code php} (PHP value semantics: numbers, strings, dates, arrays, sorting), {@code engine} (compile
 * pipeline and template cache) and {@code core} (the built-in library).
 */
module dev.zweig {
    requires org.objectweb.asm;

    exports dev.zweig;
    exports dev.zweig.ext;
    exports dev.zweig.loader;
    exports dev.zweig.output;
    exports dev.zweig.sandbox;
}
