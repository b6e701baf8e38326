# Write->SSE latency with N concurrent followers of logs-service's /v2/component (text/event-stream).
# Usage: latency.py PORT TOKEN SOCKET N_FOLLOWERS N_ENTRIES
# Entries go to journald's native socket (a private namespace's), carrying their send time in LAT_SENT_NS.
import http.client, json, socket, sys, threading, time
port, token, sock_path, n, m = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
run = "lat%d" % time.time_ns()
lat = []; lock = threading.Lock(); ready = threading.Barrier(n + 1)
def follow():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", "/v2/component?filter=LAT_RUN:" + run, headers={"Accept": "text/event-stream", "Authorization": "token=" + token})
    r = c.getresponse(); ready.wait(); got = 0
    while got < m:
        line = r.fp.readline()
        if not line: break
        if line.startswith(b"data: "):
            now = time.time_ns(); e = json.loads(line[6:])
            with lock: lat.append((now - int(e["fields"]["LAT_SENT_NS"])) / 1e6)
            got += 1
    c.close()
threads = [threading.Thread(target=follow) for _ in range(n)]
for t in threads: t.start()
ready.wait(); time.sleep(1)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for i in range(m):
    s.sendto(("MESSAGE=latency probe %d\nLAT_RUN=%s\nLAT_SENT_NS=%d\n" % (i, run, time.time_ns())).encode(), sock_path)
    time.sleep(0.2)
for t in threads: t.join()
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print("followers=%d entries=%d events=%d p50=%.1fms p99=%.1fms max=%.1fms" % (n, m, len(lat), q(0.5), q(0.99), lat[-1]))
