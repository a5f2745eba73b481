package dev.zweig.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Render data from JSON, in Zweig's value model: objects become LinkedHashMap (order kept: {@code for} and
 * {@code keys} see it), arrays ArrayList, integers Long (BigInteger when too large), decimals Double.
 */
final class JsonData {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonData() {
    }

    /**
     * Reads a JSON object as the render context. {@code []} is accepted as an empty context (PHP does not tell
     * an empty list from an empty map).
     *
     * @param source names the input in error messages
     */
    static Map<String, Object> read(InputStream in, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw new CliException("invalid JSON in " + source + where + ": "
                    + (nl >= 0 ? msg.substring(0, nl) : msg), Main.INPUT_ERROR);
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage(), Main.INPUT_ERROR);
        }
        if (root == null || root.isMissingNode()) {
            throw new CliException("invalid JSON in " + source + ": no content", Main.INPUT_ERROR);
        }
        if (root.isArray() && root.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (!root.isObject()) {
            throw new CliException("data in " + source + " must be a JSON object, not "
                    + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT), Main.INPUT_ERROR);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            context.put(e.getKey(), toJava(e.getValue()));
        }
        return context;
    }

    static Object toJava(JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    m.put(e.getKey(), toJava(e.getValue()));
                }
                return m;
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>(n.size());
                for (JsonNode v : n) {
                    l.add(toJava(v));
                }
                return l;
            }
            case NUMBER:
                if (n.isIntegralNumber()) {
                    return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
                }
                return n.doubleValue();
            case STRING:
                return n.textValue();
            case BOOLEAN:
                return n.booleanValue();
            default:
                return null;
        }
    }
}
