package dev.zweig.spring;

import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.Values;
import dev.zweig.spring.web.WebRequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Symfony's {@code |trans} filter and {@code trans()} function over a Spring {@link MessageSource}:
 * {@code {{ 'greeting'|trans({'%name%': user.name}) }}} or {@code {{ trans('greeting', {name: user.name}) }}}.
 *
 * <p>The message is looked up in the request's locale (the locale of the render, Spring's current locale outside a
 * web request), or in the locale given as the third argument ({@code |trans({}, null, 'de')}; the second, Symfony's
 * translation domain, is accepted and not used). Arguments given as a map replace their placeholders in the
 * message: a key written {@code %name%} or {@code {name}} is replaced as written, a bare key {@code name} replaces
 * both {@code %name%} and {@code {name}}. Arguments given as a list are Spring's positional {@code {0}}, {@code {1}}
 * arguments (MessageFormat). A key the MessageSource does not know is printed as it is, like Symfony. The result
 * is text: it is escaped like any other value.
 */
public final class TranslationExtension implements Extension {
    private final MessageSource messages;

    public TranslationExtension(MessageSource messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public List<FilterDefinition> filters() {
        return List.of(FilterDefinition.of("trans", (ctx, args) -> translate(args[0], args[1], args[3]))
                .params(Param.optional("arguments", Map.of()), Param.optional("domain", null),
                        Param.optional("locale", null)));
    }

    @Override
    public List<FunctionDefinition> functions() {
        return List.of(FunctionDefinition.of("trans", (ctx, args) -> translate(args[0], args[1], args[3]))
                .params(Param.required("message"), Param.optional("arguments", Map.of()),
                        Param.optional("domain", null), Param.optional("locale", null)));
    }

    /** The message for key in the given (or the current) locale, with its arguments applied. */
    public String translate(Object key, Object arguments, Object locale) {
        String code = Values.toString(key);
        Locale loc = locale == null || Values.toString(locale).isEmpty() ? currentLocale()
                : Locale.forLanguageTag(Values.toString(locale).replace('_', '-'));
        Object[] positional = arguments instanceof List<?> list ? list.toArray() : null;
        String message = messages.getMessage(code, positional, code, loc);
        if (message == null) {
            return code;
        }
        if (arguments instanceof Map<?, ?> named && !named.isEmpty()) {
            for (Map.Entry<?, ?> e : named.entrySet()) {
                String k = Values.toString(e.getKey());
                String v = Values.toString(e.getValue());
                if ((k.startsWith("%") && k.endsWith("%") && k.length() > 1)
                        || (k.startsWith("{") && k.endsWith("}"))) {
                    message = message.replace(k, v);
                } else {
                    message = message.replace("%" + k + "%", v).replace("{" + k + "}", v);
                }
            }
        }
        return message;
    }

    /** The locale of the render: the request's in a web render, Spring's current locale otherwise. */
    public static Locale currentLocale() {
        WebRequestContext c = WebRequestContext.current();
        return c != null ? c.locale() : LocaleContextHolder.getLocale();
    }
}
