#!/usr/bin/env python3
"""Turns bench/run's raw rows (bench/out/results.tsv) into the one Markdown table and its cost lines.

usage: table.py RESULTS_TSV LATENCY_MS ORIGINAL_MAX JAVA_VERSION COMMAND
"""
import os
import re
import sys

# Prices (checked 2026-11; see docs/performance.md for the sources)
LAMBDA_ARM_GB_S = 0.0000133334      # USD per GB-second, arm64, first tier, us-east-1
LAMBDA_REQUEST = 0.20 / 1_000_000   # USD per request
X_USER_READ = 0.010                 # USD per user read, billed once per resource per UTC day
RUNS_PER_MONTH = 12 * 24 * 30       # every 5 minutes, 30-day month
DAYS_PER_MONTH = 30


def main():
    path, latency, original_max, java, command = sys.argv[1:6]
    latency = int(latency)
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 11:
                continue
            kind, mode, variant, cores, n, wall, rss, xr, dr, nbytes, note = parts[:11]
            rows.append(dict(kind=kind, mode=mode, variant=variant, cores=int(cores), n=int(n), wall=float(wall),
                             rss=int(rss), x=int(xr), dd=int(dr), bytes=int(nbytes), note=note))

    floor = {r["cores"]: r for r in rows if r["kind"] == "floor"}
    # two round trips as curl measured them against the peer (bench/run's "roundtrip" row); 2 × latency if absent
    measured = next((r for r in rows if r["kind"] == "roundtrip"), None)
    rt = measured["wall"] if measured else 2 * latency
    rt_text = (f"X {measured['x']} ms + DataDog {measured['dd']} ms measured" if measured else f"2 × {latency} ms")
    original = {r["n"]: r for r in rows if r["kind"] == "original"}
    cold = [r for r in rows if r["kind"] == "cold"]
    warm = [r for r in rows if r["kind"] == "warm"]
    memory_mb = template_memory()

    # the original pattern: measured, or per-account time of the largest measured N times N
    biggest = max(original) if original else None
    def original_at(n):
        if n in original:
            return original[n], "measured"
        o = original[biggest]
        per = o["wall"] / o["n"]
        return dict(wall=per * n, rss=o["rss"], x=o["x"] * n // o["n"], dd=o["dd"] * n // o["n"],
                    bytes=o["bytes"] * n // o["n"]), f"extrapolated ({per:.0f} ms/account at N={o['n']} × N)"

    cpu = cpu_model()
    out = []
    out.append(f"Measured by `{command}` on {os.cpu_count()} cores ({cpu}), {java}; "
               f"every X and DataDog answer held back {latency} ms. Wall time is the median of the fresh JVMs. "
               f"Handler rows run with -XX:MaxRAM={os.environ.get('BENCH_LAMBDA_MEMORY_MB', '?')}m, the function's "
               f"memory (samTemplate.yaml), so the JVM sizes its heap as it would in the Lambda; CLI rows see this machine's memory.")
    out.append("")
    out.append("| run | JVM flags | cores | N | wall ms | × floor | peak RSS MB | X req | DD req | DD bytes | ours / original |")
    out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in sorted(floor):
        f = floor[c]
        out.append(f"| floor | hello-world JVM + 2 round trips ({rt_text}) | {c} | – | {f['wall']:.0f} | 1.00 | – | – | – | – | – |")
    for r in cold:
        f = floor.get(r["cores"])
        o, how = original_at(r["n"]) if biggest else (None, "")
        ratio = "–" if not o else (f"{r['wall'] / o['wall']:.4f} ({o['wall'] / r['wall']:.0f}× faster)"
                                   if o["wall"] >= r["wall"] else
                                   f"{r['wall'] / o['wall']:.2f} (original {r['wall'] / o['wall']:.1f}× faster)")
        run = "cold CLI" if r["mode"] == "cli" else "cold handler"
        out.append(f"| {run} | {r['variant']} | {r['cores']} | {r['n']:,} | {r['wall']:.0f} | "
                   f"{r['wall'] / f['wall']:.2f} | {r['rss'] / 1024:.0f} | {r['x']} | {r['dd']} | {r['bytes']:,} | {ratio} |")
    for n in sorted({r["n"] for r in cold} | set(original)):
        if not biggest:
            break
        o, how = original_at(n)
        rss = f"{o['rss'] / 1024:.0f}" if how == "measured" else "–"
        out.append(f"| original pattern, {how} | python3 urllib, sequential | 1 process | {n:,} | {o['wall']:.0f} | "
                   f"{o['wall'] / floor[2]['wall']:.1f} | {rss} | {o['x']:,} | {o['dd']:,} | {o['bytes']:,} | 1 |")
    for r in warm:
        note = dict(kv.split("=") for kv in r["note"].split(" (")[0].split())
        out.append(f"| warm handler p50 (p95) | {r['variant']} | {r['cores']} | {r['n']:,} | {r['wall']:.0f} "
                   f"({float(note['p95']):.0f}) | p50 − 2 round trips = {r['wall'] - rt:+.0f} ms | "
                   f"{r['rss'] / 1024:.0f} | {r['x']} / 21 calls | {r['dd']} / 21 calls | {r['bytes']:,} / 21 calls | – |")
    for r in (r for r in rows if r["kind"] == "snapstart"):
        prime = float(r["note"].split("=")[1])
        out.append(f"| SnapStart emulated: 1st invocation after priming ({prime:.0f} ms at checkpoint) | {r['variant']} | "
                   f"{r['cores']} | {r['n']:,} | {r['wall']:.0f} | p − 2 round trips = {r['wall'] - rt:+.0f} ms | "
                   f"{r['rss'] / 1024:.0f} | {r['x']} | {r['dd']} | {r['bytes']:,} | – |")
    out.append("")

    # ---- targets (issue 11), with the flags the product ships: the CLI as a user starts it (default),
    # the handler with samTemplate.yaml's JAVA_TOOL_OPTIONS (C1)
    out.append(f"Targets (issue 11; CLI with default flags as a user starts it, handler with the shipped C1 flag; "
               f"every answer held back {latency} ms; 2 round trips = {rt:.0f} ms: {rt_text}):")
    def find(kind, mode, variant, cores, n):
        return next((r for r in rows if r["kind"] == kind and r["mode"] == mode and r["variant"] == variant
                     and r["cores"] == cores and r["n"] == n), None)
    def verdict(ok):
        return "met" if ok else "NOT met"
    def goal(label, r, value, text, ok):
        out.append(f"- {label}: " + ("not measured in this run" if r is None else f"{text(value(r))} "
                                    f"({verdict(ok(value(r)))})"))
    for cores, limit in ((2, 2.0), (1, 2.5)):
        goal(f"cold CLI, 100 accounts, {cores} core(s), ≤ {limit} × floor", find("cold", "cli", "default", cores, 100),
             lambda r: r["wall"] / floor[r["cores"]]["wall"], lambda v: f"{v:.2f} × floor", lambda v: v <= limit)
    goal("cold handler, 100 accounts, 1 core, 512 MB, ≤ 2.5 × floor", find("cold", "handler", "C1", 1, 100),
         lambda r: r["wall"] / floor[1]["wall"], lambda v: f"{v:.2f} × floor", lambda v: v <= 2.5)
    goal("SnapStart-emulated 1st invocation, 100 accounts, 1 core, ≤ 2 round trips + 40 ms",
         find("snapstart", "handler", "C1", 1, 100), lambda r: r["wall"] - rt,
         lambda v: f"2 round trips {v:+.0f} ms", lambda v: v <= 40)
    goal("warm handler p50, 100 accounts, 1 core, ≤ 2 round trips + 10 ms", find("warm", "handler", "C1", 1, 100),
         lambda r: r["wall"] - rt, lambda v: f"2 round trips {v:+.0f} ms", lambda v: v <= 10)
    for mode, variant in (("cli", "default"), ("handler", "C1")):
        goal(f"cold {mode}, 10,000 accounts, 2 cores, ≤ 1.5 s", find("cold", mode, variant, 2, 10000),
             lambda r: r["wall"], lambda v: f"{v:.0f} ms", lambda v: v <= 1500)
        goal(f"peak RSS, cold {mode}, 10,000 accounts, 2 cores, ≤ 150 MB", find("cold", mode, variant, 2, 10000),
             lambda r: r["rss"] / 1024, lambda v: f"{v:.0f} MB", lambda v: v <= 150)
    goal("jar ≤ 15 MB", next((r for r in rows if r["kind"] == "jar"), None), lambda r: r["bytes"],
         lambda v: f"{v:,} bytes ({v / 1e6:.1f} MB)", lambda v: v <= 15_000_000)
    classes = next((r for r in rows if r["kind"] == "classes"), None)
    goal("classes loaded by a cold 100-account CLI run ≤ 1,800", classes, lambda r: r["bytes"],
         lambda v: f"{v:,} ({classes['note'].strip()})", lambda v: v <= 1800)
    cli100 = find("cold", "cli", "default", 2, 100)
    if biggest and cli100:
        o, _ = original_at(100)
        goal("≥ 50 × faster than the original request pattern, 100 accounts, default flags", cli100,
             lambda r: o["wall"] / r["wall"], lambda v: f"{v:.0f} × faster", lambda v: v >= 50)
    out.append("")

    # ---- cost
    out.append(f"Cost per month, every 5 minutes ({RUNS_PER_MONTH:,} runs in a 30-day month), "
               f"Lambda arm64 at {memory_mb} MB (samTemplate.yaml), durations from the one-core handler rows "
               f"(a {memory_mb} MB function gets about {memory_mb / 1769:.2f} of a vCPU):")
    out.append("")
    out.append("| accounts | run | billed s/run | GB-s/month | Lambda $/month | X reads billed/day | X $/month |")
    out.append("|---:|---|---:|---:|---:|---:|---:|")
    for n in (100, 1000):
        candidates = []
        c = next((r for r in cold if r["mode"] == "handler" and r["cores"] == 1 and r["variant"] == "C1" and r["n"] == n), None)
        w = next((r for r in warm if r["cores"] == 1 and r["variant"] == "C1" and r["n"] == n), None)
        if c:
            candidates.append(("ours, every run cold (fresh JVM, C1)", c["wall"] / 1000))
        if w:
            candidates.append(("ours, warm container (p50, C1)", w["wall"] / 1000))
        if biggest:
            o, how = original_at(n)
            candidates.append((f"original pattern ({how.split(' (')[0]})", o["wall"] / 1000))
        for label, seconds in candidates:
            gbs = memory_mb / 1024 * seconds * RUNS_PER_MONTH
            lam = gbs * LAMBDA_ARM_GB_S + RUNS_PER_MONTH * LAMBDA_REQUEST
            x_month = n * X_USER_READ * DAYS_PER_MONTH
            out.append(f"| {n:,} | {label} | {seconds:.3f} | {gbs:,.0f} | {lam:.2f} | {n:,} | {x_month:,.2f} |")
    out.append("")
    out.append(f"Lambda: GB-s = {memory_mb}/1024 GB × s/run × {RUNS_PER_MONTH:,}; $ = GB-s × ${LAMBDA_ARM_GB_S} + "
               f"{RUNS_PER_MONTH:,} × $0.20/1M requests, before the free tier (400,000 GB-s and 1M requests a month). "
               f"X: a user read is ${X_USER_READ:.3f} and the same user is billed once per UTC day, so N accounts every "
               f"5 minutes bill N reads a day, not N × 288: N × ${X_USER_READ:.3f} × {DAYS_PER_MONTH} days. The original "
               f"pattern reads the same users, so its X bill is the same; it pays in Lambda time and requests.")
    print("\n".join(out))


def template_memory():
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        with open(os.path.join(here, "..", "samTemplate.yaml")) as f:
            m = re.search(r"^\s*MemorySize:\s*(\d+)", f.read(), re.M)
            return int(m.group(1)) if m else 512
    except OSError:
        return 512


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    main()
