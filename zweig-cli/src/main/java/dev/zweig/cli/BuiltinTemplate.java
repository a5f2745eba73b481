package dev.zweig.cli;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three built-in pages of {@code zweig profile -complexity 1|2|3}, with their data and the exact text they
 * render to. They are also the complexity benchmarks of zweig-bench, which depends on this module for them: one
 * copy of each page, so the profile a user runs and the JMH numbers measure the same thing.
 *
 * <p>The sources are plain {@code .twig} files under {@code dev/zweig/cli/builtin/} on the class path. The data
 * is built as Zweig's value model sees JSON (LinkedHashMap, ArrayList, Long, Double), exactly what
 * {@code --data} would give for the same values. {@link #expected()} is written out by hand from Twig's rules
 * (the newline after a block tag is dropped, {@code capitalize} lower-cases the rest, {@code number_format(2)}
 * rounds to two decimals with a comma for thousands), not produced by the engine.
 */
public enum BuiltinTemplate {
    /** Complexity 1: one variable. */
    SIMPLE(1, "simple", "page.twig", List.of("page.twig")),
    /** Complexity 2: a profile block with a condition, a filter and a loop. */
    MEDIUM(2, "medium", "page.twig", List.of("page.twig")),
    /** Complexity 3: inheritance with parent(), imported macros, loops, arrow functions, number and date filters. */
    COMPLEX(3, "complex", "page.twig", List.of("base.twig", "macros.twig", "page.twig"));

    private final int complexity;
    private final String label;
    private final String main;
    private final List<String> files;

    BuiltinTemplate(int complexity, String label, String main, List<String> files) {
        this.complexity = complexity;
        this.label = label;
        this.main = main;
        this.files = files;
    }

    /** The template for {@code -complexity N}; IllegalArgumentException when N is not 1, 2 or 3. */
    public static BuiltinTemplate ofComplexity(int n) {
        for (BuiltinTemplate t : values()) {
            if (t.complexity == n) {
                return t;
            }
        }
        throw new IllegalArgumentException("complexity must be 1, 2 or 3, not " + n);
    }

    public int complexity() {
        return complexity;
    }

    /** "simple", "medium" or "complex". */
    public String label() {
        return label;
    }

    /** The name of the template to render (in {@link #sources()}). */
    public String mainTemplate() {
        return main;
    }

    /** Every template the page needs, by name (the page, and its parent and macros for COMPLEX). */
    public Map<String, String> sources() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : files) {
            String path = "builtin/" + label + "/" + f;
            try (InputStream in = BuiltinTemplate.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource dev/zweig/cli/" + path);
                }
                out.put(f, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** An environment (HTML autoescaping, UTC) over {@link #sources()}. */
    public Environment environment() {
        return Environment.builder().loader(new MapLoader(sources())).build();
    }

    /** A fresh copy of the page's data. */
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (this) {
            case SIMPLE:
                data.put("name", "World");
                break;
            case MEDIUM: {
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("name", "Ada Lovelace");
                user.put("age", 30L);
                user.put("bio", "mathematician & writer, the FIRST programmer.");
                List<Object> skills = new ArrayList<>();
                String[][] s = {{"Java", "expert"}, {"Twig", "advanced"}, {"SQL", "intermediate"},
                    {"Go", "beginner"}};
                for (String[] skill : s) {
                    skills.add(map("name", skill[0], "level", skill[1]));
                }
                user.put("skills", skills);
                data.put("user", user);
                break;
            }
            case COMPLEX: {
                data.put("title", "Products");
                List<Object> nav = new ArrayList<>();
                String[][] links = {{"Home", "/"}, {"Products", "/products"}, {"About", "/about"},
                    {"Contact", "/contact"}};
                for (String[] l : links) {
                    nav.add(map("label", l[0], "url", l[1]));
                }
                data.put("navigation", nav);
                List<Object> products = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("id", (long) (i + 1));
                    p.put("name", "Product " + (i + 1));
                    p.put("description", "durable & LIGHT item number " + (i + 1));
                    p.put("price", 15 + 1.5 * i);
                    p.put("tags", new ArrayList<Object>(TAGS.subList(0, i % 3 + 1)));
                    products.add(p);
                }
                data.put("products", products);
                break;
            }
            default:
                throw new AssertionError(this);
        }
        return data;
    }

    private static final List<String> TAGS = List.of("new", "sale", "eco");

    /** The exact text the page renders to, with the current year (UTC) in the complex page's footer. */
    public String expected() {
        switch (this) {
            case SIMPLE:
                return "Hello, World!";
            case MEDIUM:
                return "<div class=\"profile\">\n"
                        + "  <h1>Ada Lovelace</h1>\n"
                        + "  <p class=\"age\">Age: 30</p>\n"
                        + "    <p class=\"bio\">Mathematician &amp; writer, the first programmer.</p>\n"
                        + "    <ul class=\"skills\">\n"
                        + "      <li>Java (expert)</li>\n"
                        + "      <li>Twig (advanced)</li>\n"
                        + "      <li>SQL (intermediate)</li>\n"
                        + "      <li>Go (beginner)</li>\n"
                        + "    </ul>\n"
                        + "</div>\n";
            case COMPLEX:
                return complexExpected(Year.now(ZoneOffset.UTC).getValue());
            default:
                throw new AssertionError(this);
        }
    }

    private static String complexExpected(int year) {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html>\n<head>\n<title>Products | Zweig Shop</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/css/base.css\">\n")
                .append("<link rel=\"stylesheet\" href=\"/css/products.css\"></head>\n")
                .append("<body>\n<header><h1>Zweig Shop</h1>\n<nav>")
                .append("<a href=\"/\">Home</a> | <a href=\"/products\">Products</a> | ")
                .append("<a href=\"/about\">About</a> | <a href=\"/contact\">Contact</a></nav></header>\n")
                .append("<main>\n\n<h2>Products</h2>\n<div class=\"products\">\n"); // parent() of an empty block, then the newline after }}
        String[] prices = new String[20];
        for (int i = 0; i < 20; i++) {
            int cents = 1500 + 150 * i;
            prices[i] = (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
            sb.append("<div class=\"product\" id=\"product-").append(i + 1).append("\">\n")
                    .append("  <h3>Product ").append(i + 1).append("</h3>\n")
                    .append("  <p>Durable &amp; light item number ").append(i + 1).append("</p>\n")
                    .append("  <span class=\"price\">$").append(prices[i]).append("</span>\n")
                    .append("    <ul class=\"tags\">");
            for (String tag : TAGS.subList(0, i % 3 + 1)) {
                sb.append("<li>").append(tag).append("</li>");
            }
            sb.append("</ul>\n  </div>\n\n");
        }
        // total 20*15 + 1.5*(0+...+19) = 300 + 285 = 585; average 29.25; cheapest 15, dearest 43.50
        sb.append("</div>\n")
                .append("<p class=\"total\">Total: $585.00</p>\n")
                .append("<p class=\"average\">Average: $29.25</p>\n")
                .append("<p class=\"range\">Range: $15.00 - $43.50</p>\n")
                .append("</main>\n<footer>&copy; ").append(year).append(" Zweig Shop | 20 products</footer>\n")
                .append("</body>\n</html>\n");
        return sb.toString();
    }

    private static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
