package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One Environment, 8 threads, a mix of templates rendered many times; every output is checked exactly. */
class ConcurrencyTest {
    private static final Map<String, String> TEMPLATES = Map.of(
            "base.twig", "<title>{% block title %}Site{% endblock %}</title><main>{% block main %}{% endblock %}</main>",
            "macros.twig", "{% macro item(label, n = 1) %}<li>{{ label|upper }}x{{ n }}</li>{% endmacro %}",
            "row.twig", "<tr><td>{{ loop.index }}</td><td>{{ row.name }}</td><td>{{ row.qty * price }}</td></tr>",
            "page.twig", "{% extends 'base.twig' %}{% import 'macros.twig' as m %}"
                    + "{% block title %}{{ parent() }} - {{ title }}{% endblock %}"
                    + "{% block main %}<ul>{% for label in labels %}{{ m.item(label, loop.index) }}{% endfor %}</ul>{% endblock %}",
            "table.twig", "<table>{% for row in rows %}{% include 'row.twig' %}{% endfor %}</table>total={{ rows|reduce((c, r) => c + r.qty, 0) }}",
            "loops.twig", "{% set acc = [] %}{% for i in 1..n %}{% for j in 1..i %}{% set acc = acc|merge([i * j]) %}{% endfor %}{% endfor %}"
                    + "{{ acc|join(',') }}|{{ acc|sort|last }}|{{ id }}",
            "escape.twig", "{% autoescape 'html' %}{{ s }}{% endautoescape %}|{{ s|e('js') }}|{% set c %}<b>{{ s }}</b>{% endset %}{{ c }}");

    private record Job(String template, Map<String, Object> data, String expected) {
    }

    private static List<Job> jobs(int id) {
        List<Job> jobs = new ArrayList<>();
        String title = "T" + id;
        List<String> labels = List.of("a" + id, "b", "c" + (id % 3));
        jobs.add(new Job("page.twig", Map.of("title", title, "labels", labels),
                "<title>Site - " + title + "</title><main><ul><li>A" + id + "x1</li><li>Bx2</li><li>C" + (id % 3) + "x3</li></ul></main>"));
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder expectedRows = new StringBuilder();
        int total = 0;
        for (int r = 1; r <= 1 + id % 4; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", "n" + r);
            row.put("qty", r + id);
            rows.add(row);
            expectedRows.append("<tr><td>").append(r).append("</td><td>n").append(r).append("</td><td>").append((r + id) * 3L).append("</td></tr>");
            total += r + id;
        }
        jobs.add(new Job("table.twig", Map.of("rows", rows, "price", 3), "<table>" + expectedRows + "</table>total=" + total));
        int n = 1 + id % 5;
        List<String> products = new ArrayList<>();
        List<Integer> sorted = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= i; j++) {
                products.add(String.valueOf(i * j));
                sorted.add(i * j);
            }
        }
        sorted.sort(null);
        jobs.add(new Job("loops.twig", Map.of("n", n, "id", id), String.join(",", products) + "|" + sorted.get(sorted.size() - 1) + "|" + id));
        String s = "<'" + id + "'>";
        jobs.add(new Job("escape.twig", Map.of("s", s), "&lt;&#039;" + id + "&#039;&gt;|\\u003C\\u0027" + id + "\\u0027\\u003E|<b>&lt;&#039;" + id + "&#039;&gt;</b>"));
        return jobs;
    }

    @Test
    void eightThreadsRenderFromOneEnvironment() throws Exception {
        Environment env = Environment.builder().loader(new MapLoader(TEMPLATES)).strictVariables(true).build();
        int threads = 8;
        int iterations = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int threadNo = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    StringBuilderOutput out = new StringBuilderOutput();
                    for (int i = 0; i < iterations; i++) {
                        int id = threadNo * 1000 + i;
                        for (Job job : jobs(id)) {
                            // alternate between the API's entry points; all must agree
                            String got;
                            switch ((i + checked) % 4) {
                                case 0 -> got = env.render(job.template(), job.data());
                                case 1 -> {
                                    StringBuilder sb = new StringBuilder();
                                    env.load(job.template()).render(job.data(), sb);
                                    got = sb.toString();
                                }
                                case 2 -> {
                                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                                    env.load(job.template()).render(job.data(), bytes);
                                    got = bytes.toString(StandardCharsets.UTF_8);
                                }
                                default -> {
                                    out.reset();
                                    env.load(job.template()).render(job.data(), out);
                                    got = out.toString();
                                }
                            }
                            assertEquals(job.expected(), got, job.template() + " in thread " + threadNo + " iteration " + i);
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertEquals(threads * iterations * 4, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentFirstLoadCompilesOneTemplateInstance() throws Exception {
        Environment env = Environment.builder().loader(new MapLoader(TEMPLATES)).build();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Template>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return env.load("page.twig");
                }));
            }
            start.countDown();
            List<Template> loaded = new ArrayList<>();
            for (Future<Template> f : futures) {
                loaded.add(f.get(60, TimeUnit.SECONDS));
            }
            for (Template t : loaded) {
                assertEquals("<title>Site - x</title><main><ul></ul></main>", t.render(Map.of("title", "x", "labels", List.of())));
            }
            assertTrue(loaded.stream().allMatch(t -> t.name().equals("page.twig")));
        } finally {
            pool.shutdownNow();
        }
    }
}
