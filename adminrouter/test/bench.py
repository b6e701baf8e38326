"""Latency added by Adminrouter's authentication, measured on this machine:

    python3 adminrouter/test/bench.py [REQUESTS]        (default 5000 per mode)

BENCH_TOKEN_CACHE_DIR=/dev/shm/… puts the token cache on tmpfs (render.sh --token-cache-dir).

The "service" is a tiny nginx answering 200 from memory, so that what is measured is the
proxy and authentication, not a service. One client, one keep-alive connection, sequential
requests, per-request wall time (Python's own overhead is in every mode alike). Modes:

  direct              client -> service
  proxy, no auth      client -> Adminrouter (route without auth_request) -> service
  auth, cached token  the same token every time, verified-token cache on (cache hits)
  auth, no cache      the same token every time, --token-cache-ttl 0 (RS256 verified per request)
  auth, cache miss    a new token on every request, cache on (miss: loopback hop + verification)
"""
import http.client
import os
import statistics
import subprocess
import sys
import time

import harness

PATH = "/system/v1/metrics/v0/node"


def service():
    """An nginx that answers every request with a small JSON body."""
    directory = os.path.join(harness.work_dir(), "service")
    os.makedirs(os.path.join(directory, "logs"))
    port = harness.free_port()
    with open(os.path.join(directory, "nginx.conf"), "w") as f:
        f.write("""worker_processes 1; pid %(d)s/nginx.pid; error_log %(d)s/logs/error.log;
events {}
http { access_log off; client_body_temp_path %(d)s/body; proxy_temp_path %(d)s/proxy;
  fastcgi_temp_path %(d)s/f; uwsgi_temp_path %(d)s/u; scgi_temp_path %(d)s/s;
  server { listen 127.0.0.1:%(p)d; keepalive_requests 1000000;
    location / { default_type application/json; return 200 '{"uid":"bench"}'; } } }
""" % {"d": directory, "p": port})
    process = subprocess.Popen([harness.NGINX, "-p", directory, "-c", os.path.join(directory, "nginx.conf"),
                                "-g", "daemon off;"])
    time.sleep(0.3)
    return process, "127.0.0.1:%d" % port


def adminrouter(name, key, upstream, ttl):
    extra = ["--token-cache-dir", os.environ["BENCH_TOKEN_CACHE_DIR"]] if os.environ.get("BENCH_TOKEN_CACHE_DIR") else []
    nginx = harness.Nginx(name, "master", ["--public-key", key.public_pem, "--metrics", upstream,
                                           "--token-cache-ttl", str(ttl), "--audit-file", "/dev/null"] + extra)
    # A route without auth_request, only for this comparison, next to the real ones.
    routes = nginx.file("common", "service-routes.conf")
    with open(routes, "a") as f:
        f.write("\nlocation /bench-open/ {\n    include %s;\n    proxy_pass http://day2ops_metrics/;\n}\n"
                % nginx.file("common", "proxy.conf"))
    subprocess.run([harness.NGINX, "-p", nginx.dir, "-c", nginx.file("nginx.conf"), "-s", "reload"], check=True,
                   capture_output=True)
    time.sleep(0.5)
    return nginx


def measure(address, path, headers_for, requests):
    host, port = address.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    for i in range(200):  # warm-up: connections, caches
        connection.request("GET", path, headers=headers_for(i))
        connection.getresponse().read()
    samples = []
    for i in range(requests):
        headers = headers_for(i)
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        samples.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise RuntimeError("%s%s answered %d" % (address, path, response.status))
    connection.close()
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def main(argv):
    requests = int(argv[0]) if argv else 5000
    key = harness.KeyPair("bench")
    groups = ["dcos:adminrouter:ops:system-metrics"]
    same = {"Authorization": "token=" + harness.rs256(key, harness.claims(groups=groups, ttl=3600))}
    misses = min(requests, 2000)
    print("minting %d distinct tokens for the cache-miss mode…" % (misses + 200), file=sys.stderr)
    fresh = [{"Authorization": "token=" + harness.rs256(key, harness.claims(groups=groups, ttl=3600))}
             for _ in range(misses + 200)]
    stopped = []
    try:
        process, upstream = service()
        stopped.append(process)
        cached = adminrouter("bench-cached", key, upstream, 60)
        stopped.append(cached)
        direct = adminrouter("bench-direct", key, upstream, 0)
        stopped.append(direct)
        ar_cached = "127.0.0.1:%d" % cached.port
        ar_direct = "127.0.0.1:%d" % direct.port
        results = [
            ("direct to the service", measure(upstream, "/v0/node", lambda i: {}, requests)),
            ("Adminrouter, no auth", measure(ar_cached, "/bench-open/v0/node", lambda i: {}, requests)),
            ("Adminrouter, auth, cached token", measure(ar_cached, PATH, lambda i: same, requests)),
            ("Adminrouter, auth, no cache (verify each time)", measure(ar_direct, PATH, lambda i: same, requests)),
            ("Adminrouter, auth, cache miss (new token each time)",
             measure(ar_cached, PATH, lambda i: fresh[i % len(fresh)], misses)),
        ]
    finally:
        for item in reversed(stopped):
            if isinstance(item, subprocess.Popen):
                item.terminate()
                item.wait()
            else:
                item.stop()
        harness.cleanup_work_dir()
    base_p50 = results[1][1][0]
    direct_p50 = results[0][1][0]
    print("%-52s %9s %9s %14s %14s" % ("mode (%d requests, %d for misses)" % (requests, misses), "p50 ms", "p99 ms",
                                       "p50 vs direct", "p50 vs no auth"))
    for name, (p50, p99) in results:
        print("%-52s %9.3f %9.3f %+14.3f %+14.3f" % (name, p50, p99, p50 - direct_p50, p50 - base_p50))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
