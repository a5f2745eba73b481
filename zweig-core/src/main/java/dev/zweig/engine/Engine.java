package dev.zweig.engine;

import dev.zweig.bytecode.BytecodeCompiler;
import dev.zweig.interpreter.ClosureCompiler;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
import dev.zweig.semantics.Symbols;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLoaderException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Module;
import dev.zweig.core.CoreExtension;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.TemplateSource;
import dev.zweig.parser.Definitions;
import dev.zweig.parser.Parser;
import dev.zweig.parser.TagParser;
import dev.zweig.pass.EscaperPass;
import dev.zweig.output.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: the compile pipeline (lexer, parser, passes, compiler) and the template cache of one Environment.
 * Thread-safe: templates compile once per name (concurrent first loads may compile twice; one result wins).
 */
public final class Engine {
    /** Zweig logs through the JDK's System.Logger (no logging library): compilations at DEBUG. */
    private static final System.Logger LOG = System.getLogger("dev.zweig");
    private final Settings settings;
    /** Handed to extensions as CallContext.environment(); never asked for configuration. */
    private final Environment owner;
    private final Symbols symbols = new Symbols();
    private final Definitions defs;
    /** The extensions' node visitors, in the order they run. */
    private final List<dev.zweig.ext.NodeVisitor> visitors;
    /**
     * A compiled template with the loader version it was compiled from and the cache epoch it was last used in
     * (epochs advance at each insertion, so a hit writes only when the epoch moved: no contended counter per load).
     */
    private static final class Cached {
        final CompiledTemplate template;
        final long version;
        volatile long lastUse;

        Cached(CompiledTemplate template, long version, long now) {
            this.template = template;
            this.version = version;
            this.lastUse = now;
        }
    }

    /** Compiled templates by the loader's {@link dev.zweig.loader.Loader#cacheKey} of their name. */
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong useClock = new AtomicLong();
    private final Object[] globalSlots;
    private final java.util.concurrent.atomic.AtomicInteger sites = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Call-site ids wrap around at this many: templates compiled at run time ({@code template_from_string}) would
     * otherwise grow every thread's per-site arrays without bound. Two sites sharing an id only share a reuse slot
     * (an argument array in use is taken out of its slot; a cached arrow is checked against its body).
     */
    public static final int MAX_SITES = 1 << 16;

    /** A call-site id (indexes the per-render argument arrays and function objects); not unique past MAX_SITES. */
    public int newSite() {
        return sites.getAndIncrement() & (MAX_SITES - 1);
    }

    public Engine(Settings settings, Environment owner) {
        this.settings = settings;
        this.owner = owner;
        Map<String, FilterDefinition> filters = new LinkedHashMap<>();
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        Map<String, TestDefinition> tests = new LinkedHashMap<>();
        Map<String, TagParser> tags = new LinkedHashMap<>();
        List<Extension> all = new ArrayList<>();
        CoreExtension core = new CoreExtension(settings.formats());
        all.add(core);
        all.addAll(settings.extensions());
        Map<String, Object> globals = new LinkedHashMap<>();
        // the core tags build core nodes: registered here, not through the public Extension API
        dev.zweig.parser.tags.CoreTags.all().forEach(t -> tags.put(t.tag(), t));
        List<dev.zweig.ext.NodeVisitor> visitors = new ArrayList<>();
        for (Extension e : all) {
            e.tags().forEach(t -> tags.put(t.tag(), new dev.zweig.parser.ExtensionTag(t)));
            visitors.addAll(e.nodeVisitors());
            e.filters().forEach(f -> {
                filters.put(f.name(), f);
                if (e == core) {
                    coreFilters.add(f);
                }
            });
            e.functions().forEach(f -> {
                functions.put(f.name(), f);
                if (e == core) {
                    coreFunctions.add(f);
                }
            });
            e.tests().forEach(t -> {
                tests.put(t.name(), t);
                if (e == core) {
                    coreTests.add(t);
                }
            });
            globals.putAll(e.globals());
        }
        globals.putAll(settings.globals());
        this.defs = new Definitions(Map.copyOf(filters), Map.copyOf(functions), Map.copyOf(tests), Map.copyOf(tags));
        // by priority, ties in the order their extensions were added (a stable sort)
        visitors.sort(java.util.Comparator.comparingInt(dev.zweig.ext.NodeVisitor::priority));
        this.visitors = List.copyOf(visitors);
        List<Object> gs = new ArrayList<>();
        for (Map.Entry<String, Object> g : globals.entrySet()) {
            gs.add(symbols.slot(g.getKey()));
            gs.add(g.getValue());
        }
        this.globalSlots = gs.toArray();
        Object[] gv = new Object[symbols.size()];
        java.util.Arrays.fill(gv, Frame.UNDEFINED);
        for (int i = 0; i < globalSlots.length; i += 2) {
            gv[(Integer) globalSlots[i]] = globalSlots[i + 1];
        }
        this.globalValues = gv;
    }

