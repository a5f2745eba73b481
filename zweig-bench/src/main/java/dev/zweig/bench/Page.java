package dev.zweig.bench;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.cli.BuiltinTemplate;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Zweig page under benchmark: its templates, its data and the exact text it must render to. The three
 * complexity pages come from zweig-cli's {@link BuiltinTemplate} (the same pages {@code zweig profile} runs); the
 * others exist for one feature each.
 *
 * <p>Expected texts are written from Twig's rules (the newline right after a block tag is dropped, {@code }}}
 * keeps it; autoescape html turns {@code &} into {@code &amp;}; a float with no fraction prints without one), not
 * produced by the engine. Loops over many rows build their expected text with a plain Java loop that states the
 * row once.
 */
public enum Page {
    SIMPLE(BuiltinTemplate.SIMPLE),
    MEDIUM(BuiltinTemplate.MEDIUM),
    COMPLEX(BuiltinTemplate.COMPLEX),

    /** Macros imported from {@code _self}, a default argument, called in a loop; escaping inside the macro. */
    MACROS("page.twig", Map.of("page.twig", ""
            + "{% macro button(label, href, kind = 'primary') %}"
            + "<a class=\"btn btn-{{ kind }}\" href=\"{{ href }}\">{{ label }}</a>{% endmacro %}\n"
            + "{% macro badge(count) %}<span class=\"badge\">{{ count > 99 ? '99+' : count }}</span>{% endmacro %}\n"
            + "{% import _self as ui %}\n"
            + "<nav>\n"
            + "{% for item in menu %}\n"
            + "<li>{{ ui.button(item.label, item.href) }}{{ ui.badge(item.count) }}</li>\n"
            + "{% endfor %}\n"
            + "<li>{{ ui.button('Log out', '/logout', 'danger') }}</li>\n"
            + "</nav>\n"), Page::macrosData, Page::macrosExpected),

    /** Three levels of extends, parent() at each level, block() of an overridden block. */
    INHERITANCE("page.twig", Map.of(
            "base.twig", "<html><head><title>{% block title %}Site{% endblock %}</title></head>\n"
                    + "<body>{% block body %}<div id=\"sidebar\">{% block sidebar %}<p>Links</p>{% endblock %}</div>"
                    + "<div id=\"main\">{% block main %}{% endblock %}</div>{% endblock %}</body></html>\n",
            "layout.twig", "{% extends \"base.twig\" %}\n"
                    + "{% block title %}Blog - {{ parent() }}{% endblock %}\n"
                    + "{% block sidebar %}{{ parent() }}<ul>{% for c in categories %}<li>{{ c }}</li>{% endfor %}</ul>"
                    + "{% endblock %}\n",
            "page.twig", "{% extends \"layout.twig\" %}\n"
                    + "{% block title %}{{ post.title }} | {{ parent() }}{% endblock %}\n"
                    + "{% block main %}<article><h1>{{ block('title') }}</h1>{{ post.body }}</article>{% endblock %}\n"),
            Page::inheritanceData,
            () -> "<html><head><title>Hello &amp; welcome | Blog - Site</title></head>\n"
                    + "<body><div id=\"sidebar\"><p>Links</p><ul><li>java</li><li>twig</li><li>jvm</li></ul></div>"
                    + "<div id=\"main\"><article><h1>Hello &amp; welcome | Blog - Site</h1>"
                    + "Templates &lt;3 the JVM</article></div></body></html>\n"),

    /** A chain of ten string filters over each of three sentences. */
    FILTERS("page.twig", Map.of("page.twig", ""
            + "{% for s in sentences %}\n"
            + "<p>{{ s|trim|striptags|lower|replace({'fox': 'cat'})|title|split(' ')|join('_')|upper|slice(0, 45)"
            + "|escape }}</p>\n"
            + "{% endfor %}\n"), Page::filtersData,
            () -> "<p>THE_QUICK_BROWN_CAT_JUMPS_OVER_THE_LAZY_DOG</p>\n"
                    + "<p>PACK_MY_BOX_WITH_FIVE_DOZEN_LIQUOR_JUGS_&amp;_A_C</p>\n"
                    + "<p>HELLO_WORLD_OF_TWIG_FILTERS</p>\n"),

