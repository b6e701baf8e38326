#!/usr/bin/env python3
"""Journal export format for systemd-journal-remote: N entries of one unit, inside the last hour (each message
ends in 48 random hex digits, so the bundle zip does not compress to nothing).

usage: gen-unit-export.py N UNIT NODE_NAME > out.export
"""
import os
import sys
import time

n, unit, node = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = sys.stdout.buffer
boot = "27e41b670e1c4656baccdeb9eef8c276"
t0 = int((time.time() - 3600) * 1_000_000)
step = max(1, 3_000_000_000 // max(n, 1))  # spread over ~50 minutes, all inside a 24 h window
buf = []
for i in range(n):
    buf.append(
        f"__REALTIME_TIMESTAMP={t0 + i * step}\n__MONOTONIC_TIMESTAMP={1000000 + i * step}\n_BOOT_ID={boot}\n"
        f"_SYSTEMD_UNIT={unit}\nSYSLOG_IDENTIFIER=perf\n_PID={1000 + i % 50}\nPRIORITY=6\n_HOSTNAME={node}\n"
        f"MESSAGE={node} entry {i} lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
        f"tempor incididunt ut labore password=p{i} et dolore magna aliqua {os.urandom(24).hex()}\n\n")
    if len(buf) == 10000:
        out.write("".join(buf).encode())
        buf = []
out.write("".join(buf).encode())
