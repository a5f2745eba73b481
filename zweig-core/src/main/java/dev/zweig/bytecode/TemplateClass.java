package dev.zweig.bytecode;

import dev.zweig.Markup;
import dev.zweig.engine.Engine;
import dev.zweig.php.PhpRegex;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.ScratchText;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Access;
import dev.zweig.semantics.Operators;
import dev.zweig.semantics.Semantics;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.output.Output;
import java.util.List;
import java.util.Map;

/**
 * The superclass of every class the compiled executor writes ({@link ClassGen}), and the only part of the engine
 * that code calls. A template class lives in a class loader of its own (so it unloads with its template, and its
 * frames show in stack traces, which a hidden class's would not), hence outside this package's access: it reaches
 * the engine through these protected static members, which see the engine's types (frames, render states,
 * templates, sites) as Object and cast them here. Each is a one-line forward to the rule it names; the JIT inlines
 * them.
 */
public abstract class TemplateClass implements Exec, Eval, dev.zweig.runtime.FlatRender {
    /** An undefined variable or attribute (Frame.UNDEFINED). */
    protected static final Object UNDEFINED = Frame.UNDEFINED;
    /** A slot not read yet (Frame#peekDense). */
    protected static final Object UNREAD = Frame.UNREAD;
    /** The end of a null-safe chain ({@code a?.b}). */
    protected static final Object NULL_SAFE_STOP = dev.zweig.semantics.CompileRules.NULL_SAFE_STOP;
    /** The source of a counted loop. */
    protected static final Object COUNTING = Semantics.COUNTING;
    /** What {@link #loopAttr} answers when the fast path does not apply. */
    protected static final Object NOT_LOOP = new Object();

    protected TemplateClass() {
    }

    /** Overridden by the class of a template that is text and variables only (see EmitFlat). */
    @Override
    public boolean renderFlat(java.util.Map<String, ?> context, dev.zweig.output.Output out) {
        return false;
    }

    // ---- a template of text and variables only (see FlatTemplate) ---------------------------------------------

    protected static boolean flatBlocked(java.util.Map<String, ?> context) {
        return dev.zweig.runtime.FlatTemplate.blocked(context);
    }

    protected static java.util.Map<String, ?> flatContext(java.util.Map<String, ?> context) {
        return dev.zweig.runtime.FlatTemplate.context(context);
    }

    protected static Object flatValue(java.util.Map<String, ?> context, String name, int slot, Object engine) {
        return dev.zweig.runtime.FlatTemplate.value(context, name, slot, (Engine) engine);
    }

    protected static void flatPrint(Object v, String strategy, boolean html, dev.zweig.output.Output out) {
        dev.zweig.runtime.FlatTemplate.print(v, strategy, html, out);
    }

    /** A template class's constant table, which its static initializer copies into static final fields. */
    protected static Object[] constants(Class<?> templateClass) {
        return ((ClassGen.TemplateLoader) templateClass.getClassLoader()).constants();
    }

    /**
     * The bootstrap of an attribute read's invokedynamic site ({@code obj.name}): an inline cache over the general
     * rule (see AttrCallSite); constant: the index of {attribute name, AttrSite} in the class's constant table.
     */
    protected static java.lang.invoke.CallSite attrSite(java.lang.invoke.MethodHandles.Lookup caller, String name,
            java.lang.invoke.MethodType type, int constant) {
        Object[] k = (Object[]) constants(caller.lookupClass())[constant];
        return new AttrCallSite((String) k[0], (Semantics.AttrSite) k[1], k.length > 2 ? (String) k[2] : null);
    }

    // ---- frames, render state, loops -------------------------------------------------------------------------

    protected static Object frameGet(Object f, int slot) {
        return ((Frame) f).get(slot);
    }

    /** Frame#peekDense: the emitted read calls {@link #frameGet} when this gives {@link #UNREAD}. */
    protected static Object framePeek(Object f, int slot) {
        return ((Frame) f).peekDense(slot);
    }

    protected static void frameSet(Object f, int slot, Object v) {
        ((Frame) f).set(slot, v);
    }

    protected static boolean defined(Object f, int slot) {
        return ((Frame) f).defined(slot);
    }

