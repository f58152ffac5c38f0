package io.github.twitterstats.bench;

import io.github.twitterstats.adapter.in.cli.Main;
import io.github.twitterstats.testing.BackupWorld;
import io.github.twitterstats.testing.FakeXApi;
import io.github.twitterstats.testing.SamplePosts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One local backup run (the CLI path, into the loopback S3 bucket) for ACCOUNTS accounts with
 * POSTS posts each on the day; prints X requests, S3 requests and wall time. Run by bench/backup.
 */
public final class BackupBench {

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        LocalDate day = LocalDate.of(2026, 3, 7);
        Clock clock = Clock.fixed(Instant.parse("2026-03-08T10:00:00Z"), ZoneOffset.UTC);
        try (BackupWorld world = new BackupWorld()) {
            List<String> handles = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                String id = String.valueOf(1_000_000 + i);
                world.x.addAccount("acct" + i, id).addPosts(SamplePosts.ofDay(id, day, posts));
                handles.add("acct" + i);
            }
            Map<String, String> env = world.env(String.join(",", handles), null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long started = System.nanoTime();
            int exit = Main.run(new String[] {"backup", "--date", day.toString(), "--out",
                    "s3://" + BackupWorld.BUCKET + "/bench", "--json"}, env, new PrintStream(out, true,
                    StandardCharsets.UTF_8), System.err, clock);
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            System.out.println("exit=" + exit);
            System.out.println("summary=" + out.toString(StandardCharsets.UTF_8).strip());
            long timeline = world.x.requests().stream().filter(FakeXApi::isTimeline).count();
            System.out.printf("accounts=%d posts_per_account=%d x_requests=%d (users/by %d, timeline %d)"
                            + " s3_objects=%d wall_ms=%d%n", accounts, posts, world.x.requestCount(),
                    world.x.requestCount() - timeline, timeline,
                    world.s3.keys(BackupWorld.BUCKET).size(), wallMs);
        }
        System.exit(0);   // ElasticMQ's actor system does not let the JVM end by itself
    }
}
