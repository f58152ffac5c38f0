package io.github.twitterstats.adapter.out.x;

import static io.github.twitterstats.adapter.out.format.JsonTrees.text;
import static io.github.twitterstats.adapter.out.x.XJson.lower;

import io.github.twitterstats.domain.FailureReason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of a 200 answer's {@code errors[]}, the same shape on every v2 endpoint this program
 * reads (docs.x.com, response codes and errors): for an unknown user
 * {@code {"value":"nosuch","detail":"Could not find user with usernames: [nosuch].",
 * "title":"Not Found Error","resource_type":"user","parameter":"usernames","resource_id":"nosuch",
 * "type":"https://api.twitter.com/2/problems/resource-not-found"}} (on {@code /2/users/:id/tweets}
 * {@code "parameter":"id"} and "Could not find user with id: [...]"), and for a suspended user
 * {@code "title":"Forbidden","detail":"User has been suspended: [name]."} with the same {@code type}.
 */
record XProblem(String value, String resourceId, String title, String detail, String type) {

    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]");

    /** An entry as X sent it; one that is not an object is a problem that says nothing. */
    static XProblem read(Object error) {
        return new XProblem(text(error, "value"), text(error, "resource_id"), text(error, "title"),
                text(error, "detail"), text(error, "type"));
    }

    FailureReason reason() {
        String d = lower(detail);
        String t = lower(title);
        if (d.contains("suspended") || t.equals("forbidden")) {
            return FailureReason.SUSPENDED;
        }
        if (t.equals("not found error") || lower(type).endsWith("/resource-not-found")) {
            return FailureReason.NOT_FOUND;
        }
        return FailureReason.X_ERROR;
    }

    /** The user names (or ids) this problem is about, lower case: value, resource_id, or the [...] in detail. */
    List<String> subjects() {
        List<String> names = new ArrayList<>();
        if (value != null) {
            names.add(lower(value));
        }
        if (resourceId != null) {
            names.add(lower(resourceId));
        }
        if (names.isEmpty() && detail != null) {
            Matcher m = BRACKETED.matcher(detail);
            while (m.find()) {
                for (String part : m.group(1).split(",")) {
                    names.add(lower(part.trim()));
                }
            }
        }
        return names;
    }

    String describe() {
        return (title == null ? "X error" : title) + (detail == null ? "" : ": " + detail);
    }
}