    /** Runs an extension's node where its tag stands (see EmitCustom). */
    protected static void customNode(Object runner, Object f, Object st) {
        ((dev.zweig.semantics.CustomNodeRunner) runner).run((Frame) f, (RenderState) st);
    }

    protected static Output out(Object st) {
        return ((RenderState) st).out;
    }

    protected static dev.zweig.sandbox.SecurityPolicy policy(Object st) {
        return ((RenderState) st).policy;
    }

    protected static void setPolicy(Object st, dev.zweig.sandbox.SecurityPolicy p) {
        ((RenderState) st).policy = p;
    }

    protected static void sandbox(Object st, dev.zweig.sandbox.SecurityPolicy p) {
        ((RenderState) st).sandbox(p);
    }

    protected static int tempTop(Object st) {
        return ((RenderState) st).tempTop;
    }

    protected static void setTempTop(Object st, int top) {
        ((RenderState) st).tempTop = top;
    }

    protected static Output beginCapture(Object st) {
        return ((RenderState) st).beginCapture();
    }

    protected static String endCapture(Object st, Output prev) {
        return ((RenderState) st).endCapture(prev);
    }

    protected static Object endCaptureMarkup(Object st, Output prev) {
        return ((RenderState) st).endCaptureMarkup(prev);
    }

    protected static Object keepCapture(Output prev, Object f, int slot, Object st) {
        return Semantics.keepCapture(prev, (Frame) f, slot, (RenderState) st);
    }

    protected static Object endCaptureText(Object st, Output prev, Object into, int texts) {
        return ((RenderState) st).endCaptureText(prev, (dev.zweig.runtime.ScratchText) into, texts);
    }

    protected static boolean endCaptureEmpty(Object st, Output prev) {
        return ((RenderState) st).endCaptureEmpty(prev);
    }

    protected static Object pushCopy(Object st, Object f) {
        return ((RenderState) st).pushCopy((Frame) f);
    }

    protected static void popFrame(Object st) {
        ((RenderState) st).popFrame();
    }

    /** A new loop state for a for loop whose enclosing scope was copied into parentScope. */
    protected static Object pushLoop(Object st, Object parentScope) {
        LoopState loop = ((RenderState) st).pushLoop();
        loop.parentFrame = (Frame) parentScope;
        return loop;
    }

    protected static void popLoop(Object st) {
        ((RenderState) st).popLoop();
    }

    /** What the loop walks: raw as the template gave it, or (src COUNTING) the integers from, from + step, ... */
    protected static void loopWalks(Object loop, Object raw, Object src, long from, long step) {
        ((LoopState) loop).walks(raw, src == COUNTING, from, step);
    }

    /** The loop's stand-in for Twig's _seq (0), _key (1) or _iterated (2) (see LoopState.Part). */
    protected static Object loopPart(Object loop, int kind) {
        LoopState l = (LoopState) loop;
        return kind == 0 ? l.seq : kind == 1 ? l.key : l.iterated;
    }

    protected static void endLoop(Object f, Object parent, int[] used) {
        Semantics.endLoop((Frame) f, (Frame) parent, used);
    }

    protected static void loopLength(Object loop, long length) {
        ((LoopState) loop).length = length;
    }

    protected static void loopNext(Object loop) {
        ((LoopState) loop).index0++;
    }

    /**
     * loop.x read by code when v is a loop state (NOT_LOOP otherwise); inChain: loop.parent inside a longer chain,
     * answered with the loop's copy of its scope (NOT_LOOP when it has none).
     */
    protected static Object loopAttr(Object v, int code, boolean inChain, Object st) {
        if (!(v instanceof LoopState ls)) {
            return NOT_LOOP;
        }
        if (inChain) {
            return ls.parentFrame != null ? ls.parentFrame : NOT_LOOP;
        }
        Object a = ls.get(code, (RenderState) st);
        return a != Frame.UNDEFINED ? a : NOT_LOOP; // an attribute the loop lacks: the general rule's error or null
    }

    /** loop.x is odd (1) or even (0), x a number attribute of the loop state v; -1: test it by the general rule. */
    protected static int loopParity(Object v, int code) {
        if (v instanceof LoopState ls) {
            long n = ls.number(code);
            if (n != LoopState.NOT_A_NUMBER) {
                return (int) (n & 1);
            }
        }
        return -1;
    }