    /** 100 users with nested role lists, next to 50 unused settings: lookups in a big context. */
    LARGE_CONTEXT("page.twig", Map.of("page.twig", ""
            + "<ul>\n"
            + "{% for user in users %}\n"
            + "{% if user.active %}\n"
            + "<li id=\"u{{ user.id }}\">{{ user.name }} &lt;{{ user.email }}&gt;: "
            + "{% for role in user.roles %}{{ role.name }} ({{ role.permissions|length }})"
            + "{% if not loop.last %}, {% endif %}{% endfor %}</li>\n"
            + "{% endif %}\n"
            + "{% endfor %}\n"
            + "</ul>\n"
            + "<p>{{ users|length }} users on {{ settings.site_name }}</p>\n"), Page::largeContextData,
            Page::largeContextExpected),

    /** Arithmetic, concatenation, subscripts, ternaries, tests and range(). */
    EXPRESSIONS("page.twig", Map.of("page.twig", ""
            + "{% for i in range(1, 10) %}\n"
            + "{{ i * 3 + 2 }} {{ i // 2 }} {{ i % 3 }} {{ 'n' ~ i ~ '!' }} {{ i is even ? 'even' : 'odd' }} "
            + "{{ values[i - 1] }} {{ point.x + point.y * i }} {{ i > 3 and i < 8 ? 'mid' : 'edge' }} "
            + "{{ (i + 0.5) * 2 }}\n"
            + "{% endfor %}\n"), Page::expressionsData, Page::expressionsExpected),

    /** Integers above 127 (outside Long's box cache) from a range, arithmetic, loop.index and data. */
    INTEGERS("page.twig", Map.of("page.twig", ""
            + "{% for i in 1000..1099 %}<td>{{ i }}</td><td>{{ i * 2 + 1 }}</td><td>{{ loop.index + 127 }}</td>"
            + "{% endfor %}\n"
            + "{% for n in amounts %}{{ n }}:{{ n - 128 }};{% endfor %}\n"), Page::integersData,
            Page::integersExpected);

    private final String main;
    private final Map<String, String> sources;
    private final Supplier<Map<String, Object>> data;
    private final Supplier<String> expected;

    Page(BuiltinTemplate builtin) {
        this(builtin.mainTemplate(), builtin.sources(), builtin::data, builtin::expected);
    }

    Page(String main, Map<String, String> sources, Supplier<Map<String, Object>> data, Supplier<String> expected) {
        this.main = main;
        this.sources = sources;
        this.data = data;
        this.expected = expected;
    }

    /** Loads the page in a fresh environment (HTML autoescaping, UTC) with the default executor. */
    public Template load() {
        return Environment.builder().loader(new MapLoader(sources)).build().load(main);
    }

    /** Loads the page in a fresh environment on the given executor (COMPILED or INTERPRETED). */
    public Template load(String executor) {
        return Environment.builder().executor(dev.zweig.Executor.valueOf(executor)).loader(new MapLoader(sources))
                .build().load(main);
    }

    public Map<String, Object> data() {
        return data.get();
    }

    public String expected() {
        return expected.get();
    }

    // ---- data and expected text --------------------------------------------------------------------------------

