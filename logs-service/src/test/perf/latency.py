# Write -> follower latency, side by side, in one run on one journald namespace, for several kinds of follower:
#   svc      logs-service /v2/component?filter=LAT_RUN:<run>, Accept: text/event-stream
#   gatewayd systemd-journal-gatewayd /entries?follow&LAT_RUN=<run>, Accept: text/event-stream
#   journalctl `journalctl --namespace NS -f -n 0 -o json LAT_RUN=<run>` (sd_journal_wait)
# Warm-up entries are sent until every follower has received one, then one writer sends an entry to journald's native socket every INTERVAL ms (optionally with random jitter), each
# carrying its send time in LAT_SENT_NS; every follower's bytes are read by ONE single-threaded epoll loop, which
# notes the receive time (time.time_ns()) of each entry as soon as its bytes arrive. Latency = receipt - send.
#
# Usage: latency.py --socket S --entries M [--interval-ms 200] [--jitter-ms 0]
#                   [--svc PORT:TOKEN:N] [--gatewayd PORT:N] [--journalctl NAMESPACE:N]
import argparse, random, re, selectors, socket, subprocess, sys, time

p = argparse.ArgumentParser()
p.add_argument("--socket", required=True)
p.add_argument("--entries", type=int, default=50)
p.add_argument("--interval-ms", type=float, default=200)
p.add_argument("--jitter-ms", type=float, default=0)
p.add_argument("--svc")
p.add_argument("--gatewayd")
p.add_argument("--journalctl")
a = p.parse_args()

run = "lat%d" % time.time_ns()
SENT = re.compile(rb'"LAT_SENT_NS"\s*:\s*"(\d+)"')
PROBE = re.compile(rb'latency probe (\d+)')
sel = selectors.DefaultSelector()
followers = []


class Follower:
    def __init__(self, kind, chunked):
        self.kind, self.chunked, self.raw, self.body, self.head_done, self.lat = kind, chunked, b"", b"", not chunked, []
        self.want = 0  # chunked decoding: bytes left in the current chunk (+2 for its CRLF)
        self.by_probe = {}
        self.warm = False  # has seen a warm-up entry: it follows, so the measured entries cannot start before it

    def feed(self, data, now):
        if not self.chunked:
            self.body += data
        else:
            self.raw += data
            if not self.head_done:
                end = self.raw.find(b"\r\n\r\n")
                if end < 0:
                    return
                head, self.raw, self.head_done = self.raw[:end], self.raw[end + 4:], True
                if not head.startswith(b"HTTP/1.1 200"):
                    sys.exit("%s answered: %s" % (self.kind, head.split(b"\r\n")[0].decode()))
            while True:
                if self.want == 0:
                    nl = self.raw.find(b"\r\n")
                    if nl < 0:
                        break
                    size = int(self.raw[:nl].split(b";")[0], 16)
                    self.raw, self.want = self.raw[nl + 2:], size + 2
                take = min(self.want, len(self.raw))
                self.body += self.raw[:take]
                self.raw, self.want = self.raw[take:], self.want - take
                if self.want > 0:
                    break
                self.body = self.body[:-2] if self.body.endswith(b"\r\n") else self.body
        while True:
            nl = self.body.find(b"\n")
            if nl < 0:
                break
            line, self.body = self.body[:nl], self.body[nl + 1:]
            if b"latency warmup" in line:
                self.warm = True
                continue
            m = SENT.search(line)
            if m:
                self.lat.append((now - int(m.group(1))) / 1e6)
                self.by_probe[int(PROBE.search(line).group(1))] = self.lat[-1]


def http_follower(kind, port, path, headers):
    s = socket.create_connection(("127.0.0.1", port))
    req = "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % (path, "".join("%s: %s\r\n" % h for h in headers))
    s.sendall(req.encode())
    s.setblocking(False)
    f = Follower(kind, True)
    sel.register(s, selectors.EVENT_READ, f)
    followers.append(f)


procs = []
if a.svc:
    port, token, n = a.svc.split(":")
    for _ in range(int(n)):
        http_follower("svc", int(port), "/v2/component?filter=LAT_RUN:" + run,
                      [("Accept", "text/event-stream"), ("Authorization", "token=" + token)])
if a.gatewayd:
    port, n = a.gatewayd.split(":")
    for _ in range(int(n)):
        http_follower("gatewayd", int(port), "/entries?follow&LAT_RUN=" + run, [("Accept", "text/event-stream")])
if a.journalctl:
    ns, n = a.journalctl.split(":")
    for _ in range(int(n)):
        pr = subprocess.Popen(["journalctl", "--namespace", ns, "-f", "-n", "0", "-o", "json", "LAT_RUN=" + run],
                              stdout=subprocess.PIPE, bufsize=0)
        procs.append(pr)
        f = Follower("journalctl", False)
        sel.register(pr.stdout, selectors.EVENT_READ, f)
        followers.append(f)


def pump(until):
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return
        for key, _ in sel.select(left):
            now = time.time_ns()
            try:
                data = key.fileobj.recv(65536) if isinstance(key.fileobj, socket.socket) else key.fileobj.read(65536)
            except BlockingIOError:
                continue
            if not data:
                sel.unregister(key.fileobj)
                continue
            key.data.feed(data, now)


# Warm-up entries (not measured) until every follower has received one: all are following the live end then.
w = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
deadline = time.monotonic() + 120
while not all(f.warm for f in followers):
    if time.monotonic() > deadline:
        sys.exit("%d followers never received a warm-up entry" % sum(not f.warm for f in followers))
    w.sendto(("MESSAGE=latency warmup\nLAT_RUN=%s\n" % run).encode(), a.socket)
    pump(time.monotonic() + 0.5)
pump(time.monotonic() + 1)
for i in range(a.entries):
    w.sendto(("MESSAGE=latency probe %d\nLAT_RUN=%s\nLAT_SENT_NS=%d\n" % (i, run, time.time_ns())).encode(), a.socket)
    pump(time.monotonic() + (a.interval_ms + random.uniform(-a.jitter_ms, a.jitter_ms)) / 1000)
pump(time.monotonic() + 2)  # the last entry's signal
for pr in procs:
    pr.terminate()
    pr.wait()

rc = 0
for kind in ("svc", "gatewayd", "journalctl"):
    fs = [f for f in followers if f.kind == kind]
    if not fs:
        continue
    lat = sorted(x for f in fs for x in f.lat)
    expected = len(fs) * a.entries
    if len(lat) != expected:
        rc = 1
    if not lat:
        print("%-10s followers=%d events=0 of %d" % (kind, len(fs), expected))
        continue
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    print("%-10s followers=%d entries=%d events=%d/%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms"
          % (kind, len(fs), a.entries, len(lat), expected, q(0.5), q(0.9), q(0.99), lat[-1]))
    # Per entry: the first follower's latency (when the change became visible to this kind of reader) and the
    # spread to the last one (the fan-out to all followers of this kind, this client's reading included).
    firsts, spreads = [], []
    for i in range(a.entries):
        got = [f.by_probe[i] for f in fs if i in f.by_probe]
        if got:
            firsts.append(min(got)); spreads.append(max(got) - min(got))
    firsts.sort(); spreads.sort()
    m = lambda xs, p: xs[min(len(xs) - 1, int(p * len(xs)))]
    print("%-10s   first follower p50=%.1fms p99=%.1fms max=%.1fms; spread first->last p50=%.1fms p99=%.1fms max=%.1fms"
          % ("", m(firsts, 0.5), m(firsts, 0.99), firsts[-1], m(spreads, 0.5), m(spreads, 0.99), spreads[-1]))
sys.exit(rc)
