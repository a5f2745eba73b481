/**
 * Zweig: Twig 3 templates on the JVM. One dependency: ASM, with which the compiled executor writes each template as
 * a JVM class. Logging goes through
 * {@link java.lang.System.Logger} (named {@code dev.zweig}).
 *
 * <p>Exported: the API ({@code dev.zweig}), loaders, outputs, the sandbox, the extension API and the types its
 * signatures use: {@code dev.zweig.runtime} ({@code PhpArray} of {@code CallContext.newArray()}, {@code Markup} for
 * safe strings) and, for custom tags ({@code Extension.tags()}), {@code dev.zweig.parser}, {@code dev.zweig.ast} and
 * {@code dev.zweig.lexer}. Not exported: the built-in library ({@code dev.zweig.core}) and the compiler passes
 * ({@code dev.zweig.pass}).
 */
module dev.zweig {
    requires org.objectweb.asm;

    exports dev.zweig;
    exports dev.zweig.ext;
    exports dev.zweig.loader;
    exports dev.zweig.output;
    exports dev.zweig.sandbox;
    exports dev.zweig.runtime;
    exports dev.zweig.parser;
    exports dev.zweig.ast;
    exports dev.zweig.lexer;
}