    private static Map<String, Object> macrosData() {
        List<Object> menu = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            menu.add(map("label", i == 4 ? "Q&A" : "Item " + i, "href", "/item/" + i, "count", 15L * i));
        }
        return map("menu", menu);
    }

    private static String macrosExpected() {
        StringBuilder sb = new StringBuilder("<nav>\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("<li><a class=\"btn btn-primary\" href=\"/item/").append(i).append("\">")
                    .append(i == 4 ? "Q&amp;A" : "Item " + i).append("</a><span class=\"badge\">")
                    .append(15 * i > 99 ? "99+" : String.valueOf(15 * i)).append("</span></li>\n");
        }
        return sb.append("<li><a class=\"btn btn-danger\" href=\"/logout\">Log out</a></li>\n</nav>\n").toString();
    }

    private static Map<String, Object> inheritanceData() {
        return map("post", map("title", "Hello & welcome", "body", "Templates <3 the JVM"),
                "categories", new ArrayList<Object>(List.of("java", "twig", "jvm")));
    }

    private static Map<String, Object> filtersData() {
        return map("sentences", new ArrayList<Object>(List.of(
                "  The <b>quick</b> brown fox jumps over the lazy dog  ",
                "Pack my box with five dozen liquor jugs & a FOX",
                "  hello WORLD of twig filters  ")));
    }

    private static final String[] ROLES = {"admin", "editor", "author", "viewer"};

    private static Map<String, Object> largeContextData() {
        List<Object> users = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            List<Object> roles = new ArrayList<>();
            for (int r = 0; r < i % 4 + 1; r++) {
                List<Object> permissions = new ArrayList<>();
                for (int p = 0; p <= r; p++) {
                    permissions.add("perm" + p);
                }
                roles.add(map("name", ROLES[r], "permissions", permissions));
            }
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", (long) i);
            user.put("name", "User " + i);
            user.put("email", "user" + i + "@example.com");
            user.put("active", i % 3 != 0);
            user.put("roles", roles);
            users.add(user);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("site_name", "Zweig & Co");
        for (int i = 0; i < 50; i++) {
            settings.put("option_" + i, "value " + i);
        }
        Map<String, Object> data = map("users", users, "settings", settings);
        for (int i = 0; i < 50; i++) {
            data.put("unused_" + i, (long) i);
        }
        return data;
    }

    private static String largeContextExpected() {
        StringBuilder sb = new StringBuilder("<ul>\n");
        for (int i = 1; i <= 100; i++) {
            if (i % 3 == 0) {
                continue;
            }
            sb.append("<li id=\"u").append(i).append("\">User ").append(i).append(" &lt;user").append(i)
                    .append("@example.com&gt;: ");
            for (int r = 0; r < i % 4 + 1; r++) {
                sb.append(r > 0 ? ", " : "").append(ROLES[r]).append(" (").append(r + 1).append(")");
            }
            sb.append("</li>\n");
        }
        return sb.append("</ul>\n<p>100 users on Zweig &amp; Co</p>\n").toString();
    }

    private static Map<String, Object> expressionsData() {
        return map("values", new ArrayList<Object>(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")),
                "point", map("x", 10L, "y", 3L));
    }

    private static String expressionsExpected() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            // (i + 0.5) * 2 is a float with no fraction: PHP prints it without ".0"
            sb.append(i * 3 + 2).append(' ').append(i / 2).append(' ').append(i % 3).append(" n").append(i)
                    .append("! ").append(i % 2 == 0 ? "even" : "odd").append(' ').append((char) ('a' + i - 1))
                    .append(' ').append(10 + 3 * i).append(' ').append(i > 3 && i < 8 ? "mid" : "edge").append(' ')
                    .append(2 * i + 1).append('\n');
        }
        return sb.toString();
    }

    private static final long[] AMOUNTS = {128, 255, 256, 1000, 4096, 65535, 65536, 1_000_000, 2_147_483_648L,
        9_007_199_254_740_993L};

    private static Map<String, Object> integersData() {
        List<Object> amounts = new ArrayList<>();
        for (long a : AMOUNTS) {
            amounts.add(a);
        }
        return map("amounts", amounts);
    }

    private static String integersExpected() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1000; i <= 1099; i++) {
            sb.append("<td>").append(i).append("</td><td>").append(i * 2 + 1).append("</td><td>")
                    .append(i - 999 + 127).append("</td>");
        }
        // both newlines in the source follow {% endfor %}: dropped
        for (long a : AMOUNTS) {
            sb.append(a).append(':').append(a - 128).append(';');
        }
        return sb.toString();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
