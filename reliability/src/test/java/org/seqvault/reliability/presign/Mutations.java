package org.seqvault.reliability.presign;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every way of changing one component of a presigned URL: each path segment (the route, the
 * object or upload, the part or file name), the method, and each query parameter (expiry, key
 * id, signature, or S3's X-Amz-* fields): altered, cut, extended, emptied, removed, shadowed by
 * a forged value, or swapped for the same component of another genuine URL.
 */
final class Mutations {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%";
    private static final List<String> OTHER_METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");

    private Mutations() {
    }

    static List<Mutant> of(SignedUrl url, SignedUrl sibling, SplittableRandom random) {
        List<Mutant> out = new ArrayList<>();
        for (String m : OTHER_METHODS) {
            if (!m.equals(url.method())) {
                out.add(new Mutant("method " + m, url.withMethod(m)));
            }
        }
        for (int i = 0; i < url.segments().size(); i++) {
            String s = url.segments().get(i);
            String where = "path segment " + i + " '" + s + "'";
            add(out, url, where + " with one character changed", url.withSegment(i, flip(s, random)));
            add(out, url, where + " in upper case", url.withSegment(i, s.toUpperCase(Locale.ROOT)));
            add(out, url, where + " extended", url.withSegment(i, s + ALPHABET.charAt(random.nextInt(36))));
            if (s.length() > 1) {
                add(out, url, where + " cut short", url.withSegment(i, s.substring(0, s.length() - 1)));
            }
            add(out, url, where + " as '..'", url.withSegment(i, ".."));
            add(out, url, where + " percent-encoded differently", url.withSegment(i, reencode(s)));
            if (i < sibling.segments().size() && !sibling.segments().get(i).equals(s)) {
                add(out, url, where + " from another URL", url.withSegment(i, sibling.segments().get(i)));
            }
        }
        List<String> traversal = new ArrayList<>(url.segments());
        traversal.add(traversal.size() - 1, "..");
        traversal.add(traversal.size() - 1, traversal.get(traversal.size() - 1));
        add(out, url, "path with a '..' detour", url.withSegments(traversal));
        List<String> doubled = new ArrayList<>(url.segments());
        doubled.add(1, "");
        add(out, url, "path with a doubled slash", url.withSegments(doubled));
        for (int i = 0; i < url.query().size(); i++) {
            Map.Entry<String, String> p = url.query().get(i);
            String where = "parameter " + p.getKey();
            String v = p.getValue();
            add(out, url, where + " with one character changed", url.withParam(i, flip(v, random)));
            add(out, url, where + " extended", url.withParam(i, v + "0"));
            if (v.length() > 1) {
                add(out, url, where + " cut short", url.withParam(i, v.substring(0, v.length() - 1)));
            }
            add(out, url, where + " empty", url.withParam(i, ""));
            add(out, url, where + " removed", url.withoutParam(i));
            add(out, url, where + " shadowed by a forged value", url.withParamShadowed(i, flip(v, random)));
            add(out, url, where + " in upper case", url.withParam(i, v.toUpperCase(Locale.ROOT)));
            if (v.matches("\\d+")) {
                add(out, url, where + " a year later", url.withParam(i, Long.toString(Long.parseLong(v) + 31_536_000L)));
                add(out, url, where + " with a leading zero", url.withParam(i, "0" + v));
            }
            for (Map.Entry<String, String> other : sibling.query()) {
                if (other.getKey().equals(p.getKey()) && !other.getValue().equals(v)) {
                    add(out, url, where + " from another URL", url.withParam(i, other.getValue()));
                    break;
                }
            }
        }
        add(out, url, "query of another URL", url.withQuery(sibling.query()));
        add(out, url, "no query at all", url.withQuery(List.of(Map.entry("x", "1"))));
        return out;
    }

    /** Keeps only mutants that really differ from the genuine URL. */
    private static void add(List<Mutant> out, SignedUrl genuine, String what, SignedUrl changed) {
        SignedUrl mutant = changed.sendable();
        if (!mutant.normalised().equals(genuine.normalised()) || !mutant.method().equals(genuine.method())) {
            out.add(new Mutant(what, mutant));
        }
    }

    /**
     * One character changed so that the text means something else: flipping the case of a hex
     * digit in a %XX escape changes the characters but not the value, and a store that decodes
     * before it checks rightly honours that (the URL is then the genuine one).
     */
    private static String flip(String s, SplittableRandom random) {
        if (s.isEmpty()) {
            return "a";
        }
        String changed;
        do {
            int at = random.nextInt(s.length());
            char c;
            do {
                c = ALPHABET.charAt(random.nextInt(ALPHABET.length() - 1));
            } while (c == s.charAt(at));
            changed = s.substring(0, at) + c + s.substring(at + 1);
        } while (decoded(changed).equals(decoded(s)));
        return changed;
    }

    /** The value a decoding store sees; an invalid escape stands for itself, marked so it equals no valid value. */
    private static String decoded(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException invalidEscape) {
            return "\0invalid " + s;
        }
    }

    /** The first character written as %XX: the same text to a lenient decoder, another string to a signature. */
    private static String reencode(String s) {
        char c = s.charAt(0);
        return c == '%' ? s.toLowerCase(Locale.ROOT) : String.format("%%%02X", (int) c) + s.substring(1);
    }
}