    /** Prints loop.x (a number or a boolean) when v is the loop state; false: print it by the general rule. */
    protected static boolean loopPrint(Object v, int code, Object st) {
        return v instanceof LoopState ls && ls.write(code, ((RenderState) st).out);
    }

    protected static void iteration(Object st, String template, int line) {
        ((RenderState) st).iteration(template, line);
    }

    protected static Object[] takeArgs(Object st, int site, int size) {
        return ((RenderState) st).takeArgs(site, size);
    }

    protected static Object[] pushArgs(Object st, int n) {
        return ((RenderState) st).pushArgs(n);
    }

    protected static void popArgs(Object st, int n) {
        ((RenderState) st).popArgs(n);
    }

    protected static Object[] spreadArgs(Object[] values, boolean[] spread, Object st, int valuesSite, int site) {
        return Semantics.spreadArgs(values, spread, (RenderState) st, valuesSite, site);
    }

    protected static void giveArgs(Object st, int site, Object[] a) {
        ((RenderState) st).giveArgs(site, a);
    }

    protected static List<Object> takeList(Object st, int site, int size) {
        return ((RenderState) st).takeList(site, size);
    }

    // ---- templates, blocks, errors ------------------------------------------------------------------------

    /** The block of that name as this render's blocks have it. */
    protected static void yieldBlock(Object t, String block, Object f, Object st, int line) {
        CompiledTemplate ct = (CompiledTemplate) t;
        RenderState rs = (RenderState) st;
        ct.yieldBlock(block, (Frame) f, rs, rs.blocks, true, ct, line);
    }

    protected static void yieldParentBlock(Object t, String block, Object f, Object st, int line) {
        ((CompiledTemplate) t).yieldParentBlock(block, (Frame) f, (RenderState) st, line);
    }

    protected static Object resolveTemplate(Object engine, Object v, Object st, String from, int line,
            boolean ignoreMissing) {
        return ((Engine) engine).resolveTemplate(v, (RenderState) st, from, line, ignoreMissing);
    }

    protected static TemplateRuntimeException wrap(RuntimeException e, String template, int line) {
        return Engine.wrap(e, template, line);
    }

    protected static Object markup(String s) {
        return new Markup(s);
    }

    protected static Object context(Object f) {
        return Snapshots.context((Frame) f);
    }

    protected static Object export(Object v) {
        return Snapshots.export(v);
    }

    protected static boolean has(Object o, Object attr, int argc, Object type, Object st) {
        return Access.has(o, attr, argc, (dev.zweig.ast.Expr.AccessType) type, (RenderState) st);
    }

    protected static java.util.regex.Pattern compile(String re, String template, int line, boolean atCompile) {
        return PhpRegex.compile(re, template, line, atCompile);
    }

    protected static boolean findIn(java.util.regex.Pattern p, int site, Object v, Object st, String template,
            int line) {
        return PhpRegex.findIn(p, site, v, (RenderState) st, template, line);
    }

    protected static Long matched(boolean found) {
        return PhpRegex.matched(found);
    }

    protected static boolean constantIsDefined(Object env, Object constant, Object object) {
        return dev.zweig.core.CoreExtension.constantIsDefined((dev.zweig.Environment) env, constant, object);
    }

    protected static void printEscaped(Object v, String strategy, boolean html, boolean inConcat, Object st) {
        Semantics.printEscaped(v, strategy, html, inConcat, (RenderState) st);
    }

    protected static boolean truthy(Object v) {
        return dev.zweig.semantics.CompileRules.truthy(v);
    }

    protected static void html(CharSequence s, Output out) {
        Escapers.html(s, out);
    }

    // ---- render-private scratch (see ScratchAnalysis) ----------------------------------------------------------

    protected static long arenaMark(Object st) {
        return ((RenderState) st).arenaMark();
    }

    protected static void release(Object st, long mark) {
        ((RenderState) st).release(mark);
    }

    protected static Object attrKey(Object attr, Object st, int top) {
        return Semantics.attrKey(attr, (RenderState) st, top);
    }

