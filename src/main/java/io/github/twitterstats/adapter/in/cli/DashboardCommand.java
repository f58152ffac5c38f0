package io.github.twitterstats.adapter.in.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.twitterstats.wiring.Wiring;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code twitter-stats dashboard [--json]}: creates the "X accounts" DataDog dashboard, or updates it in place.
 * Needs DD_APP_KEY as well as the API key; exit codes as for a run (2 for a missing key or a usage error, 1 when
 * DataDog refused or could not be reached).
 */
final class DashboardCommand {

    static final String USAGE = """
            Usage: java -jar twitter-stats.jar dashboard [--json] [--help]

            Creates the DataDog dashboard "X accounts" (followers, following, posts and likes per account,
            their change over a day and a week, and the health of the runs), or updates it in place if it
            exists: it is found by the marker %s in its description, so running this twice leaves one.

              --json   print {"action","id","title","url"} as JSON
              --help   this text

            Needs DD_API_KEY and DD_APP_KEY (or DD_CREDENTIALS_SECRET with api_key and app_key), and
            DD_SITE or DD_API_URL; METRIC_PREFIX, if set, is used in the dashboard's queries.
            """.formatted(Wiring.DASHBOARD_MARKER);

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Command COMMAND = new Command("dashboard", () -> USAGE, Set.of(), Set.of("--json"), DashboardCommand::run);

    private DashboardCommand() {
    }

    private static int run(Arguments options, Command.Session session) throws Exception {
        Wiring.Dashboard applied = session.wiring(session.config()).applyDashboard();
        String action = applied.created() ? "created" : "updated";
        if (options.has("--json")) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("action", action);
            result.put("id", applied.id());
            result.put("title", applied.title());
            result.put("url", applied.url().toString());
            session.out().println(JSON.writeValueAsString(result));
        } else {
            session.out().println(action + " dashboard \"" + applied.title() + "\" (" + applied.id() + "): "
                    + applied.url());
        }
        return Main.OK;
    }
}
