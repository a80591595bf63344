#!/usr/bin/env python3
"""Azurite CPU per request (put, get, delete of 300 fresh 1.5 KB blobs) over N resident blobs: how its cost grows
with what it holds. Usage: /usr/bin/python3 bench/azurite_blobs_held.py 0 300 1000 2000 (needs Debian python3-azure)."""
import os, subprocess, sys, time, tempfile, socket
from pathlib import Path
from azure.storage.blob import BlobServiceClient
AZURITE = Path(__file__).resolve().parent.parent / "node_modules/azurite/dist/src/blob/main.js"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
def cpu(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split(); return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
def up(port):
    with socket.socket() as s: return s.connect_ex(("127.0.0.1", port)) == 0
def run(p, port, n):
    deadline = time.monotonic() + 30
    while not up(port):
        assert time.monotonic() < deadline; time.sleep(0.05)
    svc = BlobServiceClient.from_connection_string(f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={KEY};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;")
    c = svc.create_container("ccc")
    data = b"x" * 1500
    for i in range(n): c.upload_blob(f"resident-{i}", data)
    for i in range(30): c.upload_blob(f"w-{i}", data); c.download_blob(f"w-{i}").readall(); c.delete_blob(f"w-{i}")
    res = {}
    for op in ("put", "get", "delete"):
        t = cpu(p.pid)
        for i in range(300):
            if op == "put": c.upload_blob(f"m-{i}", data)
            elif op == "get": c.download_blob(f"m-{i}").readall()
            else: c.delete_blob(f"m-{i}")
        res[op] = (cpu(p.pid) - t) / 300 * 1000
    print(f"N={n}: " + ", ".join(f"{k} {v:.2f} ms" for k, v in res.items()), flush=True)
for n in [int(x) for x in sys.argv[1:]]:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    p = subprocess.Popen(["node", str(AZURITE), "--blobHost", "127.0.0.1", "--blobPort", str(port), "--location", tempfile.mkdtemp(),
                          "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        run(p, port, n)
    finally:
        p.terminate(); p.wait()