    protected static int textTop(Object st) {
        return ((RenderState) st).textTop;
    }

    protected static void setTextTop(Object st, int top) {
        ((RenderState) st).textTop = top;
    }

    protected static Object pushText(Object st) {
        return ((RenderState) st).pushText();
    }

    /** An item of a list literal in scratch storage (see {@link #scratchArray}). */
    protected static void listAppend(Object array, Object value) {
        ((dev.zweig.php.PhpArray) array).append(value);
    }

    protected static Object accumulation(Object acc, int kind, Object f, Object st) {
        return Semantics.accumulation(acc, (byte) kind, (Frame) f, (RenderState) st);
    }

    protected static Object scratchArray(Object st, int capacity) {
        return ((RenderState) st).scratchArray(capacity);
    }

    /** An accumulation's kept list or hash literal (see Semantics#keptArray, Semantics#keptItem). */
    protected static Object keptArray(Object st, int capacity) {
        return Semantics.keptArray((RenderState) st, capacity);
    }

    protected static Object keptItem(Object built) {
        return Semantics.keptItem(built);
    }

    /** A hash literal without spreads, fresh (its pairs put by {@link #mapPut}). */
    protected static Object newMap() {
        return new java.util.LinkedHashMap<Object, Object>();
    }

    /** A spread in a list or hash literal of scratch storage (see Semantics#spreadList). */
    protected static void spreadList(Object out, Object v, Object st) {
        Semantics.spreadList((dev.zweig.php.PhpArray) out, v, (RenderState) st);
    }

    /** A pair of a hash literal whose value is a grouping's element (see Semantics#elementPut). */
    @SuppressWarnings("unchecked")
    protected static void elementPut(Object map, Object key, Object value, Object st) {
        Semantics.elementPut((Map<Object, Object>) map, key, value, (RenderState) st);
    }

    /** A pair of a hash literal without spreads. */
    @SuppressWarnings("unchecked")
    protected static void mapPut(Object map, Object key, Object value, Object st) {
        Semantics.put((Map<Object, Object>) map, key, value, (RenderState) st);
    }

    protected static Object textFilter(Object c, String filter, FilterDefinition d, Object[] a, Object out, int texts,
            Object f, Object st) {
        return Semantics.textFilter((Semantics.CallSite) c, filter, d, a, (ScratchText) out, texts, (Frame) f,
                (RenderState) st);
    }

    protected static Object textSplit(Object c, Object holder, Object[] a, Object f, Object st) {
        return Semantics.textSplit((Semantics.CallSite) c, (ScratchText) holder, a, (Frame) f, (RenderState) st);
    }

    protected static void textPart(Object part, Object out, int texts, Object st) {
        Semantics.textPart(part, (ScratchText) out, texts, (RenderState) st);
    }

    protected static Object keepDate(Object v, Object f, int slot) {
        return Semantics.keepDate(v, (Frame) f, slot);
    }

    protected static Object keepText(Object v, Object f, int slot) {
        return Semantics.keepText(v, (Frame) f, slot);
    }

    protected static Object privateArrow(int site, int[] slots, Object body, Object f, Object st, String template,
            int line) {
        return Semantics.privateArrow(site, slots, (Eval) body, (Frame) f, (RenderState) st, template, line);
    }

    // ---- values ---------------------------------------------------------------------------------------------

    protected static boolean isTrue(Object v) {
        return Values.isTrue(v);
    }

    protected static String toString(Object v) {
        return Values.toString(v);
    }

    protected static CharSequence text(Object v) {
        return Values.text(v);
    }

    protected static boolean looseEquals(Object a, Object b) {
        return Values.looseEquals(a, b);
    }

    protected static boolean strictEquals(Object a, Object b) {
        return Values.strictEquals(a, b);
    }

    protected static boolean contains(Object haystack, Object needle, Object st) {
        return Operators.contains(haystack, needle, (RenderState) st);
    }

    protected static Object concat(Object a, Object b) {
        return Values.concat(a, b);
    }

    protected static Object concat(Object a, Object b, Object st) {
        return Operators.concat(a, b, (RenderState) st);
    }

    protected static Object toNumber(Object v) {
        return Values.toNumber(v);
    }

