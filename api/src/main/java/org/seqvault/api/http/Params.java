package org.seqvault.api.http;

import io.javalin.http.Context;
import java.util.Locale;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/** Query parameters, parsed strictly: a malformed value is a 400 naming the parameter. */
public final class Params {
    private Params() {
    }

    public static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw UserException.invalid("query parameter '" + name + "' is required");
        }
        return v;
    }

    /** An integer in [min, max]; absent gives the default. */
    public static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw UserException.invalid("'" + name + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw UserException.invalid("'" + name + "' must be an integer");
        }
    }

    /** true/false in any case (Python sends True/False); absent gives the default. */
    public static boolean bool(String value, String name, boolean dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new UserException(Problem.INVALID_REQUEST, "'" + name + "' must be true or false");
        };
    }
}
