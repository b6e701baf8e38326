import sys, os
# Generates N entries of 13 fields in the journal export format (for systemd-journal-remote).
n = int(sys.argv[1])
out = sys.stdout.buffer
boot = "27e41b670e1c4656baccdeb9eef8c276"
t0 = 1795260000000000
buf = []
for i in range(n):
    rt = t0 + i * 1000
    e = (f"__REALTIME_TIMESTAMP={rt}\n__MONOTONIC_TIMESTAMP={1000000 + i * 1000}\n_BOOT_ID={boot}\n"
         f"MESSAGE=perf entry {i} lorem ipsum dolor sit amet consectetur\nPRIORITY=6\nSYSLOG_IDENTIFIER=perf\n"
         f"FRAMEWORK_ID=fw-{i % 3}\nEXECUTOR_ID=ex-{i % 7}\nCONTAINER_ID=c-{i % 11}\nSTREAM={'STDOUT' if i % 2 == 0 else 'STDERR'}\n"
         f"_HOSTNAME=perf-host\n_PID={1000 + i % 50}\n\n")
    buf.append(e)
    if len(buf) == 10000:
        out.write("".join(buf).encode()); buf = []
out.write("".join(buf).encode())