    protected static boolean isEmpty(Object v) {
        return Values.isEmpty(v);
    }

    // ---- the rules of Semantics and Operators --------------------------------------------------------------

    protected static boolean contextHas(Object a0, Object a1, Object a2) {
        return Semantics.contextHas(a0, a1, (RenderState) a2);
    }

    protected static Object attr(Object a0, Object a1, Object[] a2, Object a3, Object a4) {
        return Semantics.attr(a0, a1, a2, (Semantics.AttrSite) a3, (RenderState) a4);
    }

    protected static Object attrResult(Object a0, boolean a1) {
        return Semantics.attrResult(a0, a1);
    }

    protected static Object[] positional(Object[] a0, boolean[] a1) {
        return Semantics.positional(a0, a1);
    }

    protected static TemplateRuntimeException undefinedVariable(String a0, String a1, int a2) {
        return Semantics.undefinedVariable(a0, a1, a2);
    }

    protected static TemplateRuntimeException unknown(String a0, String a1, String a2, int a3) {
        return Semantics.unknown(a0, a1, a2, a3);
    }

    protected static Object negate(Object a0, Object a1) {
        return Semantics.negate(a0, (RenderState) a1);
    }

    protected static StringBuilder append(StringBuilder a0, Object a1) {
        return Semantics.append(a0, a1);
    }

    protected static void print(Object a0, Object a1) {
        Semantics.print(a0, (RenderState) a1);
    }

    protected static Object sequence(Object[] a0, boolean[] a1) {
        return Semantics.sequence(a0, a1);
    }

    protected static Object mapping(Object[] a0, boolean[] a1, Object[] a2) {
        return Semantics.mapping(a0, a1, a2);
    }

    protected static void at(Object a0, Object a1, String a2, int a3) {
        Semantics.at((RenderState) a0, (Frame) a1, a2, a3);
    }

    protected static boolean testEmpty(Object v, String template, int line) {
        return Semantics.testEmpty(v, template, line);
    }

    protected static boolean testIterable(Object v, String template, int line) {
        return Semantics.testIterable(v, template, line);
    }

    protected static boolean testSequence(Object v, String template, int line) {
        return Semantics.testSequence(v, template, line);
    }

    protected static boolean testMapping(Object v, String template, int line) {
        return Semantics.testMapping(v, template, line);
    }

    protected static Object invoke(Object a0, Object[] a1, Object a2, Object a3) {
        return Semantics.invoke((Semantics.CallSite) a0, a1, (Frame) a2, (RenderState) a3);
    }

    protected static Object invokeInPlace(Object a0, Object[] a1, Object a2, Object a3, long mark) {
        return Semantics.invokeInPlace((Semantics.CallSite) a0, a1, (Frame) a2, (RenderState) a3, mark);
    }

    protected static RuntimeException callError(Exception a0, String a1, int a2) {
        return Semantics.callError(a0, a1, a2);
    }

    protected static Object varargs(Object[] a0, String[] a1, Object[] a2) {
        return Semantics.varargs(a0, a1, a2);
    }

    protected static void filterWrite(Object a0, FilterDefinition a1, String a2, Object[] a3, Object a4, Object a5) {
        Semantics.filterWrite((Semantics.CallSite) a0, a1, a2, a3, (Frame) a4, (RenderState) a5);
    }

    protected static Object loopSource(Object a0, Object a1) {
        return Semantics.loopSource(a0, (RenderState) a1);
    }

    protected static int loopSize(Object a0, long a1) {
        return Semantics.loopSize(a0, a1);
    }

    protected static Object arrow(int[] a0, Object a1, Object a2, Object a3, String a4, int a5) {
        return Semantics.arrow(a0, (Eval) a1, (Frame) a2, (RenderState) a3, a4, a5);
    }

    protected static Object loopKey(Object a0, int a1, Object a2) {
        return Semantics.loopKey(a0, a1, (RenderState) a2);
    }

    protected static Object loopValue(Object a0, int a1, long a2, long a3, Object a4) {
        return Semantics.loopValue(a0, a1, a2, a3, (RenderState) a4);
    }

    protected static boolean countable(Object a0, Object a1, Object a2) {
        return Semantics.countable(a0, a1, (RenderState) a2);
    }

