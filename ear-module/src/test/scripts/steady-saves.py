#!/usr/bin/env python3
"""Steady console saves against one node or several, at rising rates: latency of each save as staff
see it (the save's transaction, its sync message included), and whether the rate was held.

  steady-saves.py --nodes http://127.0.0.1:8080 [http://127.0.0.1:8280 ...] [--rates 10,20,40,80] [--seconds 30]

Needs the test EAR with the probe web module deployed on every node (docs/operations.md,
"Measured"). Saves go round robin over the nodes, each from its own thread pool, paced by a
schedule (not by the answers), so a slow save does not lower the offered rate.
"""
import argparse
import concurrent.futures
import json
import statistics
import time
import urllib.parse
import urllib.request
import uuid


def call(url, method="POST"):
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", nargs="+", required=True)
    parser.add_argument("--rates", default="10,20,40,80")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--contacts", type=int, default=200)
    args = parser.parse_args()
    probes = [node.rstrip("/") + "/inbox-probe/probe/" for node in args.nodes]
    run = uuid.uuid4().hex[:8]
    list_id = call(probes[0] + "list?name=" + urllib.parse.quote("Steady " + run))["listId"]
    contacts = []
    for i in range(args.contacts):
        email = f"steady{i}.{run}@example.org"
        contact_id = call(probes[0] + "contact?email=" + urllib.parse.quote(email))["contactId"]
        call(probes[0] + f"list-add?listId={list_id}&contactId={contact_id}")
        contacts.append((contact_id, email))
    print(f"| nodes | offered saves/s | achieved | p50 ms | p99 ms | max ms | failed |")
    print(f"|---|---|---|---|---|---|---|")
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=64)
    sequence = 0
    for rate in [int(r) for r in args.rates.split(",")]:
        latencies, failures, futures = [], [0], []
        start = time.perf_counter()
        total = rate * args.seconds

        def save(n):
            contact_id, email = contacts[n % len(contacts)]
            probe = probes[n % len(probes)]
            url = (probe + f"contact-update?contactId={contact_id}&firstName=Steady&lastName=L{n}"
                   + f"&title=T{n}&email=" + urllib.parse.quote(email))
            began = time.perf_counter()
            try:
                call(url)
                latencies.append((time.perf_counter() - began) * 1000)
            except Exception:
                failures[0] += 1

        for n in range(total):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)  # the load's schedule
            futures.append(pool.submit(save, sequence))
            sequence += 1
        concurrent.futures.wait(futures)
        elapsed = time.perf_counter() - start
        ordered = sorted(latencies)
        p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else float("nan")
        print(f"| {len(probes)} | {rate} | {len(latencies) / elapsed:.1f} | {statistics.median(ordered):.1f} | "
              f"{p99:.1f} | {ordered[-1]:.1f} | {failures[0]} |", flush=True)


if __name__ == "__main__":
    main()
