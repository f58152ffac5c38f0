#!/usr/bin/env python3
"""The original Python tool's request pattern, replayed faithfully against the bench's fakes.

For each account, one after the other: one user lookup for that account alone, then one DataDog
request per metric (four: followers_count, friends_count, status_count, favourites_count), each
carrying one series with one point. Sequential, a new connection per request (urllib), no
compression, no batching, no concurrency: what the tool did. Only the endpoints differ from the
tool's own: v1.1 users/show is no longer available, so the lookup is /2/users/by with one name, and
the fake DataDog serves the v2 series intake, so each metric goes there as a one-series payload.

usage: original.py X_URL DD_URL DD_API_KEY BEARER_TOKEN HANDLE...   (or handles on stdin with -)
prints: accounts_ok x_requests datadog_requests seconds
"""
import json
import sys
import time
import urllib.parse
import urllib.request

METRICS = [("followers_count", "followers_count"),
           ("friends_count", "following_count"),
           ("status_count", "tweet_count"),
           ("favourites_count", "like_count")]


def main():
    x_url, dd_url, api_key, token = sys.argv[1:5]
    handles = sys.argv[5:]
    if handles == ["-"]:
        handles = sys.stdin.read().split()
    started = time.monotonic()
    ok = x_requests = dd_requests = 0
    for handle in handles:
        query = urllib.parse.urlencode({"usernames": handle, "user.fields": "public_metrics"})
        request = urllib.request.Request(x_url + "/2/users/by?" + query,
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
        x_requests += 1
        users = body.get("data") or []
        if not users:
            continue
        user = users[0]
        metrics = user["public_metrics"]
        now = int(time.time())
        for name, field in METRICS:
            value = metrics.get(field)
            if value is None:
                continue
            payload = {"series": [{"metric": "twitter." + name, "type": 3,
                                   "points": [{"timestamp": now, "value": value}],
                                   "tags": ["account:" + user["username"].lower()]}]}
            data = json.dumps(payload).encode()
            post = urllib.request.Request(dd_url + "/api/v2/series", data=data, method="POST",
                                          headers={"DD-API-KEY": api_key, "Content-Type": "application/json"})
            with urllib.request.urlopen(post, timeout=30) as response:
                response.read()
            dd_requests += 1
        ok += 1
    print(ok, x_requests, dd_requests, round(time.monotonic() - started, 3))


if __name__ == "__main__":
    main()
