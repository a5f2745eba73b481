package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.PhpFloats;
import dev.zweig.php.PhpNumbers;
import dev.zweig.php.Sprintf;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.Markup;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.php.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Twig's core string and number filters (CoreExtension): case conversion, trimming, tags and line breaks,
 * replace/format/split, URL and JSON encoding, number formatting and rounding. Strings are handled as Unicode
 * text where Twig uses mbstring, and PHP's byte functions are mirrored where the difference is observable only
 * for ASCII (trim masks, sprintf widths count bytes).
 */
public final class StringFilters {
    private static final String DEFAULT_TRIM_CHARS = " \t\n\r\0\u000B";

    private StringFilters() {
    }

    public static List<FilterDefinition> definitions() {
        return List.of(
                FilterDefinition.of("capitalize", (ctx, a) -> ctx instanceof ScratchArena r
                        ? cached(r, ctx, a, FilterWriters::capitalize) : capitalize(str(a[0])))
                        .writer(FilterWriters::capitalize),
                FilterDefinition.of("lower", (ctx, a) -> ctx instanceof ScratchArena r
                        ? cached(r, ctx, a, FilterWriters::lower) : lower(str(a[0]))).writer(FilterWriters::lower),
                FilterDefinition.of("upper", (ctx, a) -> ctx instanceof ScratchArena r
                        ? cached(r, ctx, a, FilterWriters::upper) : str(a[0]).toUpperCase(Locale.ROOT))
                        .writer(FilterWriters::upper),
                FilterDefinition.of("title", (ctx, a) -> ctx instanceof ScratchArena r
                        ? cached(r, ctx, a, FilterWriters::title) : title(str(a[0]))).writer(FilterWriters::title),
                FilterDefinition.of("trim", (ctx, a) -> trim(a[0], a[1], a[2]))
                        .params(Param.optional("character_mask", null), Param.optional("side", "both"))
                        .writer(FilterWriters::trim),
                FilterDefinition.of("striptags", (ctx, a) -> StripTags.strip(str(a[0]), a[1]))
                        .params(Param.optional("allowable_tags", null)).writer(FilterWriters::striptags),
                FilterDefinition.of("nl2br", (ctx, a) -> nl2br(str(a[0]))).preEscape("html").safe("html")
                        .writer(FilterWriters::nl2br),
                // Twig 3.26 (CVE-2026-46628): the input is escaped first, so only whitespace between tags goes
                FilterDefinition.of("spaceless", (ctx, a) -> spaceless(str(a[0]))).preEscape("html").safe("html")
                        .deprecated("Since twig/twig 3.12: Twig Filter \"spaceless\" is deprecated.")
                        .writer(FilterWriters::spaceless),
                FilterDefinition.of("replace", (ctx, a) -> replace(ctx, a[0], a[1])).params("from")
                        .writer(FilterWriters::replace),
                // variadic: a[1] holds the values
                FilterDefinition.of("format", (ctx, a) -> Sprintf.format(str(a[0]), PhpArrays.extraArguments(a[1])))
                        .asVariadic().writer(FilterWriters::format),
                FilterDefinition.of("split", StringFilters::split)
                        .params(Param.required("delimiter"), Param.optional("limit", null)),
                FilterDefinition.of("url_encode", (ctx, a) -> urlEncode(a[0])).writer(FilterWriters::urlEncode),
                FilterDefinition.of("convert_encoding", (ctx, a) -> convertEncoding(a[0], a[1], a[2]))
                        .params("to", "from").writer(FilterWriters::convertEncoding),
                FilterDefinition.of("number_format", (ctx, a) -> numberFormat(a[0], a[1], a[2], a[3]))
                        .params(Param.optional("decimal", null), Param.optional("decimal_point", null),
                                Param.optional("thousand_sep", null))
                        .writer(FilterWriters::numberFormat),
                FilterDefinition.of("abs", (ctx, a) -> abs(ctx, a[0])).writer(FilterWriters::abs),
                FilterDefinition.of("round", (ctx, a) -> round(ctx, a[0], a[1], a[2]))
                        .params(Param.optional("precision", 0L), Param.optional("method", "common"))
                        .writer(FilterWriters::round),
                FilterDefinition.of("json_encode", (ctx, a) -> jsonEncode(a[0], a[1], a[2]))
                        .params(Param.optional("flags", 0L), Param.optional("depth", 512L))
                        .writer(FilterWriters::jsonEncode));
    }

