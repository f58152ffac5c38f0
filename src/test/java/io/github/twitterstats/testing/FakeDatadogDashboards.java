package io.github.twitterstats.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import io.github.twitterstats.testing.FakeDatadogApi.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DataDog's Dashboards API (v1) as its reference describes it
 * (https://docs.datadoghq.com/api/latest/dashboards/): create ({@code POST /api/v1/dashboard}),
 * get and update ({@code GET}/{@code PUT /api/v1/dashboard/{dashboard_id}}) and list
 * ({@code GET /api/v1/dashboard}, with {@code count} and {@code start}). Both keys are checked by
 * {@link FakeDatadogApi}; this class checks the body against the Dashboard schema: {@code title},
 * {@code layout_type} ({@code ordered} or {@code free}) and {@code widgets} are required, every
 * widget has a {@code definition} with a known {@code type}, graph widgets have requests, template
 * variables have a name, {@code reflow_type} only goes with the ordered layout, and a field the
 * schema does not have is refused (400) rather than silently dropped, so a typo fails a test.
 * Ids look like DataDog's ({@code abc-def-ghi}).
 */
public final class FakeDatadogDashboards {

    public static final String PATH = "/api/v1/dashboard";
    private static final Pattern ONE = Pattern.compile("^/api/v1/dashboard/[^/]+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a client may send at the top level; the rest of the Dashboard object is read-only. */
    private static final Set<String> WRITABLE = Set.of("title", "description", "layout_type", "widgets",
            "template_variables", "template_variable_presets", "notify_list", "reflow_type", "tags", "is_read_only",
            "restricted_roles", "id", "url", "created_at", "modified_at", "author_handle", "author_name");
    private static final Set<String> WIDGET_TYPES = Set.of("timeseries", "query_value", "toplist", "group", "note",
            "heatmap", "distribution", "change", "query_table", "free_text", "image", "check_status", "hostmap",
            "alert_graph", "alert_value", "event_stream", "event_timeline", "iframe", "log_stream", "manage_status",
            "scatterplot", "service_map", "slo", "treemap", "geomap", "funnel", "list_stream", "run_workflow",
            "split_group", "powerpack", "sunburst", "topology_map", "trace_service", "slo_list", "sankey");
    private static final Set<String> GRAPHS = Set.of("timeseries", "query_value", "toplist", "change",
            "query_table", "heatmap", "distribution", "scatterplot");

    /** One accepted create or update, as received. */
    public record Write(String method, String id, JsonNode body) { }

    private final Clock clock;
    private final Map<String, ObjectNode> stored = new LinkedHashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private int sequence;

    FakeDatadogDashboards(String appKey, Clock clock) {
        this.clock = clock;
    }

    /** The route key of a path: every {@code /api/v1/dashboard/<id>} shares one. */
    static String routeOf(String path) {
        return ONE.matcher(path).matches() ? PATH + "/{id}" : path;
    }

    /** Dashboards as stored, by id. */
    public synchronized Map<String, JsonNode> stored() {
        return Map.copyOf(stored);
    }

    /** Accepted creates and updates, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** A dashboard made by someone else (by hand, or another tool), as the list will show it. */
    public synchronized String preexisting(String title, String description) {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("description", description)
                .put("layout_type", "ordered");
        body.putArray("widgets");
        return store(nextId(), body);
    }

    synchronized Reply list(Request request) {
        Map<String, String> query = query(request);
        int start = Integer.parseInt(query.getOrDefault("start", "0"));
        int count = Integer.parseInt(query.getOrDefault("count", String.valueOf(Integer.MAX_VALUE)));
        ArrayNode dashboards = JSON.createArrayNode();
        stored.values().stream().skip(start).limit(count).forEach(d -> {
            ObjectNode summary = dashboards.addObject();
            for (String field : List.of("id", "title", "description", "layout_type", "url", "is_read_only",
                    "created_at", "modified_at", "author_handle")) {
                if (d.has(field)) {
                    summary.set(field, d.get(field));
                }
            }
        });
        ObjectNode body = JSON.createObjectNode();
        body.set("dashboards", dashboards);
        return Reply.json(200, body.toString());
    }

    synchronized Reply get(Request request) {
        ObjectNode dashboard = stored.get(idOf(request));
        return dashboard == null ? Reply.of(404, "Dashboard not found") : Reply.json(200, dashboard.toString());
    }

    synchronized Reply create(Request request) {
        ObjectNode body;
        try {
            body = parse(request);
        } catch (IllegalArgumentException e) {
            return Reply.of(400, e.getMessage());
        }
        String id = nextId();
        writes.add(new Write("POST", id, body.deepCopy()));
        return Reply.json(200, stored.get(store(id, body)).toString());
    }

    synchronized Reply update(Request request) {
        String id = idOf(request);
        if (!stored.containsKey(id)) {
            return Reply.of(404, "Dashboard not found");
        }
        ObjectNode body;
        try {
            body = parse(request);
        } catch (IllegalArgumentException e) {
            return Reply.of(400, e.getMessage());
        }
        writes.add(new Write("PUT", id, body.deepCopy()));
        String created = stored.get(id).path("created_at").asText();
        store(id, body);
        stored.get(id).put("created_at", created);
        return Reply.json(200, stored.get(id).toString());
    }

    private String store(String id, ObjectNode body) {
        String now = clock.instant().toString();
        body.put("id", id).put("url", "/dashboard/" + id + "/" + slug(body.path("title").asText()))
                .put("created_at", now).put("modified_at", now).put("author_handle", "fake@example.com");
        if (!body.has("is_read_only")) {
            body.put("is_read_only", false);
        }
        stored.put(id, body);
        return id;
    }

    private String nextId() {
        int n = ++sequence;
        return String.format("ts%d-%03d-fak", n % 10, n);
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String idOf(Request request) {
        String path = URI.create(request.getUrl()).getRawPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = URI.create(request.getUrl()).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return query;
    }

    /** The body, checked against the Dashboard schema; the message lists every problem. */
    private static ObjectNode parse(Request request) {
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new IllegalArgumentException("Content-Type must be application/json, was " + contentType);
        }
        JsonNode root;
        try {
            root = JSON.readTree(new String(request.getBody(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body must be a Dashboard object");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!WRITABLE.contains(name)) {
                problems.add(name + ": not a Dashboard field");
            }
        }
        if (!root.path("title").isTextual() || root.path("title").asText().isBlank()) {
            problems.add("title: required, a non-empty string");
        }
        String layout = root.path("layout_type").asText("");
        if (!layout.equals("ordered") && !layout.equals("free")) {
            problems.add("layout_type: required, one of ordered, free");
        }
        if (root.has("reflow_type") && (!layout.equals("ordered")
                || !Set.of("auto", "fixed").contains(root.get("reflow_type").asText()))) {
            problems.add("reflow_type: auto or fixed, and only with the ordered layout");
        }
        if (root.has("description") && !root.get("description").isTextual() && !root.get("description").isNull()) {
            problems.add("description: a string or null");
        }
        if (!root.path("widgets").isArray()) {
            problems.add("widgets: required, an array");
        } else {
            checkWidgets(root.get("widgets"), "widgets", problems);
        }
        JsonNode variables = root.path("template_variables");
        if (!variables.isMissingNode() && !variables.isNull()) {
            if (!variables.isArray()) {
                problems.add("template_variables: an array");
            } else {
                for (int i = 0; i < variables.size(); i++) {
                    if (!variables.get(i).path("name").isTextual()) {
                        problems.add("template_variables[" + i + "].name: required, a string");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        ObjectNode body = (ObjectNode) root;
        List.of("id", "url", "created_at", "modified_at", "author_handle", "author_name").forEach(body::remove);
        return body;
    }

    private static void checkWidgets(JsonNode widgets, String at, List<String> problems) {
        for (int i = 0; i < widgets.size(); i++) {
            String here = at + "[" + i + "].definition";
            JsonNode definition = widgets.get(i).path("definition");
            String type = definition.path("type").asText("");
            if (!definition.isObject() || !WIDGET_TYPES.contains(type)) {
                problems.add(here + ".type: required, a widget type, was '" + type + "'");
                continue;
            }
            if (type.equals("group")) {
                if (!definition.path("layout_type").asText("").equals("ordered") || !definition.path("widgets").isArray()) {
                    problems.add(here + ": a group needs layout_type ordered and widgets");
                } else {
                    checkWidgets(definition.get("widgets"), here + ".widgets", problems);
                }
            }
            if (GRAPHS.contains(type) && (!definition.path("requests").isArray() || definition.get("requests").isEmpty())) {
                problems.add(here + ".requests: required, at least one");
            }
        }
    }
}
