#!/usr/bin/python3
"""Helpers of perf/run.sh: spare ports, /proc sampling, k6 summary extraction, the results JSON,
the plot and the regression gate. Debian's python3 (for python3-matplotlib); stdlib otherwise.

  perfkit.py ports N                      N free loopback TCP+UDP ports, one per line
  perfkit.py port-base                    a base B with the suite's ports (see port_base) free
  perfkit.py sample OUT.csv NAME=PID...   every 0.5 s: time, name, rss_kib, cpu_s (until killed)
  perfkit.py cpu PID                      utime+stime of PID in seconds
  perfkit.py k6 SUMMARY.json              the figures of a k6 --summary-export, flattened (JSON)
  perfkit.py json-get FILE a.b.0.c         one value of a JSON file (empty if absent)
  perfkit.py phase OUT.json NAME K=V...   add figures to a phase file (dotted keys, V=@file loads JSON)
  perfkit.py report SCENARIO WORKDIR OUT.json OUT.png   merge phases + samples + machine → results
  perfkit.py table RESULTS.json                         the README's results table (Markdown)
  perfkit.py gate RESULTS.json BASELINE.json            check budgets; prints '<name>: N passed, M failed'
"""
import json
import os
import platform
import re
import socket
import subprocess
import sys
import time

CLK = os.sysconf("SC_CLK_TCK")


def _free(port):
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        finally:
            s.close()
    return True


def ports(n):
    out = []
    while len(out) < n:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        p = s.getsockname()[1]
        s.close()
        if p not in out and _free(p):
            out.append(p)
    return out


def port_base():
    """B: Adminrouter; B+101..104 services; B+105 StatsD node listener; B+106 node Prometheus
    exposition; B+300..B+339 per-container StatsD listeners."""
    wanted = (0, 101, 102, 103, 104, 105, 106) + tuple(range(300, 340))
    for base in range(21000, 60000, 211):
        if all(_free(base + d) for d in wanted):
            return base
    raise SystemExit("perfkit: no free port base found")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def sample(out, specs):
    """NAME=PID or NAME=PID+PID+… (summed, e.g. nginx workers); a PID that is gone is skipped."""
    procs = [(name, pids.split("+")) for name, pids in (s.split("=", 1) for s in specs)]
    with open(out, "a", buffering=1) as f:
        while True:
            now = time.time()
            for name, pids in procs:
                rss = cpu = 0
                alive = False
                for pid in pids:
                    try:
                        rss += rss_kib(pid)
                        cpu += cpu_seconds(pid)
                        alive = True
                    except (FileNotFoundError, ProcessLookupError):
                        pass
                if alive:
                    f.write(f"{now:.3f},{name},{rss},{cpu:.2f}\n")
            time.sleep(0.5)


def k6_figures(path):
    """Flattens a k6 --summary-export: every metric's stats, plus threshold results."""
    with open(path) as f:
        data = json.load(f)
    out = {"metrics": {}, "thresholds_failed": []}
    for name, m in data.get("metrics", {}).items():
        stats = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in m.items() if k != "thresholds"}
        out["metrics"][name] = stats
        for expr, failed in (m.get("thresholds") or {}).items():
            if failed:
                out["thresholds_failed"].append(f"{name}: {expr}")
    checks = data.get("root_group", {}).get("checks", {})
    out["checks"] = {c["name"]: {"passes": c["passes"], "fails": c["fails"]} for c in checks.values()}
    return out