    /** Global values by slot (UNDEFINED where a slot is not a global). */
    private final Object[] globalValues;


    /** How many globals there are (see {@link #globalSlot}). */
    public int globalCount() {
        return globalSlots.length / 2;
    }

    /** The slot of the i-th global in declaration order (0 &lt;= i &lt; globalCount()). */
    public int globalSlot(int i) {
        return (Integer) globalSlots[i * 2];
    }

    /** Slots of the globals, in declaration order. */
    public int[] globalSlotOrder() {
        int[] r = new int[globalSlots.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (Integer) globalSlots[i * 2];
        }
        return r;
    }

    /** Whether a test is the core one (not replaced by an extension), so the compiler may inline it. */
    public boolean isCoreTest(dev.zweig.ext.CallableDefinition d) {
        return coreTests.contains(d);
    }

    /** Whether a function is the core one (not replaced by an extension), so the compiler may inline it. */
    public boolean isCoreFunction(dev.zweig.ext.CallableDefinition d) {
        return d != null && coreFunctions.contains(d);
    }

    private final java.util.Set<Object> coreFunctions = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** Whether a filter is the core one (not replaced by an extension): known never to keep its arguments. */
    public boolean isCoreFilter(dev.zweig.ext.CallableDefinition d) {
        return d != null && coreFilters.contains(d);
    }

    /** Whether a callable is one of the core extension's (which never keep what they are given). */
    public boolean isCore(dev.zweig.ext.CallableDefinition d) {
        return d != null && (coreFilters.contains(d) || coreFunctions.contains(d) || coreTests.contains(d));
    }

    private final java.util.Set<Object> coreFilters = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private final java.util.Set<Object> coreTests = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    /** The Environment extensions see ({@code CallContext.environment()}). */
    public Environment environment() {
        return owner;
    }

    /** The configuration this engine was built with. */
    public Settings settings() {
        return settings;
    }

    public Symbols symbols() {
        return symbols;
    }

    public Definitions definitions() {
        return defs;
    }

    public Template load(String name) {
        return loadInternal(name, null, 0);
    }

    public Template createTemplate(String source, String name) {
        if (source == null) {
            throw new TemplateLoaderException("The source of a template cannot be null.", name, 0);
        }
        String n = name != null && !name.isBlank() ? name : stringTemplateName(source, null);
        return compile(new TemplateSource(n, source));
    }

    /**
     * template_from_string(source, name): a template compiled from source under Twig's name for it
     * ({@link #stringTemplateName}). shared: the template is rendered where it is made and dropped (see
     * ConsumedTemplates), so the one compiled for an earlier such call with the same source and name is handed out
     * (as Twig reuses the class of a source it compiled), from a cache bounded in templates and in source chars;
     * elsewhere each call gets a template object of its own, as each gets a TemplateWrapper of its own in Twig.
     */
    public CompiledTemplate templateFromString(String source, String name, boolean shared) {
        boolean cached = shared && settings.cache();
        if (cached) {
            StringTemplate s = stringTemplates.get(source);
            if (s != null && java.util.Objects.equals(s.name, name)) {
                return s.template;
            }
        }
        CompiledTemplate t = compile(new TemplateSource(stringTemplateName(source, name), source));
        if (cached && source.length() <= MAX_STRING_TEMPLATE_CHARS) {
            StringTemplate old = stringTemplates.put(source, new StringTemplate(name, t));
            if (old == null && stringTemplateChars.addAndGet(source.length()) > MAX_STRING_TEMPLATE_CHARS
                    || stringTemplates.size() > MAX_STRING_TEMPLATES) {
                // over a bound: sources out, any order, until within both (a miss compiles anyway)
                java.util.Iterator<String> it = stringTemplates.keySet().iterator();
                while (it.hasNext() && (stringTemplates.size() > MAX_STRING_TEMPLATES
                        || stringTemplateChars.get() > MAX_STRING_TEMPLATE_CHARS)) {
                    String k = it.next();
                    if (!k.equals(source) && stringTemplates.remove(k) != null) {
                        stringTemplateChars.addAndGet(-k.length());
                    }
                }
            }
        }
        return t;
    }

