# Follow across rotations, repeatedly: a follower on the service (/entries?follow), a writer on journald's native socket, three
# rotations per round; checks that every entry arrives once, in order. Usage: follow-rotation.py PORT TOKEN NAMESPACE ROUNDS
import http.client, json, socket, subprocess, sys, threading, time
port, token, ns, rounds = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
sock = "/run/systemd/journal.%s/socket" % ns
w = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
bad = 0
for r in range(rounds):
    run = "rot%d_%d" % (time.time_ns(), r)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/entries?follow&ROT=" + run, headers={"Accept": "application/json", "Authorization": "token=" + token})
    resp = c.getresponse()
    seen = []
    def reader():
        try:
            while True:
                line = resp.fp.readline()
                if not line: return
                line = line.strip()
                if line.startswith(b"{"):
                    seen.append(int(json.loads(line)["SEQ"]))
        except Exception as e:
            pass
    t = threading.Thread(target=reader, daemon=True); t.start()
    time.sleep(0.3)
    seq = 0
    for phase in range(3):
        for i in range(30):
            w.sendto(("MESSAGE=rot %d\nROT=%s\nSEQ=%d\n" % (seq, run, seq)).encode(), sock); seq += 1
        subprocess.run(["journalctl", "--namespace", ns, "--rotate"], check=True, stderr=subprocess.DEVNULL)
    for i in range(10):
        w.sendto(("MESSAGE=rot %d\nROT=%s\nSEQ=%d\n" % (seq, run, seq)).encode(), sock); seq += 1
    written = time.time()
    deadline = time.time() + 30
    while len(seen) < seq and time.time() < deadline: time.sleep(0.05)
    ok = seen == list(range(seq))
    if not ok: bad += 1
    print("round %d: %s got %d of %d%s, the last %.0f ms after it was written" % (r, "ok" if ok else "FAIL", len(seen), seq,
          "" if ok else " missing " + str(sorted(set(range(seq)) - set(seen))[:10]), (time.time() - written) * 1000), flush=True)
    c.close()
sys.exit(1 if bad else 0)