    protected static long definedMask(Object a0, int[] a1) {
        return Semantics.definedMask((Frame) a0, a1);
    }

    protected static boolean[] definedMany(Object a0, int[] a1) {
        return Semantics.definedMany((Frame) a0, a1);
    }

    protected static void undefineCreated(Object a0, int[] a1, long a2, boolean[] a3) {
        Semantics.undefineCreated((Frame) a0, a1, a2, a3);
    }


    protected static void assign(Object a0, Object a1, Object a2, Object a3, String a4) {
        Semantics.assign((Frame) a0, (RenderState) a1, a2, a3, a4);
    }

    protected static Object ownTexts(Object a0, Object a1, Object st) {
        return Semantics.ownTexts(a0, (CompiledTemplate) a1, (RenderState) st);
    }

    protected static Object childFrame(Object a0, Object a1, Object a2, Object a3, boolean a4, String a5, int a6) {
        return Semantics.childFrame((CompiledTemplate) a0, (Frame) a1, (RenderState) a2, a3, a4, a5, a6);
    }

    protected static void renderIncluded(Object a0, Object a1, Object a2, Object a3, int a4) {
        Semantics.renderIncluded((CompiledTemplate) a0, (CompiledTemplate) a1, (Frame) a2, (RenderState) a3, a4);
    }

    protected static TemplateRuntimeException positionalAfterNamed(String a0, int a1) {
        return Semantics.positionalAfterNamed(a0, a1);
    }

    protected static int macroParam(Object a0, String a1) {
        return Semantics.macroParam((CompiledTemplate.MacroImpl) a0, a1);
    }

    protected static TemplateRuntimeException overwritten(String a0, String a1, int a2) {
        return Semantics.overwritten(a0, a1, a2);
    }

    protected static Object findMacro(String a0, Object a1, String a2, String a3, Object a4, Object a5, int a6) {
        return Semantics.findMacro(a0, a1, a2, a3, (Frame) a4, (RenderState) a5, a6);
    }

    protected static Object macroVarargs(List<Object> a0, Map<Object, Object> a1) {
        return Semantics.macroVarargs(a0, a1);
    }

    protected static Object callMacro(String a0, Object a1, List<Object> a2, Map<String, Object> a3, Object a4,
            int a5) {
        return Semantics.callMacro(a0, (CompiledTemplate.MacroImpl) a1, a2, a3, (RenderState) a4, a5);
    }

    protected static Object macroCall(String a0, Object a1, Object[] a2, String[] a3, boolean[] a4, boolean a5,
            Object a6, int a7) {
        return Semantics.macroCall(a0, (CompiledTemplate.MacroImpl) a1, a2, a3, a4, a5, (RenderState) a6, a7);
    }

    protected static Object macroValue(String a0, Object a1, Object[] a2, int a3, String[] a4, Object a5, int a6) {
        return Semantics.macroValue(a0, (CompiledTemplate.MacroImpl) a1, a2, a3, a4, (RenderState) a5, a6);
    }

    protected static Object macroText(String a0, Object a1, Object[] a2, int a3, String[] a4, Object a5, int a6) {
        return Semantics.macroText(a0, (CompiledTemplate.MacroImpl) a1, a2, a3, a4, (RenderState) a5, a6);
    }

    protected static void macroInPlace(String a0, Object a1, Object[] a2, int a3, String[] a4, Object a5, int a6) {
        Semantics.macroInPlace(a0, (CompiledTemplate.MacroImpl) a1, a2, a3, a4, (RenderState) a5, a6);
    }

    protected static boolean macroDefined(Object a0, String a1, Object a2, Object a3) {
        return Semantics.macroDefined(a0, a1, (Frame) a2, (RenderState) a3);
    }

    protected static Object[] spreadArguments(Object a0, int a1, int a2, Object a3, int a4, Object[] a5,
            Object[] a6, boolean a7) {
        return Semantics.spreadArguments((RenderState) a0, a1, a2, a3, a4, a5, a6, a7);
    }

    protected static Object source(Object a0, Object a1, Object a2, Object a3, String a4, int a5) {
        return Semantics.source((Engine) a0, a1, a2, (RenderState) a3, a4, a5);
    }