    // ---- case -------------------------------------------------------------------------------------------

    /** First character upper-cased, the rest lower-cased (mb_strtoupper/mb_strtolower, full case mapping). */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = Character.charCount(s.codePointAt(0));
        return s.substring(0, first).toUpperCase(Locale.ROOT) + lower(s.substring(first));
    }

    /**
     * mb_strtolower as PHP 8.2 (the reference Twig's) maps: full case mapping without the conditional rules, so a
     * word-final capital sigma becomes σ, not ς (PHP 8.3 added the final-sigma rule).
     */
    static String lower(String s) {
        return (s.indexOf('\u03A3') < 0 ? s : s.replace('\u03A3', '\u03C3')).toLowerCase(Locale.ROOT);
    }

    /**
     * mb_convert_case(MB_CASE_TITLE): a cased letter that follows a cased letter (skipping case-ignorable
     * characters such as apostrophes, dots and combining marks) is lower-cased, any other is title-cased.
     */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inWord = false;
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                char c = (char) cp;
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (letter) {
                    sb.append(inWord ? (char) (c | 0x20) : (char) (c & ~0x20));
                    inWord = true;
                } else {
                    sb.append(c);
                    if (!(c == '\'' || c == '.' || c == ':' || c == '^' || c == '`')) {
                        inWord = false;
                    }
                }
                continue;
            }
            if (inWord) {
                sb.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            } else {
                appendTitleCase(sb, cp);
            }
            if (!isCaseIgnorable(cp)) {
                inWord = isCased(cp);
            }
        }
        return sb.toString();
    }

    /** What {@link #title} makes of cp at the start of a word. */
    static String titleCase(int cp) {
        StringBuilder sb = new StringBuilder(4);
        appendTitleCase(sb, cp);
        return sb.toString();
    }

    private static void appendTitleCase(StringBuilder sb, int cp) {
        int t = Character.toTitleCase(cp);
        if (t != cp || Character.isTitleCase(cp)) { // ǆ → ǅ; ǅ and ᾈ are their own title case
            sb.appendCodePoint(t);
            return;
        }
        String upper = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT);
        if (upper.codePointCount(0, upper.length()) > 1) {
            // full mappings such as ß → "Ss", ﬁ → "Fi", ŉ → "ʼN": up to the first cased letter upper, the rest lower
            int first = 0;
            while (first < upper.length() && !isCased(upper.codePointAt(first))) {
                first += Character.charCount(upper.codePointAt(first));
            }
            first = Math.min(upper.length(), first + (first < upper.length()
                    ? Character.charCount(upper.codePointAt(first)) : 0));
            sb.append(upper, 0, first).append(upper.substring(first).toLowerCase(Locale.ROOT));
        } else {
            sb.appendCodePoint(cp); // its own title case, as Georgian ა (upper case Ა, title case ა)
        }
    }

    static boolean isCased(int cp) {
        return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode general categories of case-ignorable characters (Mn, Me, Cf, Lm, Sk), as a bit set. */
    private static final int IGNORABLE_TYPES = 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK
            | 1 << Character.FORMAT | 1 << Character.MODIFIER_LETTER | 1 << Character.MODIFIER_SYMBOL;
    /** The other case-ignorable characters (Word_Break MidLetter, MidNumLet, Single_Quote), sorted. */
    private static final int[] IGNORABLE = {'\'', '.', ':', 0x00B7, 0x0387, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027,
        0xFE13, 0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};

    /** Unicode's Case_Ignorable (no switch: this runs per character of the case filters' streaming forms). */
    static boolean isCaseIgnorable(int cp) {
        return (IGNORABLE_TYPES & 1 << Character.getType(cp)) != 0
                || java.util.Arrays.binarySearch(IGNORABLE, cp) >= 0;
    }

    // ---- whitespace, tags, lines --------------------------------------------------------------------------

    static Object trim(Object value, Object characterMask, Object side) {
        String s = str(value);
        String sideName = side == null ? "" : Values.toString(side);
        // PHP's trim/ltrim/rtrim take the mask as a string parameter (an array is a TypeError naming the function)
        String function = sideName.equals("left") ? "ltrim" : sideName.equals("right") ? "rtrim" : "trim";
        String mask = characterMask == null ? DEFAULT_TRIM_CHARS
                : expandMask(sideName.equals("both") || sideName.equals("left") || sideName.equals("right")
                        ? stringArgument(characterMask, function, 2, "characters", "string")
                        : Values.toString(characterMask));
        int start = 0;
        int end = s.length();
        switch (sideName) {
            case "both" -> {
                start = trimStart(s, mask);
                end = start == end ? end : trimEnd(s, mask);
            }
            case "left" -> start = trimStart(s, mask);
            case "right" -> end = trimEnd(s, mask);
            default -> throw new TemplateRuntimeException("Trimming side must be \"left\", \"right\" or \"both\".");
        }
        String trimmed = s.substring(start, end);
        // trimming safe markup with the default mask keeps it safe, whatever the context
        return Values.isMarkup(value) && characterMask == null ? new Markup(trimmed) : trimmed;
    }

    private static int trimStart(String s, String mask) {
        int i = 0;
        while (i < s.length() && mask.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s, String mask) {
        int i = s.length();
        while (i > 0 && mask.indexOf(s.charAt(i - 1)) >= 0) {
            i--;
        }
        return i;
    }

    /** PHP trim masks accept ranges: "a..z". */
    private static String expandMask(String mask) {
        if (!mask.contains("..")) {
            return mask;
        }
        StringBuilder sb = new StringBuilder();
        int n = mask.length();
        for (int i = 0; i < n; i++) {
            char c = mask.charAt(i);
            if (i + 3 < n && mask.charAt(i + 1) == '.' && mask.charAt(i + 2) == '.' && mask.charAt(i + 3) >= c) {
                for (char x = c; x <= mask.charAt(i + 3); x++) {
                    sb.append(x);
                }
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** PHP nl2br: "&lt;br /&gt;" before each \r\n, \n\r, \n or \r. */
    static String nl2br(String s) {
        int n = s.length();
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                if (sb == null) {
                    sb = new StringBuilder(n + 16).append(s, 0, i);
                }
                sb.append("<br />").append(c);
                if (i + 1 < n) {
                    char d = s.charAt(i + 1);
                    if ((c == '\r' && d == '\n') || (c == '\n' && d == '\r')) {
                        sb.append(d);
                        i++;
                    }
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** trim(preg_replace('/&gt;\s+&lt;/', '&gt;&lt;', s)). */
    static String spaceless(String s) {
        int n = s.length();
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c);
            if (c == '>') {
                int j = i + 1;
                while (j < n && isPcreSpace(s.charAt(j))) {
                    j++;
                }
                if (j > i + 1 && j < n && s.charAt(j) == '<') {
                    i = j - 1;
                }
            }
        }
        String r = sb.toString();
        return r.substring(trimStart(r, DEFAULT_TRIM_CHARS), Math.max(trimStart(r, DEFAULT_TRIM_CHARS), trimEnd(r,
                DEFAULT_TRIM_CHARS)));
    }

    private static boolean isPcreSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    // ---- replace, split, encodings ----------------------------------------------------------------------------

    /** strtr with an array: at each position the longest matching key wins, replaced text is not rescanned. */
    /**
     * strtr() with a map: at each position the longest key wins. Keys are bucketed by first character, so a big
     * map costs what the keys sharing a character cost; the result is capped, and a deadline stops it.
     */
    static String replace(dev.zweig.ext.CallContext ctx, Object value, Object from) {
        if (!PhpArrays.isIterable(from)) {
            throw new TemplateRuntimeException(
                    "The \"replace\" filter expects a sequence or a mapping, got \"" + Values.typeName(from) + "\".");
        }
        String s = str(value);
        java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
        PhpArrays.forEach(from, (k, v) -> {
            String key = Values.toString(k);
            if (!key.isEmpty()) {
                pairs.put(key, Values.toString(v));
            }
            return true;
        });
        if (pairs.isEmpty() || s.isEmpty()) {
            return s;
        }
        // keys by first character, longest first
        java.util.Map<Character, List<String>> byFirst = new java.util.HashMap<>();
        for (String key : pairs.keySet()) {
            byFirst.computeIfAbsent(key.charAt(0), c -> new ArrayList<>()).add(key);
        }
        for (List<String> ks : byFirst.values()) {
            ks.sort((x, y) -> Integer.compare(y.length(), x.length()));
        }
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        long steps = 0;
        while (i < n) {
            List<String> candidates = byFirst.get(s.charAt(i));
            String match = null;
            if (candidates != null) {
                for (String key : candidates) {
                    if ((++steps & 1023) == 0) {
                        dev.zweig.runtime.RenderClock.check(ctx);
                    }
                    if (s.startsWith(key, i)) {
                        match = key;
                        break;
                    }
                }
            }
            if (match != null) {
                String to = pairs.get(match);
                Values.checkLength((long) sb.length() + to.length());
                sb.append(to);
                i += match.length();
            } else {
                sb.append(s.charAt(i++));
            }
        }
        return sb.toString();
    }

    /**
     * The chunk length of split with an empty delimiter for a limit that is not an int, as Twig's code reaches it:
     * {@code $limit <= 1} gives single characters (1), {@code mb_strlen($value) < $limit} the whole text
     * ({@link Long#MAX_VALUE}), both PHP comparisons (a non-numeric string compares as text); else the limit goes to
     * mb_substr's ?int length parameter (a non-numeric string is a TypeError there).
     */
    private static long coercedChunk(CharSequence s, Object limitArg) {
        if (Values.compare(limitArg, 1L) <= 0) {
            return 1;
        }
        if (Values.compare((long) Character.codePointCount(s, 0, s.length()), limitArg) < 0) {
            return Long.MAX_VALUE;
        }
        return nullableIntArgument(limitArg, "mb_substr", 3, "length");
    }

    /**
     * A case filter's result as a value (it may be kept or reach user code): its streaming form writes it into a
     * text buffer of the render, handed out as the String of the render's cache of recent values.
     */
    private static String cached(ScratchArena r, dev.zweig.ext.CallContext ctx, Object[] a,
            dev.zweig.ext.FilterWriter w) throws Exception {
        dev.zweig.runtime.ScratchText t = r.textBuffer();
        w.write(ctx, a, t);
        return r.string(t);
    }

    /** explode() with a delimiter; with an empty one, characters or chunks of {@code limit} characters. */
    static List<Object> split(Object value, Object delimiterArg, Object limitArg) {
        List<Object> out = new ArrayList<>();
        split(value, delimiterArg, limitArg, out, null, false);
        return out;
    }

    /**
     * The split filter as a value: in a render, the pieces are the Strings of the render's cache of recent values
     * (immutable: they may be kept or reach user code), in a list of scratch storage where the compiler proved
     * the list itself never outlives what reads it on the spot (see ScratchAnalysis), else a new one.
     */
    private static Object split(dev.zweig.ext.CallContext ctx, Object[] a) {
        if (!(ctx instanceof ScratchArena arena)) {
            return split(a[0], a[1], a[2]);
        }
        List<Object> out = arena.scratch(a) ? arena.scratchList(8) : new ArrayList<>();
        split(a[0], a[1], a[2], out, arena, false);
        return out;
    }

    /**
     * {@link #split(Object, Object, Object)} into out; with texts (a render's), each piece is a render-private
     * copy in the render's next text buffer instead of a new String (for results only the core reads and drops).
     */
    public static void split(Object value, Object delimiterArg, Object limitArg, List<Object> out,
            ScratchArena texts) {
        split(value, delimiterArg, limitArg, out, texts, true);
    }

    /**
     * The split into out: with texts (a render's) and scratch, each piece a render-private text (see above); with
     * texts alone, the equal String of the render's cache of recent values; else a new String.
     */
    private static void split(Object value, Object delimiterArg, Object limitArg, List<Object> out,
            ScratchArena texts, boolean scratch) {
        CharSequence s = Values.text(value);
        CharSequence delimiter = Values.text(delimiterArg);
        int n = s.length();
        if (delimiter.length() > 0) {
            long limit = limitArg == null ? Long.MAX_VALUE : intArgument(limitArg, "explode", 3, "limit");
            if (limit == 0) {
                limit = 1;
            }
            long keep = Long.MAX_VALUE; // a negative limit drops that many pieces from the end
            if (limit < 0) {
                long parts = 1;
                for (int at = Values.indexOf(s, delimiter, 0); at >= 0;
                        at = Values.indexOf(s, delimiter, at + delimiter.length())) {
                    if ((++parts & 4095) == 0) {
                        dev.zweig.runtime.RenderClock.checkCurrent(); // millions of pieces: the deadline holds
                    }
                }
                keep = parts + limit;
            }
            int from = 0;
            for (long count = 0; count < keep; count++) {
                int at = Values.indexOf(s, delimiter, from);
                if (at < 0 || (limit > 0 && count + 1 >= limit)) {
                    out.add(piece(s, from, n, texts, scratch));
                    break;
                }
                out.add(piece(s, from, at, texts, scratch));
                from = at + delimiter.length();
                if ((out.size() & 4095) == 0) {
                    dev.zweig.runtime.RenderClock.checkCurrent(); // millions of pieces: the deadline holds
                }
            }
            return;
        }
        long limit = limitArg == null ? 0 : limitArg instanceof Long l ? l : coercedChunk(s, limitArg);
        if (limit == Long.MAX_VALUE) {
            out.add(piece(s, 0, n, texts, scratch)); // shorter than a limit that is no number: the whole text
            return;
        }
        int chunk = limit <= 1 ? 1 : (int) Math.min(limit, Integer.MAX_VALUE);
        if (n == 0) {
            out.add("");
            return;
        }
        // Twig steps $i += $limit: a fractional limit (2.5) starts chunks at 0, 2.5 -> 2, 5, ... skipping characters
        double step = chunk > 1 && !(limitArg instanceof Long) ? Values.toDouble(limitArg) : chunk;
        int i = 0;
        int at = 0; // code points before i
        for (double next = step; i < n; next += step) {
            int end = i;
            for (int c = 0; c < chunk && end < n; c++) {
                end += Character.charCount(Character.codePointAt(s, end));
            }
            out.add(piece(s, i, end, texts, scratch));
            if (step == chunk) {
                i = end;
            } else {
                for (; at < (long) next && i < n; at++) {
                    i += Character.charCount(Character.codePointAt(s, i));
                }
            }
            if ((out.size() & 4095) == 0) {
                dev.zweig.runtime.RenderClock.checkCurrent(); // millions of pieces: the deadline holds
            }
        }
    }

    private static CharSequence piece(CharSequence s, int from, int to, ScratchArena texts, boolean scratch) {
        if (texts == null) {
            return s.subSequence(from, to).toString();
        }
        if (!scratch) {
            return texts.string(s, from, to);
        }
        dev.zweig.runtime.ScratchText t = texts.textBuffer();
        t.write(s, from, to);
        return t;
    }

    static String urlEncode(Object value) {
        if (PhpArrays.isIterable(value)) {
            return UrlEncoding.buildQuery(value);
        }
        return UrlEncoding.rawUrlEncode(str(value));
    }

    /**
     * iconv($from, $to, $s). Zweig strings are Unicode text whose bytes are UTF-8, so: the UTF-8 bytes of the
     * input are read as {@code from}, written as {@code to}, and the result bytes read back as UTF-8 (exact when
     * {@code to} is UTF-8, the usual case; other targets give bytes that UTF-8 output cannot show faithfully).
     * "//IGNORE" and "//TRANSLIT" suffixes drop or replace what the target cannot encode.
     */
    static String convertEncoding(Object value, Object toArg, Object fromArg) {
        String s = str(value);
        String to = Values.toString(toArg);
        String from = Values.toString(fromArg);
        CodingErrorAction onError = CodingErrorAction.REPORT;
        int suffix = to.indexOf("//");
        if (suffix >= 0) {
            String opt = to.substring(suffix).toUpperCase(Locale.ROOT);
            onError = opt.contains("IGNORE") ? CodingErrorAction.IGNORE : CodingErrorAction.REPLACE;
            to = to.substring(0, suffix);
        }
        Charset fromCs = charset(from);
        Charset toCs = charset(to);
        if (fromCs == null || toCs == null) {
            throw new IllegalArgumentException(
                    "iconv(): Wrong encoding, conversion from \"" + from + "\" to \"" + to + "\" is not allowed");
        }
        try {
            CharsetDecoder dec = fromCs.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
            CharBuffer text = dec.decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
            CharsetEncoder enc = toCs.newEncoder().onMalformedInput(onError).onUnmappableCharacter(onError);
            if (onError == CodingErrorAction.REPLACE && enc.canEncode('?')) {
                enc.replaceWith(new byte[] {'?'});
            }
            ByteBuffer bytes = enc.encode(text);
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return new String(out, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("iconv(): Detected an illegal character in input string", e);
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Object jsonEncode(Object value, Object flags, Object depth) {
        return JsonEncoder.encode(value, flags == null ? 0 : Values.toLong(flags),
                depth == null ? 512 : Values.toLong(depth));
    }

    // ---- numbers ------------------------------------------------------------------------------------------------

    /**
     * The number_format filter with other defaults (Twig's {@code CoreExtension::setNumberFormat()}): an argument a
     * template does not give (or gives as null) is the default.
     */
    static FilterDefinition numberFormat(Formats formats) {
        Long decimals = (long) formats.decimals();
        String point = formats.point();
        String thousands = formats.thousands();
        return FilterDefinition.of("number_format", (ctx, a) -> numberFormat(a[0], a[1] == null ? decimals : a[1],
                a[2] == null ? point : a[2], a[3] == null ? thousands : a[3]))
                .params(Param.optional("decimal", null), Param.optional("decimal_point", null),
                        Param.optional("thousand_sep", null));
    }

    /** PHP number_format((float) n, decimals, point, separator), decimals rounded half away from zero. */
    static String numberFormat(Object number, Object decimalArg, Object pointArg, Object sepArg) {
        double d = floatCast(number);
        long decimals = decimalArg == null ? 0 : intArgument(decimalArg, "number_format", 2, "decimals");
        String point = pointArg == null ? "." : stringArgument(pointArg, "number_format", 3, "decimal_separator", "?string");
        String sep = sepArg == null ? "," : stringArgument(sepArg, "number_format", 4, "thousands_separator", "?string");
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        var exact = new dev.zweig.output.StringBuilderOutput(new StringBuilder(24));
        if (PhpFloats.writeNumberFormat(d, decimals, point, sep, exact)) {
            return exact.toString(); // up to 18 decimals and below 2^127: no BigDecimal
        }
        int dec = (int) Math.max(0, Math.min(decimals, 1000));
        d = PhpFloats.round(d, Math.max(0, decimals)); // PHP 8.2 clamps negative decimals before rounding
        boolean negative = d < 0;
        String digits = PhpFloats.fixed(d, dec);
        if (negative && isAllZero(digits)) {
            negative = false;
        }
        int dot = digits.indexOf('.');
        String intPart = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (negative) {
            sb.append('-');
        }
        int len = intPart.length();
        for (int i = 0; i < len; i++) {
            sb.append(intPart.charAt(i));
            int left = len - 1 - i;
            if (left > 0 && left % 3 == 0) {
                sb.append(sep);
            }
        }
        if (dec > 0) {
            sb.append(point).append(digits, dot + 1, digits.length());
        }
        return sb.toString();
    }

    private static boolean isAllZero(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** abs() of an int or a float boxed through the render's cache; anything else as {@link #abs(Object)}. */
    static Object abs(dev.zweig.ext.CallContext ctx, Object value) {
        if (value instanceof CharSequence cs && !Values.isMarkup(value) && ctx instanceof ScratchArena boxes
                && PhpNumbers.isNumeric(cs)) {
            value = PhpNumbers.parseLeadingNumeric(cs, boxes); // a numeric string: its number, read in place
        }
        if (value instanceof Long l && l != Long.MIN_VALUE) {
            return boxed(ctx, Math.abs(l));
        }
        if (value instanceof Double d) {
            return boxed(ctx, Math.abs(d));
        }
        return abs(value);
    }

    /** v boxed through the render's cache when the call context is a render's (no garbage for repeated values). */
    static Object boxed(dev.zweig.ext.CallContext ctx, long v) {
        return ctx instanceof ScratchArena r ? r.box(v) : (Object) v;
    }

    /** v boxed through the render's cache when the call context is a render's. */
    static Object boxed(dev.zweig.ext.CallContext ctx, double v) {
        return ctx instanceof ScratchArena r ? r.box(v) : (Object) v;
    }

    /**
     * PHP abs(): ints stay ints (PHP_INT_MIN becomes a float), floats stay floats; numeric strings (leading and
     * trailing whitespace allowed) are numbers, null and booleans 0 or 1. Anything else is PHP 8's TypeError for
     * the int|float parameter: a string that is not numeric (also a leading-numeric "3-x"), an array, a Markup
     * value (an object in PHP, even when its text is a number).
     */
    static Object abs(Object value) {
        Number n = numberArgument(value, "abs", 1, "num");
        if (n instanceof Long l) {
            if (l == Long.MIN_VALUE) {
                return -(double) Long.MIN_VALUE;
            }
            return Math.abs(l.longValue());
        }
        if (n instanceof BigDecimal bd) {
            return bd.abs();
        }
        if (n instanceof BigInteger bi) {
            return bi.abs();
        }
        return Math.abs(n.doubleValue());
    }

    /**
     * round() boxed through the render's cache (near a tie too, where PHP's pre-rounding decides: {@link
     * #roundToDouble}).
     */
    static Object round(dev.zweig.ext.CallContext ctx, Object value, Object precisionArg, Object methodArg) {
        if (value instanceof CharSequence cs && !Values.isMarkup(value) && ctx instanceof ScratchArena boxes
                && PhpNumbers.isNumeric(cs)) {
            value = PhpNumbers.parseLeadingNumeric(cs, boxes); // a numeric string: its number, read in place
        }
        double r = quickRound(value, precisionArg, methodArg);
        return boxed(ctx, Double.isNaN(r) ? roundToDouble(value, precisionArg, methodArg) : r);
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};

    /**
     * round() of an int or float without boxing or BigDecimal: ceil and floor, and the common method at precisions
     * 0 to 10 when the scaled value is not near a tie (where PHP's pre-rounding decides: {@link PhpFloats#round});
     * NaN when that does not apply.
     */
    static double quickRound(Object v, Object precisionArg, Object methodArg) {
        if (!(precisionArg == null || precisionArg instanceof Long)) {
            return Double.NaN; // an argument PHP coerces (or rejects): the full path
        }
        long precision = precisionArg == null ? 0 : (Long) precisionArg;
        if ((v instanceof Double || v instanceof Long) && "common".equals(methodArg) && precision >= 0
                && precision <= 10) {
            double d = ((Number) v).doubleValue();
            double x = Math.abs(d) * POW10[(int) precision];
            double fl = Math.floor(x);
            // not near a tie, where PHP's pre-rounding agrees; at precision 0, x is the value itself: exactly k.5 is a
            // tie in PHP too (pre-rounding keeps it a half or moves it away from zero), rounded away from zero
            if (x < 4.5e15 && (!nearTie(x, x - fl) || (precision == 0 && x - fl == 0.5))) {
                double r = (fl + (x - fl >= 0.5 ? 1 : 0)) / POW10[(int) precision];
                return d < 0 ? -r : r;
            }
        } else if ((v instanceof Double || v instanceof Long) && ("ceil".equals(methodArg)
                || "floor".equals(methodArg))) {
            double factor = Math.pow(10, precision); // as round() computes it
            double scaled = ((Number) v).doubleValue() * factor;
            return (methodArg.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / factor;
        }
        return Double.NaN;
    }

    /**
     * Whether x (|value| scaled to the places kept), whose fractional part is frac, is so close to a half that
     * PHP's pre-rounding of the value to 15 significant digits may decide the rounding: that moves x by up to
     * x * 5e-15 (1,234,567,890.1235 to 3 places is a tie for PHP, 1234567890123.49998... for a double).
     */
    static boolean nearTie(double x, double frac) {
        return Math.abs(frac - 0.5) < 1e-6 + x * 1e-14;
    }

    /** Twig's round: always a float; common = half away from zero, ceil/floor at the given precision. */
    static Object round(Object value, Object precisionArg, Object methodArg) {
        return roundToDouble(value, precisionArg, methodArg);
    }

    /** {@link #round} as a primitive (the printed filter writes it without boxing). */
    static double roundToDouble(Object value, Object precisionArg, Object methodArg) {
        double d = floatCast(value);
        String method = methodArg == null ? "" : Values.toString(methodArg);
        if (method.equals("common")) {
            return PhpFloats.round(d, intArgument(precisionArg, "round", 2, "precision"));
        }
        if (!method.equals("ceil") && !method.equals("floor")) {
            throw new TemplateRuntimeException(
                    "The \"round\" filter only supports the \"common\", \"ceil\", and \"floor\" methods.");
        }
        // Twig computes 10 ** $precision: PHP's arithmetic on the argument (a leading-numeric string gives its
        // prefix, a non-numeric one is "Unsupported operand types: int ** string")
        double factor = Values.toDouble(Values.power(10L, precisionArg == null ? 0L : precisionArg));
        double scaled = d * factor;
        return (method.equals("ceil") ? Math.ceil(scaled) : Math.floor(scaled)) / factor;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /**
     * PHP's {@code (float)} cast, which round and number_format apply to their value: as {@link Values#toDouble},
     * except that a Markup value is an object in PHP, which casts to 1 whatever its text.
     */
    static double floatCast(Object v) {
        return Values.isMarkup(v) ? 1 : Values.toDouble(v);
    }

    /**
     * An argument given to an int parameter of a PHP built-in function (coercive typing): null is 0, booleans 0 or
     * 1, floats and numeric strings (whitespace around allowed, "1e1" too) their integer part; any other string
     * (also a leading-numeric one), an array or a Markup value (an object in PHP) is PHP 8's TypeError
     * {@code f(): Argument #n ($name) must be of type int, string given}.
     */
    static long intArgument(Object v, String function, int position, String parameter) {
        return intArgument(v, function, position, parameter, "int");
    }

    /**
     * An argument given to an int|float parameter of a PHP built-in function (abs, ceil): null is 0, booleans 0 or
     * 1, numeric strings (whitespace around allowed) their number; any other string (also a leading-numeric "3-x"),
     * an array or a Markup value (an object in PHP, whatever its text) is PHP 8's TypeError.
     */
    static Number numberArgument(Object v, String function, int position, String parameter) {
        if (v == null || v instanceof Boolean || v instanceof Number
                || v instanceof CharSequence && !Values.isMarkup(v) && Values.isNumeric(v)) {
            return Values.toNumber(v);
        }
        throw typeError(v, function, position, parameter, "int|float");
    }

    /** {@link #intArgument} for a ?int parameter (only the message's type differs; callers keep null apart). */
    static long nullableIntArgument(Object v, String function, int position, String parameter) {
        return intArgument(v, function, position, parameter, "?int");
    }

    private static long intArgument(Object v, String function, int position, String parameter, String type) {
        if (v == null || v instanceof Boolean || v instanceof Number
                || v instanceof CharSequence && !Values.isMarkup(v) && Values.isNumeric(v)) {
            return Values.toLong(v);
        }
        throw typeError(v, function, position, parameter, type);
    }

    /**
     * An argument given to a string (type "string") or ?string parameter of a PHP built-in function: scalars and
     * Markup (Stringable) are their text; an array is PHP 8's TypeError.
     */
    static String stringArgument(Object v, String function, int position, String parameter, String type) {
        if (PhpArrays.isIterable(v)) {
            throw typeError(v, function, position, parameter, type);
        }
        return Values.toString(v);
    }

    private static IllegalArgumentException typeError(Object v, String function, int position, String parameter,
            String type) {
        return new IllegalArgumentException(function + "(): Argument #" + position + " ($" + parameter
                + ") must be of type " + type + ", " + Values.typeName(v) + " given");
    }

    /** PHP string conversion with null as "". */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        return v == null ? "" : Values.toString(v);
    }

    /** {@link #str} as a CharSequence, without copying the engine's own texts (read it at once, keep nothing). */
    static CharSequence text(Object v) {
        return v == null ? "" : Values.text(v);
    }
}
