package dev.zweig.spring.boot;

import dev.zweig.spring.web.AppRequest;
import dev.zweig.spring.web.AppVariable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * GraalVM native image hints: the templates under {@code templates/} are kept as resources, and the objects the
 * starter hands to templates ({@code app}, {@code app.request}) keep their public methods for Zweig's member
 * lookup. In a native image Zweig cannot generate accessor classes at run time and reads members through method
 * handles (its interpreter path); the application's own model classes need reflection hints of their own
 * ({@code @RegisterReflectionForBinding}). Not tested in this build.
 */
public class ZweigRuntimeHints implements RuntimeHintsRegistrar {
    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern("templates/**");
        for (Class<?> type : new Class<?>[] {AppVariable.class, AppRequest.class}) {
            hints.reflection().registerType(type, MemberCategory.INVOKE_PUBLIC_METHODS,
                    MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        }
    }
}