    /** A template made from a string, with the name it was asked for under (null: none). */
    private record StringTemplate(String name, CompiledTemplate template) {}

    /** Templates of template_from_string calls consumed on the spot, by source (see templateFromString). */
    private final ConcurrentHashMap<String, StringTemplate> stringTemplates = new ConcurrentHashMap<>();
    /** The chars of the sources in stringTemplates. */
    private final AtomicLong stringTemplateChars = new AtomicLong();
    /** At most this many templates made from strings are kept for reuse. */
    static final int MAX_STRING_TEMPLATES = 256;
    /** ... and at most this many chars of their sources (a larger source is compiled at every call). */
    static final int MAX_STRING_TEMPLATE_CHARS = 1 << 22;

    /**
     * Twig's name for a template made from a string: {@code __string_template__} and the xxh128 hash of its source
     * (PHP 8.1+), or, given a name, {@code name (string template <hash>)}; derived from the source alone, so that
     * compiling the same source again adds no new name to anything keyed by template names (the hidden slots of its
     * imports). The source is hashed as its UTF-8 bytes (as PHP holds it), a lone surrogate as the three bytes
     * UTF-8 would give its code unit, so that distinct sources never hash the same bytes.
     */
    static String stringTemplateName(String source, String name) {
        // a chunk at a time, the render's deadline checked between chunks (a source of millions of chars built in
        // a limited render is hashed for as long as it takes to compile)
        int n = 0;
        for (int i = 0, len = source.length(); i < len; i++) {
            char c = source.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(source.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
            if ((i & 0xFFFF) == 0) {
                dev.zweig.runtime.RenderClock.checkCurrent();
            }
        }
        byte[] b = new byte[n];
        int at = 0;
        for (int i = 0, len = source.length(); i < len; i++) {
            char c = source.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(source.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, source.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else {
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
            if ((i & 0xFFFF) == 0) {
                dev.zweig.runtime.RenderClock.checkCurrent();
            }
        }
        String hash = Xxh128.hex(b);
        return name == null ? "__string_template__" + hash : name + " (string template " + hash + ")";
    }

    /** Loads a template by name; errors name the template and line that asked for it. */
    public CompiledTemplate loadInternal(String name, String from, int line) {
        if (name == null) {
            throw new TemplateLoaderException("Template name cannot be null.", from, line);
        }
        String key = null;
        TemplateSource src;
        long version;
        boolean reload = false;
        try {
            if (settings.cache()) {
                key = settings.loader().cacheKey(name);
                Cached c = cache.get(key);
                reload = c != null;
                if (c != null && (!settings.autoReload() || c.version == settings.loader().version(name))) {
                    long epoch = useClock.get();
                    if (c.lastUse != epoch) {
                        c.lastUse = epoch;
                    }
                    return c.template;
                }
            }
            // the version is read before the source: a change during the read shows up at the next load
            version = settings.cache() ? settings.loader().version(name) : 0L;
            src = settings.loader().load(name);
        } catch (TemplateException e) {
            if (from != null) {
                e.locate(from, line);
            }
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateLoaderException("Unable to load template \"" + name + "\": " + e.getMessage(), from,
                    line, 0, e);
        }
        CompiledTemplate t;
        long started = LOG.isLoggable(System.Logger.Level.DEBUG) ? System.nanoTime() : 0L;
        try {
            t = compile(src);
        } catch (TemplateException e) {
            // a template broken by an edit keeps failing; the others stay cached
            if (key != null) {
                cache.remove(key);
            }
            throw e;
        }
        if (started != 0L) {
            long micros = (System.nanoTime() - started) / 1000;
            boolean recompiled = reload;
            LOG.log(System.Logger.Level.DEBUG, () -> (recompiled ? "Recompiled changed template \"" : "Compiled template \"")
                    + name + "\" in " + micros + " \u00b5s");
        }
        if (key != null) {
            cache.put(key, new Cached(t, version, useClock.incrementAndGet()));
            evictIfNeeded();
        }
        return t;
    }

    /** Keeps the cache within Environment.cacheSize() by dropping the least recently used templates. */
    private void evictIfNeeded() {
        int max = settings.cacheSize();
        while (max > 0 && cache.size() > max) {
            String oldest = null;
            long min = Long.MAX_VALUE;
            for (Map.Entry<String, Cached> e : cache.entrySet()) {
                if (e.getValue().lastUse < min) {
                    min = e.getValue().lastUse;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            cache.remove(oldest);
        }
    }

    /** A template's code as {@code source()} last read it, and the loader's version of it then. */
    private record CachedSource(long version, String code) {
    }

    private final ConcurrentHashMap<String, CachedSource> sources = new ConcurrentHashMap<>();

    /**
     * The code of a template, for {@code source()}: read from the loader once and kept, under the same rule as
     * compiled templates (with the cache on; checked against the loader's version when auto-reload is on).
     */
    public String sourceCode(String name) {
        if (!settings.cache()) {
            return settings.loader().load(name).code();
        }
        String key = settings.loader().cacheKey(name);
        CachedSource c = sources.get(key);
        if (c != null && (!settings.autoReload() || c.version == settings.loader().version(name))) {
            return c.code;
        }
        long version = settings.loader().version(name);
        String code = settings.loader().load(name).code();
        if (sources.size() >= Math.max(1, settings.cacheSize())) {
            sources.clear(); // source() of many names: start over rather than grow
        }
        sources.put(key, new CachedSource(version, code));
        return code;
    }

    /** Number of compiled templates currently cached. */
    public int cachedTemplates() {
        return cache.size();
    }

    /** Whether the loader has the named template (a compiled one in the cache counts). */
    public boolean exists(String name) {
        if (settings.cache() && name != null) {
            try {
                if (cache.containsKey(settings.loader().cacheKey(name))) {
                    return true;
                }
            } catch (TemplateException e) {
                return false;
            }
        }
        return settings.loader().exists(name);
    }

    CompiledTemplate compile(TemplateSource src) {
        try {
            Module module = new Parser(defs, src.name(), src.code()).parse();
            // the extensions' visitors first, on the tree as parsed: the sandbox and the escaping pass judge what
            // they leave (documented on NodeVisitor)
            module = dev.zweig.pass.VisitorPass.apply(module, visitors, defs);
            dev.zweig.pass.UsagePass.Usage usage = dev.zweig.pass.UsagePass.of(module);
            // Twig's order: the escaper visitor (priority 0) before the optimizer (255), so that safety is judged
            // on the expressions as written ((true ? '<b>' : x)|nl2br escapes its input)
            module = new EscaperPass(defs, defaultStrategy(src.name())).apply(module);
            module = new dev.zweig.pass.OptimizerPass().apply(module);
            // variables numbered in one order, whichever executor compiles: both list a scope in the same order
            for (String variable : dev.zweig.pass.VariableNames.of(module)) {
                symbols.slot(variable);
            }
            CompiledTemplate t = settings.executor() == dev.zweig.Executor.COMPILED ? compiled(module)
                    : new ClosureCompiler(this, module).compile();
            t.usage(usage);
            if (settings.sandboxed()) {
                t.checkSecurity(settings.securityPolicy());
            }
            return t;
        } catch (StackOverflowError e) {
            throw new TemplateSyntaxException("The template is nested too deeply to be compiled.", src.name(), 1);
        }
    }

    /**
     * The compiled executor's class for a module; a template beyond the JVM's class-file limits (64 Ki constants,
     * 64 KiB of code per method even after splitting) is the one case the platform forces onto the interpreter,
     * said in a warning.
     */
    private CompiledTemplate compiled(Module module) {
        try {
            return new BytecodeCompiler(this, module).compile();
        } catch (org.objectweb.asm.ClassTooLargeException | org.objectweb.asm.MethodTooLargeException
                | org.objectweb.asm.LimitExceededException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "Template \"" + module.name() + "\" is beyond the JVM's "
                    + "class-file limits (" + e.getMessage() + "): it runs on the interpreter.");
            return new ClosureCompiler(this, module).compile();
        } catch (StackOverflowError e) {
            // nested deeper than the bytecode compiler's recursion reaches on this thread's stack (the interpreter's
            // is shallower): the stack is unwound here, so the interpreter gets all of it
            LOG.log(System.Logger.Level.WARNING, () -> "Template \"" + module.name() + "\" is nested too deeply to "
                    + "be compiled to a class: it runs on the interpreter.");
            return new ClosureCompiler(this, module).compile();
        }
    }

    private String defaultStrategy(String name) {
        String s = settings.autoescape();
        if (s == null || !s.equals("name")) {
            return s;
        }
        String n = name.endsWith(".twig") ? name.substring(0, name.length() - 5) : name;
        if (n.endsWith(".js") || n.endsWith(".json")) {
            return "js";
        }
        if (n.endsWith(".css")) {
            return "css";
        }
        if (n.endsWith(".txt")) {
            return null;
        }
        return "html";
    }

    /**
     * resolveTemplate of a value computed in a render: a render-private text (a name built by {@code ~}, a string
     * filter or a macro, see ScratchAnalysis) as the equal String of the render's key cache (made on a miss
     * only), so that the template cache, the loader and any message get an immutable String and no String is made
     * per render in steady state.
     */
    public CompiledTemplate resolveTemplate(Object v, RenderState st, String from, int line, boolean ignoreMissing) {
        return resolve(templateName(v, st), st, from, line, ignoreMissing);
    }

    /** A template name as the loader gets it: a render-private text as an equal String of the render's key cache. */
    public static Object templateName(Object v, RenderState st) {
        return v instanceof dev.zweig.runtime.ScratchText || v instanceof dev.zweig.runtime.SafeText
                ? st.key((CharSequence) v) : v;
    }

    /** Turns a value given to extends/include/import/embed into a template (name, Template, or list of names). */
    public CompiledTemplate resolveTemplate(Object v, String from, int line, boolean ignoreMissing) {
        return resolve(v, null, from, line, ignoreMissing);
    }

    /**
     * resolveTemplate; st (null outside a render) turns a render-private text in a list of names into a String of
     * the render's key cache. A list of names is only read here: an indexed list (a list literal, a render's
     * pooled array of one) is walked in place, not copied.
     */
    private CompiledTemplate resolve(Object v, RenderState st, String from, int line, boolean ignoreMissing) {
        if (v instanceof CompiledTemplate t) {
            return t;
        }
        if (v instanceof Collection<?> || v instanceof Object[] || v instanceof Map<?, ?>) {
            Object names = v instanceof dev.zweig.php.PhpArray || v instanceof List<?> l
                    && l instanceof java.util.RandomAccess ? v
                    : v instanceof Map<?, ?> m ? new ArrayList<>(m.values()) : Values.toList(v);
            for (int i = 0, size = dev.zweig.php.PhpArrays.size(names); i < size; i++) {
                Object n = dev.zweig.php.PhpArrays.valueAt(names, i);
                if (n instanceof CompiledTemplate t) {
                    return t;
                }
                String s = Values.toString(st == null ? n : templateName(n, st));
                if (exists(s)) {
                    return loadInternal(s, from, line);
                }
            }
            if (ignoreMissing) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0, size = dev.zweig.php.PhpArrays.size(names); i < size; i++) {
                if (sb.length() > 0) {
                    sb.append("\", \"");
                }
                sb.append(Values.toString(dev.zweig.php.PhpArrays.valueAt(names, i)));
            }
            throw new TemplateLoaderException("Unable to find one of the following templates: \"" + sb + "\".", from,
                    line);
        }
        String s = Values.toString(v);
        if (ignoreMissing && !exists(s)) {
            return null;
        }
        return loadInternal(s, from, line);
    }

    /** The global variable in a slot (context values win over it), or UNDEFINED. */
    public Object global(int slot) {
        Object[] g = globalValues;
        return slot < g.length ? g[slot] : Frame.UNDEFINED;
    }

    /**
     * Render states waiting for a render of this Environment. A render takes one and gives it back itself (no
     * ThreadLocal), so nested renders, any number of Environments, pool threads and virtual threads all reuse the
     * same few; when every one is taken (more concurrent renders than slots) a render makes a new state.
     *
     * <p>The pool grows to the peak of concurrent renders, up to {@link #MAX_IDLE} states: a state given back to
     * a full pool is the sign that more renders ran at once than it holds (a new state is only made when none is
     * idle), so the pool doubles (up to the cap) rather than drop it; renders that park (I/O in a user function, a
     * slow sink, a virtual thread per request) then reuse states instead of building one each. What it retains
     * stays bounded: at most MAX_IDLE states, and those beyond the first {@link #POOL_SIZE} slots are kept lean
     * (RenderState#lean: no big buffers or arena collections), as they serve only bursts. The pool never shrinks.
     */
    private volatile java.util.concurrent.atomic.AtomicReferenceArray<RenderState> idle =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(POOL_SIZE);
    private static final int POOL_SIZE = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);
    /** The most idle states the pool grows to. */
    static final int MAX_IDLE = Math.max(256, POOL_SIZE * 4);
    private final Object growing = new Object();

    /** How many slots the pool has now (it grows with the peak of concurrent renders: see {@link #idle}). */
    public int poolSlots() {
        return idle.length();
    }

    /** A render state for a new render on the calling thread, writing into out (may be set later). */
    public RenderState acquire(Output out) {
        RenderState st = take();
        st.begin(out);
        return st;
    }

    /**
     * A render state out of the pool (or a new one), not begun: for a flat template's String result, which uses
     * its result buffer alone (see CompiledTemplate#render); handed back with {@link #giveBack}.
     */
    public RenderState take() {
        java.util.concurrent.atomic.AtomicReferenceArray<RenderState> pool = idle;
        int n = pool.length();
        int home = homeSlot();
        RenderState st = null;
        for (int k = 0; k < n && st == null; k++) {
            int i = slot(home, k);
            RenderState s = pool.get(i);
            if (s != null && pool.compareAndSet(i, s, null)) {
                st = s;
            }
        }
        if (st == null) {
            st = new RenderState(this);
        }
        st.poolHome = home;
        return st;
    }

    /** Ends a render: the state forgets the render's data and waits for the next one (dropped if the pool is full). */
    public void release(RenderState st) {
        st.end();
        giveBack(st);
    }

    /**
     * Puts a state that holds nothing of a render back in the pool; a full pool grows (see {@link #idle}), and at
     * its cap the state is dropped.
     */
    public void giveBack(RenderState st) {
        java.util.concurrent.atomic.AtomicReferenceArray<RenderState> pool = idle;
        if (!offer(pool, st) && pool.length() < MAX_IDLE) {
            grow(pool, st);
        }
    }

    /** Puts st in an empty slot of pool, searching from its home slot; false when every slot is taken. */
    private static boolean offer(java.util.concurrent.atomic.AtomicReferenceArray<RenderState> pool,
            RenderState st) {
        for (int k = 0, n = pool.length(); k < n; k++) {
            int i = slot(st.poolHome, k);
            if (pool.get(i) == null) {
                if (i >= POOL_SIZE) {
                    st.lean(); // a slot of the grown part: kept for bursts, without big buffers
                }
                // a compare-and-set: two renders ending at once may pick the same empty slot, and with a plain
                // store one state dropped out of the pool each time (a burst of parked renders then built a new
                // state for about one render in thirty); the loser looks on
                if (pool.compareAndSet(i, null, st)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Replaces a full pool by one twice its size (up to MAX_IDLE) holding its states and st. Each state moves by
     * an atomic swap out of the old array, so one a render takes meanwhile is either taken (not moved) or moved
     * (not taken), never both; a state given back to the old array after it was emptied is simply dropped.
     */
    private void grow(java.util.concurrent.atomic.AtomicReferenceArray<RenderState> full, RenderState st) {
        synchronized (growing) {
            java.util.concurrent.atomic.AtomicReferenceArray<RenderState> now = idle;
            if (now != full) {
                offer(now, st); // another thread grew it meanwhile (dropped if that one is full too)
                return;
            }
            int n = full.length();
            java.util.concurrent.atomic.AtomicReferenceArray<RenderState> bigger =
                    new java.util.concurrent.atomic.AtomicReferenceArray<>(Math.min(MAX_IDLE, n * 2));
            for (int i = 0; i < n; i++) {
                bigger.setPlain(i, full.getAndSet(i, null));
            }
            st.lean();
            bigger.setPlain(n, st);
            idle = bigger; // a volatile write: publishes the moved states with the array
        }
    }

    /**
     * Where a thread starts looking in the pool: threads spread over the first POOL_SIZE slots instead of
     * contending on one (never in the grown part, whose states are lean: a steady render keeps its buffers).
     */
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    private static int homeSlot() {
        return (int) (Thread.currentThread().getId() % POOL_SIZE);
    }

    /** The k-th slot a search from home looks at: the first POOL_SIZE slots from home on, then the grown part. */
    private static int slot(int home, int k) {
        return k < POOL_SIZE ? (home + k) % POOL_SIZE : k;
    }

    public static TemplateRuntimeException wrap(RuntimeException e, String name, int line) {
        if (e instanceof TemplateException te) {
            te.locate(name, line);
            if (te instanceof TemplateRuntimeException tre) {
                return tre;
            }
            throw te;
        }
        String msg = e.getMessage();
        return new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                + (msg == null ? e.getClass().getSimpleName() : msg) + "\").", name, line, 0, e);
    }

}