    protected static Object templateFromString(Object a0, Object a1, Object a2, boolean a3) {
        return Semantics.templateFromString((Engine) a0, a1, a2, a3);
    }

    protected static boolean include(Object t, Object template, Object variables, Object withContext,
            Object ignoreMissing, Object sandboxed, Object f, Object st, int line) {
        return Semantics.include((CompiledTemplate) t, template, variables, withContext, ignoreMissing, sandboxed,
                (Frame) f, (RenderState) st, line);
    }

    protected static Object included(boolean a0, String a1) {
        return Semantics.included(a0, a1);
    }

    protected static void embed(Object a0, int a1, Object a2, Object a3, boolean a4, int a5) {
        Semantics.embed((CompiledTemplate) a0, a1, (Frame) a2, (RenderState) a3, a4, a5);
    }

    protected static Object withFrame(Object a0, Object a1, Object a2, Object a3, boolean given, boolean a4, int a5) {
        return Semantics.withFrame((CompiledTemplate) a0, (Frame) a1, (RenderState) a2, a3, given, a4, a5);
    }

    protected static void blockRef(Object a0, String a1, Object a2, Object a3, Object a4, int a5) {
        Semantics.blockRef((CompiledTemplate) a0, a1, (CompiledTemplate) a2, (Frame) a3, (RenderState) a4, a5);
    }

    protected static String blockName(Object a0, Object a1) {
        return Semantics.blockName(a0, (CompiledTemplate) a1);
    }

    protected static Object blockDefined(Object a0, String a1, Object a2, Object a3, Object a4) {
        return Semantics.blockDefined((CompiledTemplate) a0, a1, (CompiledTemplate) a2, (Frame) a3, (RenderState) a4);
    }

    protected static Object lt(Object a0, Object a1, Object a2) {
        return Operators.lt(a0, a1, (RenderState) a2);
    }

    protected static Object gt(Object a0, Object a1, Object a2) {
        return Operators.gt(a0, a1, (RenderState) a2);
    }

    protected static Object le(Object a0, Object a1, Object a2) {
        return Operators.le(a0, a1, (RenderState) a2);
    }

    protected static Object ge(Object a0, Object a1, Object a2) {
        return Operators.ge(a0, a1, (RenderState) a2);
    }

    protected static Object add(Object a0, Object a1, Object a2) {
        return Operators.add(a0, a1, (RenderState) a2);
    }

    protected static Object sub(Object a0, Object a1, Object a2) {
        return Operators.sub(a0, a1, (RenderState) a2);
    }

    protected static Object mul(Object a0, Object a1, Object a2) {
        return Operators.mul(a0, a1, (RenderState) a2);
    }

    protected static Object div(Object a0, Object a1, Object a2) {
        return Operators.div(a0, a1, (RenderState) a2);
    }

    protected static Object floorDiv(Object a0, Object a1, Object a2) {
        return Operators.floorDiv(a0, a1, (RenderState) a2);
    }

    protected static Object mod(Object a0, Object a1, Object a2) {
        return Operators.mod(a0, a1, (RenderState) a2);
    }

    protected static Object pow(Object a0, Object a1, Object a2) {
        return Operators.pow(a0, a1, (RenderState) a2);
    }

    protected static Object startsWith(Object a0, Object a1, Object a2) {
        return Operators.startsWith(a0, a1, (RenderState) a2);
    }

    protected static Object endsWith(Object a0, Object a1, Object a2) {
        return Operators.endsWith(a0, a1, (RenderState) a2);
    }

    protected static Object xor(Object a0, Object a1) {
        return Operators.xor(a0, a1);
    }

    protected static Object bitwise(Object a0, Object a1, String a2, Object st) {
        return Operators.bitwise(a0, a1, a2, st);
    }

    protected static Object spaceship(Object a0, Object a1) {
        return Operators.spaceship(a0, a1);
    }

    protected static Object hasSome(Object a0, Object a1, Object a2, boolean a3, Object a4, String a5, int a6) {
        return Operators.hasSome(a0, a1, (RenderState) a2, a3, (Frame) a4, a5, a6);
    }
}