def _cmd(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip() or \
               subprocess.run(args, capture_output=True, text=True, timeout=10).stderr.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None


def _dpkg(pkg):
    v = _cmd(["dpkg-query", "-W", "-f=${Version}", pkg])
    return v or None


def machine():
    model = None
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = None
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    os_release = {}
    try:
        with open("/etc/os-release") as f:
            for line in f:
                k, _, v = line.strip().partition("=")
                os_release[k] = v.strip('"')
    except FileNotFoundError:
        pass
    return {
        "cpu_model": model, "cpus": os.cpu_count(), "mem_total_mib": mem,
        "kernel": platform.release(), "os": os_release.get("PRETTY_NAME"),
        "net_core_rmem_max": _sysctl("net/core/rmem_max"),
        "net_core_rmem_default": _sysctl("net/core/rmem_default"),
    }


def _sysctl(name):
    try:
        with open(f"/proc/sys/{name}") as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def versions(root, k6):
    java = _cmd(["java", "-version"])
    return {
        "day2ops_commit": _cmd(["git", "-C", root, "rev-parse", "--short", "HEAD"]),
        "day2ops_worktree_dirty": bool(_cmd(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"])),
        "java": java.splitlines()[0] if java else None,
        "k6": (_cmd([k6, "version"]) or "").splitlines()[0] if k6 else None,
        "k6_build_seconds": _build_seconds(k6),
        "nginx": _dpkg("nginx"),
        "systemd": _dpkg("systemd"),
        "systemd-journal-remote (gatewayd)": _dpkg("systemd-journal-remote"),
        "prometheus-node-exporter": _dpkg("prometheus-node-exporter"),
        "collectd-core": _dpkg("collectd-core"),
        "python3-matplotlib": _dpkg("python3-matplotlib"),
    }


def _build_seconds(k6):
    """How long perf/tools/install-k6.sh took to build this k6 (kept beside the binary)."""
    try:
        with open(os.path.join(os.path.dirname(k6), "build-seconds")) as f:
            return float(f.read().strip())
    except (OSError, TypeError, ValueError):
        return None


def _loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def read_samples(path):
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                t, name, rss, cpu = line.strip().split(",")
                rows.append((float(t), name, int(rss), float(cpu)))
    return rows


def summarize_samples(rows):
    by = {}
    for t, name, rss, cpu in rows:
        by.setdefault(name, []).append((t, rss, cpu))
    out = {}
    for name, pts in by.items():
        pts.sort()
        span = pts[-1][0] - pts[0][0]
        out[name] = {
            "samples": len(pts),
            "rss_mib_max": round(max(p[1] for p in pts) / 1024, 1),
            "rss_mib_last": round(pts[-1][1] / 1024, 1),
            "cpu_seconds": round(pts[-1][2] - pts[0][2], 2),
            "cpu_percent_avg": round(100 * (pts[-1][2] - pts[0][2]) / span, 1) if span > 0 else None,
        }
    return out


def ratio(a, b):
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or b == 0:
        return None
    return round(a / b, 3)


def compute_ratios(phases):
    """Ratios day2ops / peer from the phases' figures; each says which way is better."""
    r = {}
    m = phases.get("metrics-scrape")
    if m and "day2ops" in m and "node_exporter" in m:
        d, n = m["day2ops"], m["node_exporter"]
        r["metrics_cpu_per_scrape_vs_node_exporter"] = {"value": ratio(d["cpu_ms_per_scrape"], n["cpu_ms_per_scrape"]), "better": "lower"}
        r["metrics_p50_latency_vs_node_exporter"] = {"value": ratio(d["p50_ms"], n["p50_ms"]), "better": "lower"}
    lr = phases.get("logs-range")
    if lr and "day2ops_direct" in lr and "gatewayd" in lr:
        r["logs_range_entries_per_s_vs_gatewayd"] = {"value": ratio(lr["day2ops_direct"]["entries_per_s"], lr["gatewayd"]["entries_per_s"]), "better": "higher"}
        if "day2ops_adminrouter" in lr:
            r["logs_range_entries_per_s_via_adminrouter_vs_gatewayd"] = {"value": ratio(lr["day2ops_adminrouter"]["entries_per_s"], lr["gatewayd"]["entries_per_s"]), "better": "higher"}
    lf = phases.get("logs-follow")
    if lf and "day2ops_adminrouter" in lf and "gatewayd" in lf:
        for q in ("p50", "p99"):
            r[f"logs_follow_{q}_latency_vs_gatewayd"] = {"value": ratio(lf["day2ops_adminrouter"].get(f"{q}_ms"), lf["gatewayd"].get(f"{q}_ms")), "better": "lower"}
        # The latency measured is the last entry's, one sample per peer, and journald signals appends from a
        # 250 ms timer: whichever peer's last write fell just before a tick wins by up to 250 ms, so a ratio of
        # the two swings widely from run to run. Their difference is bounded by that tick; gates use it.
        d99, g99 = lf["day2ops_adminrouter"].get("p99_ms"), lf["gatewayd"].get("p99_ms")
        if d99 is not None and g99 is not None:
            r["logs_follow_p99_latency_minus_gatewayd_ms"] = {"value": round(d99 - g99, 1), "better": "lower"}
    st = phases.get("statsd-ramp")
    if st and "day2ops" in st and "collectd" in st:
        d, c = st["day2ops"], st["collectd"]
        notes = []
        if d.get("limited_by_sender"):
            notes.append("day2ops never lost a datagram; the sender was the limit, so the ratio is a lower bound")
        if d["steps"] and d["steps"][-1]["kernel_drops"] == 0 and not d.get("limited_by_sender"):
            notes.append("day2ops passed every step of the ramp, so the ratio is a lower bound")
        peer = c["max_zero_loss_datagrams_per_s"]
        if not peer and c["steps"]:
            # The peer lost datagrams even at the lowest step: compare with that step's rate (a lower bound).
            peer = c["steps"][0]["target_datagrams_per_s"]
            notes.append(f"collectd lost datagrams already at the lowest step ({peer:g}/s); divided by that rate")
        r["statsd_zero_loss_datagrams_per_s_vs_collectd"] = {
            "value": ratio(d["max_zero_loss_datagrams_per_s"], peer),
            "better": "higher",
            "note": "; ".join(notes) or None,
        }
    return r


def report(scenario, work, out_json, out_png, root, k6):
    phases = {}
    order = []
    pdir = os.path.join(work, "phases")
    for name in sorted(os.listdir(pdir)) if os.path.isdir(pdir) else []:
        with open(os.path.join(pdir, name)) as f:
            ph = json.load(f)
        key = ph.pop("phase")
        phases[key] = ph
        order.append(key)
    meta = {}
    mpath = os.path.join(work, "meta.json")
    if os.path.exists(mpath):
        with open(mpath) as f:
            meta = json.load(f)
    rows = read_samples(os.path.join(work, "samples.csv"))
    result = {
        "scenario": scenario,
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "load_average": {"start": meta.get("loadavg_start"), "end": _loadavg()},
        "versions": versions(root, k6),
        "run": meta,
        "phases": phases,
        "ratios": compute_ratios(phases),
        "processes": summarize_samples(rows),
    }
    os.makedirs(os.path.dirname(out_json), exist_ok=True)
    with open(out_json, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False)
        f.write("\n")
    if out_png and rows:
        plot(result, rows, out_png, order, phases)
    return result


def plot(result, rows, out_png, order, phases):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    t0 = min(r[0] for r in rows)
    by = {}
    for t, name, rss, cpu in rows:
        by.setdefault(name, []).append((t - t0, rss / 1024, cpu))
    fig, (ax_cpu, ax_rss) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True)
    for name, pts in sorted(by.items()):
        pts.sort()
        xs = [p[0] for p in pts]
        cpu_pct = [0.0] + [100 * (pts[i][2] - pts[i - 1][2]) / max(pts[i][0] - pts[i - 1][0], 1e-3) for i in range(1, len(pts))]
        ax_cpu.plot(xs, cpu_pct, label=name, linewidth=1)
        ax_rss.plot(xs, [p[1] for p in pts], label=name, linewidth=1)
    colors = ["#f0f0ff", "#fff0f0", "#f0fff0", "#fffff0", "#f0ffff", "#fff0ff"]
    for i, key in enumerate(order):
        ph = phases[key]
        if "started" in ph and "ended" in ph:
            for ax in (ax_cpu, ax_rss):
                ax.axvspan(ph["started"] - t0, ph["ended"] - t0, color=colors[i % len(colors)], zorder=0)
            ax_cpu.text(ph["started"] - t0, 1.01 + 0.06 * (i % 2), key, transform=ax_cpu.get_xaxis_transform(),
                        fontsize=7, va="bottom")
    ax_cpu.set_ylabel("CPU % (100 = one core)")
    ax_rss.set_ylabel("RSS MiB")
    ax_rss.set_xlabel("seconds since start")
    ax_rss.legend(fontsize=7, ncol=4, loc="upper left")
    m = result["machine"]
    la = result["load_average"]
    fig.subplots_adjust(top=0.85)
    fig.suptitle(f"perf {result['scenario']} — {m['cpus']} CPUs {m['cpu_model']}, load avg {la['start']} → {la['end']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(out_png, dpi=90)


def _lookup(doc, dotted):
    value = doc
    try:
        for part in dotted.split("."):
            value = value[int(part)] if isinstance(value, list) else value[part]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    return value


def gate(results_path, baseline_path):
    with open(results_path) as f:
        res = json.load(f)
    with open(baseline_path) as f:
        base = json.load(f)
    passed = failed = 0
    for check in base["checks"]:
        value = _lookup(res, check["path"])
        if "equals_path" in check:
            check = dict(check, equals=_lookup(res, check["equals_path"]))
            if check["equals"] is None:
                value = None
        ok = value is not None and not isinstance(value, (dict, list))
        desc = []
        if ok and "min" in check:
            ok = value >= check["min"]
            desc.append(f">= {check['min']}")
        if ok and "max" in check:
            ok = value <= check["max"]
            desc.append(f"<= {check['max']}")
        if ok and "equals" in check:
            ok = value == check["equals"]
            desc.append(f"== {check['equals']}")
        if not desc:
            desc = [f"{k} {check[k]}" for k in ("min", "max", "equals") if k in check]
        status = "ok  " if ok else "FAIL"
        shown = "missing" if value is None else value
        print(f"  {status} {check['name']}: {shown} (budget {' and '.join(desc)}; {check['path']})")
        if ok:
            passed += 1
        else:
            failed += 1
    return passed, failed


def json_get(path, dotted):
    with open(path) as f:
        value = json.load(f)
    for part in dotted.split("."):
        if isinstance(value, list):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def _parse_value(v):
    if v == "":
        return None
    if v.startswith("@"):
        with open(v[1:]) as f:
            text = f.read().strip()
        # Last line that is a JSON object (the load generators print one at the end).
        for line in reversed(text.splitlines()):
            if line.startswith("{"):
                return json.loads(line)
        return json.loads(text)
    if v in ("true", "false"):
        return v == "true"
    if v == "null":
        return None
    try:
        return int(v)
    except ValueError:
        pass
    try:
        return float(v)
    except ValueError:
        return v


def phase(out, name, assignments):
    """Merges KEY=VALUE (dotted keys nest; @FILE loads JSON) into the phase file OUT."""
    data = {"phase": name}
    if os.path.exists(out):
        with open(out) as f:
            data = json.load(f)
    for a in assignments:
        key, _, raw = a.partition("=")
        node = data
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = _parse_value(raw)
    with open(out, "w") as f:
        json.dump(data, f, indent=1)


def table(path):
    """The README's results table (Markdown) from a results JSON."""
    r = json.load(open(path))
    ph, ra = r["phases"], r["ratios"]
    fmt = lambda v, d=1: "—" if v is None else (f"{v:,.{d}f}" if isinstance(v, (int, float)) else str(v))
    rv = lambda k: fmt((ra.get(k) or {}).get("value"), 2) + "×" if (ra.get(k) or {}).get("value") is not None else "—"
    rows = ["| what | day2ops | peer | ratio (day2ops / peer) |", "|---|---|---|---|"]
    m = ph.get("metrics-scrape")
    if m:
        d, n, a = m["day2ops"], m["node_exporter"], m.get("day2ops_adminrouter", {})
        rows.append(f"| `/metrics` CPU per scrape ({d['scrapes']} sequential scrapes) | {fmt(d['cpu_ms_per_scrape'], 2)} ms ({d['series']} series) | node-exporter {fmt(n['cpu_ms_per_scrape'], 2)} ms ({n['series']} series) | {rv('metrics_cpu_per_scrape_vs_node_exporter')} (lower is better) |")
        rows.append(f"| `/metrics` latency p50 / p95 | {fmt(d['p50_ms'], 2)} / {fmt(d['p95_ms'], 2)} ms | node-exporter {fmt(n['p50_ms'], 2)} / {fmt(n['p95_ms'], 2)} ms | {rv('metrics_p50_latency_vs_node_exporter')} (p50, lower is better) |")
        if a:
            rows.append(f"| `/metrics` through Adminrouter (token) p50 / p95 | {fmt(a['p50_ms'], 2)} / {fmt(a['p95_ms'], 2)} ms, {fmt(a['cpu_ms_per_scrape'], 2)} ms CPU/scrape | | |")
    k = ph.get("metrics-k6")
    if k:
        rows.append(f"| k6 through Adminrouter, {k['vus']} VUs: `/v0/node` p50 / p95 | {fmt(k['node']['p50_ms'], 1)} / {fmt(k['node']['p95_ms'], 1)} ms | | |")
        rows.append(f"| k6 through Adminrouter, {k['vus']} VUs: `/metrics` p50 / p95 | {fmt(k['prometheus']['p50_ms'], 1)} / {fmt(k['prometheus']['p95_ms'], 1)} ms ({fmt(k['requests_per_s'], 0)} req/s both) | | |")
    lr = ph.get("logs-range")
    if lr:
        d, g, a = lr["day2ops_direct"], lr["gatewayd"], lr["day2ops_adminrouter"]
        rows.append(f"| logs range read `/entries` JSON, {lr['entries_per_request']} entries/request, {lr['vus']} clients | {fmt(d['entries_per_s'], 0)} entries/s direct, {fmt(a['entries_per_s'], 0)} via Adminrouter | gatewayd {fmt(g['entries_per_s'], 0)} entries/s | {rv('logs_range_entries_per_s_vs_gatewayd')} direct, {rv('logs_range_entries_per_s_via_adminrouter_vs_gatewayd')} via Adminrouter |")
        rows.append(f"| logs range read server CPU per 1000 entries | {fmt(d['server_cpu_ms_per_1000_entries'], 1)} ms | gatewayd {fmt(g['server_cpu_ms_per_1000_entries'], 1)} ms | |")
    lf = ph.get("logs-follow")
    if lf:
        d, g = lf["day2ops_adminrouter"], lf["gatewayd"]
        rows.append(f"| follow (SSE), {lf['clients']} clients, {lf['entries']} entries at {lf['rate']}/s: write → client p50 / p99 | {fmt(d['p50_ms'], 0)} / {fmt(d['p99_ms'], 0)} ms via Adminrouter ({d['entries_received']}/{d['entries_expected']} delivered) | gatewayd {fmt(g['p50_ms'], 0)} / {fmt(g['p99_ms'], 0)} ms ({g['entries_received']}/{g['entries_expected']}) | {rv('logs_follow_p50_latency_vs_gatewayd')} p50, {rv('logs_follow_p99_latency_vs_gatewayd')} p99 (lower is better) |")
    st = ph.get("statsd-ramp")
    if st:
        d, c = st["day2ops"], st["collectd"]
        last = lambda x: x["steps"][-1]
        rows.append(f"| StatsD sustained datagrams/s with zero loss (ramp, {len(d['steps'])} steps) | {fmt(d['max_zero_loss_datagrams_per_s'], 0)} (last step {fmt(last(d)['target_datagrams_per_s'], 0)}/s: {last(d)['kernel_drops']} drops) | collectd {fmt(c['max_zero_loss_datagrams_per_s'], 0)} (last step {fmt(last(c)['target_datagrams_per_s'], 0)}/s: {last(c)['kernel_drops']} drops) | {rv('statsd_zero_loss_datagrams_per_s_vs_collectd')} {('— ' + ra['statsd_zero_loss_datagrams_per_s_vs_collectd']['note']) if ra.get('statsd_zero_loss_datagrams_per_s_vs_collectd', {}).get('note') else ''} |")
        sc = st.get("day2ops_server_counted", {})
        rows.append(f"| StatsD datagrams counted by day2ops / sent | {sc.get('packets_received')} / {sc.get('sent')} | | |")
    sc = ph.get("statsd-containers")
    if sc and "load" in sc:
        s0 = sc["load"]["steps"][0]
        rows.append(f"| StatsD over {sc['containers_registered']} container listeners | {fmt(s0['achieved_datagrams_per_s'], 0)} datagrams/s, {s0['kernel_drops']} drops | | |")
    j = ph.get("journald")
    if j:
        for key in sorted((k for k in j if k.startswith("rate_")), key=lambda k: int(k[5:])):
            x = j[key]
            rows.append(f"| journald generator at {fmt(x['target_lines_per_s'], 0)} lines/s × {fmt(x['duration_s'], 0)} s ({x['sizes']} bytes:weight, {x['tasks']} tasks) | sent {x['sent']} at {fmt(x['achieved_send_lines_per_s'], 0)}/s, journald accepted {x['accepted']} ({fmt(100 * x['accepted_fraction'], 1)} %) | | |")
    procs = r.get("processes", {})
    if procs:
        rows.append("")
        rows.append("| process | RSS max | CPU over the run |")
        rows.append("|---|---|---|")
        for name, p in procs.items():
            rows.append(f"| {name} | {p['rss_mib_max']} MiB | {p['cpu_seconds']} s ({p['cpu_percent_avg']} % avg of one core while sampled) |")
    mc, la, v = r["machine"], r["load_average"], r["versions"]
    rows.append("")
    rows.append(f"Machine: {mc['cpus']} × {mc['cpu_model']}, {mc['mem_total_mib']} MiB, {mc['os']}, kernel {mc['kernel']}, "
                f"net.core.rmem_max {mc.get('net_core_rmem_max')}; load average {la['start']} at start, {la['end']} at end. "
                f"Versions: {v['java']}, {v['k6']}, nginx {v['nginx']}, systemd/gatewayd {v['systemd']}, node-exporter "
                f"{v['prometheus-node-exporter']}, collectd {v['collectd-core']}; day2ops {v['day2ops_commit']}"
                f"{' + uncommitted work tree' if v['day2ops_worktree_dirty'] else ''}; generated {r['generated_at']}.")
    return "\n".join(rows)


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd = argv[1]
    if cmd == "ports":
        print("\n".join(str(p) for p in ports(int(argv[2]))))
    elif cmd == "port-base":
        print(port_base())
    elif cmd == "sample":
        sample(argv[2], argv[3:])
    elif cmd == "cpu":
        print(f"{cpu_seconds(argv[2]):.3f}")
    elif cmd == "rss":
        print(rss_kib(argv[2]))
    elif cmd == "json-get":
        v = json_get(argv[2], argv[3])
        print("" if v is None else (json.dumps(v) if isinstance(v, (dict, list, bool)) else v))
    elif cmd == "table":
        print(table(argv[2]))
    elif cmd == "phase":
        phase(argv[2], argv[3], argv[4:])
    elif cmd == "loadavg":
        print(json.dumps(_loadavg()))
    elif cmd == "k6":
        print(json.dumps(k6_figures(argv[2])))
    elif cmd == "report":
        report(argv[2], argv[3], argv[4], argv[5] if len(argv) > 5 else None,
               os.environ.get("DAY2OPS_ROOT", "."), os.environ.get("K6"))
    elif cmd == "gate":
        p, f = gate(argv[2], argv[3])
        label = argv[4] if len(argv) > 4 else "perf"
        print(f"{label}: {p} passed, {f} failed")
        sys.exit(1 if f else 0)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
