#!/usr/bin/env python3
"""StatsD load generator: UDP datagrams of mixed metric types at a paced rate, to one or many
targets (a node listener, or one listener per container), with loss read from the kernel.

    statsd_load.py --target 127.0.0.1:61825 [--target HOST:PORT ...] --rate 20000 --duration 5
                   [--metrics 50] [--lines-per-datagram 1] [--types c,g,ms,s] [--tags]
    statsd_load.py --ramp 5000,10000,20000 --step-seconds 3 --target ...   # zero-loss search

Lines are `perf.<type>.<n>:<value>|<type>` (counters may carry `|@0.5`). Loss is measured the
same way for any server: the `drops` column of the receiving sockets in /proc/net/udp (the kernel
drops a datagram when the socket's receive buffer is full), read before and after each step, on
the target ports. The sender is stdlib Python; its achieved rate is reported, and a step whose
achieved rate stays below 97 % of the target is marked sender_bound (the figure then is a lower
bound on what the server takes). Prints one JSON object (the last line of stdout).
"""
import argparse
import json
import random
import socket
import sys
import time

TYPES = {
    "c": lambda r, n: f"perf.counter.{n}:{r.randint(1, 5)}|c" + ("|@0.5" if n % 5 == 0 else ""),
    "g": lambda r, n: f"perf.gauge.{n}:{r.randint(0, 1000)}|g",
    "ms": lambda r, n: f"perf.timer.{n}:{r.uniform(0.1, 500):.3f}|ms",
    "h": lambda r, n: f"perf.histogram.{n}:{r.randint(1, 1000)}|h",
    "s": lambda r, n: f"perf.set.{n}:user{r.randint(1, 200)}|s",
    "d": lambda r, n: f"perf.distribution.{n}:{r.uniform(0, 100):.2f}|d",
}


def udp_drops(ports):
    """Sum of the drops column of every UDP socket bound to one of `ports` (IPv4 and IPv6)."""
    total = 0
    found = set()
    for path in ("/proc/net/udp", "/proc/net/udp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    fields = line.split()
                    port = int(fields[1].rsplit(":", 1)[1], 16)
                    if port in ports:
                        total += int(fields[-1])
                        found.add(port)
        except FileNotFoundError:
            pass
    return total, found


def build_payloads(types, metrics, lines_per_datagram, tags, seed=7):
    """A pool of pre-built datagrams (building lines on the hot path would bound the rate)."""
    rnd = random.Random(seed)
    pool = []
    for i in range(4096):
        lines = []
        for j in range(lines_per_datagram):
            t = types[(i * lines_per_datagram + j) % len(types)]
            line = TYPES[t](rnd, rnd.randrange(metrics))
            if tags:
                line += f"|#env:perf,shard:{i % 8}"
            lines.append(line)
        pool.append("\n".join(lines).encode())
    return pool


def run_step(sock, targets, pool, rate, seconds):
    """Sends `rate` datagrams/s for `seconds`, spread over the targets round robin."""
    ports = {p for _, p in targets}
    drops_before, found = udp_drops(ports)
    missing = ports - found
    if missing:
        raise SystemExit(f"statsd_load: no UDP socket listens on port(s) {sorted(missing)}")
    planned = int(rate * seconds)
    sent = 0
    errors = 0
    n_targets = len(targets)
    n_pool = len(pool)
    start = time.perf_counter()
    sendto = sock.sendto
    while sent < planned:
        now = time.perf_counter()
        due = int((now - start) * rate) + 1
        if due > planned:
            due = planned
        if due <= sent:
            time.sleep(min(0.001, (sent + 1) / rate - (now - start)))
            continue
        while sent < due:
            try:
                sendto(pool[sent % n_pool], targets[sent % n_targets])
            except OSError:
                errors += 1
            sent += 1
    elapsed = time.perf_counter() - start
    time.sleep(0.5)  # let the server drain its socket before the drop counters are read
    drops_after, _ = udp_drops(ports)
    achieved = sent / elapsed
    return {
        "target_datagrams_per_s": rate,
        "sent": sent,
        "send_errors": errors,
        "seconds": round(elapsed, 3),
        "achieved_datagrams_per_s": round(achieved, 1),
        "kernel_drops": drops_after - drops_before,
        "sender_bound": achieved < 0.97 * rate,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--target", action="append", required=True, help="HOST:PORT, repeatable (e.g. one per container)")
    p.add_argument("--rate", type=float, default=10000, help="datagrams/s (single step)")
    p.add_argument("--duration", type=float, default=5)
    p.add_argument("--ramp", help="comma-separated datagrams/s steps; stops after the first lossy step")
    p.add_argument("--step-seconds", type=float, default=3)
    p.add_argument("--metrics", type=int, default=50, help="distinct metric names per type")
    p.add_argument("--lines-per-datagram", type=int, default=1)
    p.add_argument("--types", default="c,g,ms,s", help="subset of c,g,ms,h,s,d")
    p.add_argument("--tags", action="store_true", help="append DogStatsD tags")
    a = p.parse_args()
    types = a.types.split(",")
    for t in types:
        if t not in TYPES:
            raise SystemExit(f"statsd_load: unknown type {t!r}; known: {','.join(TYPES)}")
    targets = []
    for t in a.target:
        host, port = t.rsplit(":", 1)
        targets.append((host, int(port)))
    pool = build_payloads(types, a.metrics, a.lines_per_datagram, a.tags)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
    result = {"targets": len(targets), "types": types, "lines_per_datagram": a.lines_per_datagram,
              "metrics_per_type": a.metrics, "steps": []}
    if a.ramp:
        best = 0
        for rate in (float(x) for x in a.ramp.split(",")):
            step = run_step(sock, targets, pool, rate, a.step_seconds)
            result["steps"].append(step)
            print(json.dumps(step), file=sys.stderr)
            if step["kernel_drops"] > 0 or step["send_errors"] > 0:
                break
            best = max(best, step["achieved_datagrams_per_s"])
            if step["sender_bound"]:
                break
        result["max_zero_loss_datagrams_per_s"] = best
        result["limited_by_sender"] = bool(result["steps"]) and result["steps"][-1]["sender_bound"] \
            and result["steps"][-1]["kernel_drops"] == 0
    else:
        step = run_step(sock, targets, pool, a.rate, a.duration)
        result["steps"].append(step)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
