#!/usr/bin/env python3
"""Benchmark of the Azure Batch emulator alone (not a test): the standalone emulator from the jar, driven over its
REST API with SharedKey-signed requests (standard library only, one keep-alive connection per thread).

Scenarios and targets (issue: "The Azure Batch emulator"):
  1. addtaskcollection of 100 tasks                                    target <= 50 ms
  2. a filtered, $select'ed list page of 1,000 from a job of 100,000   target <= 200 ms
  3. trivial tasks (/bin/true) dispatched per second by the node agent, next to a baseline that spawns the same
     processes from Python with the same concurrency: report the rate and what bounds it.

Usage: python3 bench/emulator_benchmark.py [--jar target/batch-routes.jar] [--tasks-total 100000]
       [--dispatch-tasks 2000] [--nodes 2] [--slots 8] [--quick] [--out FILE]
Prints one Markdown table.
"""
import argparse
import base64
import concurrent.futures
import email.utils
import hashlib
import hmac
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "devbatchaccount1"
KEY = "FWR/cVaZvb6GZv5pO8YLHcoR2Y8KZj8lfzV161SGeOdv+q+jdaHiCou2ad0Jjn5esg0sdgshhAUriZxaGPOGFA=="
API = "2024-07-01.20.0"
JSON_TYPE = "application/json; odata=minimalmetadata; charset=utf-8"


def log(msg):
    print(f"[emulator-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Batch:
    """A minimal Batch REST client: SharedKey signing as the SDKs do it, JSON in and out."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.key = base64.b64decode(KEY)

    def call(self, method, path, query=None, body=None):
        query = dict(query or {})
        query["api-version"] = API
        data = json.dumps(body).encode() if body is not None else None
        headers = {"ocp-date": email.utils.formatdate(usegmt=True)}
        if data is not None:
            headers["Content-Type"] = JSON_TYPE
            headers["Content-Length"] = str(len(data))
        to_sign = "\n".join([method, "", "", headers.get("Content-Length", ""), "", headers.get("Content-Type", ""),
                             "", "", "", "", "", ""])
        to_sign += "\n" + "ocp-date:" + headers["ocp-date"] + "\n"
        to_sign += "/" + ACCOUNT + path
        for k in sorted(query):
            to_sign += "\n" + k.lower() + ":" + str(query[k])
        signature = base64.b64encode(hmac.new(self.key, to_sign.encode(), hashlib.sha256).digest()).decode()
        headers["Authorization"] = f"SharedKey {ACCOUNT}:{signature}"
        url = path + "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
        self.conn.request(method, url, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status} {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def timed(self, method, path, query=None, body=None):
        start = time.perf_counter()
        result = self.call(method, path, query, body)
        return (time.perf_counter() - start) * 1000, result

    def next_page(self, link):
        parsed = urllib.parse.urlsplit(link)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        query.pop("api-version", None)
        return self.timed("GET", parsed.path, query)


def pool(pool_id, nodes, slots):
    return {"id": pool_id, "vmSize": "standard_d2s_v3", "targetDedicatedNodes": nodes, "taskSlotsPerNode": slots,
            "virtualMachineConfiguration": {"nodeAgentSKUId": "batch.node.ubuntu 22.04", "imageReference": {
                "publisher": "canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts"}}}


def collection(ids):
    return {"value": [{"id": i, "commandLine": "/bin/true"} for i in ids]}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / ticks


def start_emulator(jar, data_dir):
    env = dict(os.environ, BATCH_EMULATOR_KEY=KEY)
    out = open(data_dir / "emulator.log", "w")
    proc = subprocess.Popen(["java", "-Xmx1g", "-jar", str(jar), "emulator", "--port", "0", "--data-dir",
                             str(data_dir / "data")], stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        for line in (data_dir / "emulator.log").read_text().splitlines():
            if line.startswith("Batch emulator listening on "):
                return proc, int(line.split("127.0.0.1:")[1].split()[0])
        if proc.poll() is not None:
            raise RuntimeError("the emulator exited: " + (data_dir / "emulator.log").read_text()[-2000:])
        time.sleep(0.1)
    raise RuntimeError("the emulator did not start within 60 s")


def scenario_collection(batch, rows, calls):
    batch.call("POST", "/pools", body=pool("bench-empty", 0, 1))
    batch.call("POST", "/jobs", body={"id": "bench-add", "poolInfo": {"poolId": "bench-empty"}})
    for w in range(5):
        batch.call("POST", "/jobs/bench-add/addtaskcollection", body=collection([f"w{w}-{i}" for i in range(100)]))
    times = [batch.timed("POST", "/jobs/bench-add/addtaskcollection",
                         body=collection([f"m{c}-{i}" for i in range(100)]))[0] for c in range(calls)]
    p50, p95 = statistics.median(times), percentile(times, 95)
    rows.append(("addtaskcollection of 100 tasks", f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms "
                 f"({calls} calls)", "≤ 50 ms", "yes" if p95 <= 50 else "no"))


def scenario_list(batch, rows, total, port):
    batch.call("POST", "/jobs", body={"id": "bench-list", "poolInfo": {"poolId": "bench-empty"}})
    start = time.perf_counter()
    threads = 4

    def fill(part):
        client = Batch(port)
        for c in range(part, total // 100, threads):
            client.call("POST", "/jobs/bench-list/addtaskcollection",
                        body=collection([f"t-{c * 100 + i:06d}" for i in range(100)]))

    with concurrent.futures.ThreadPoolExecutor(threads) as pool_:
        list(pool_.map(fill, range(threads)))
    fill_s = time.perf_counter() - start
    rows.append((f"fill a job with {total:,} tasks (addtaskcollection × {total // 100}, {threads} clients)",
                 f"{fill_s:.1f} s, {total / fill_s:,.0f} tasks/s", "–", "–"))
    prefix = "t-05" if total >= 100000 else "t-00"
    query = {"$filter": f"state eq 'active' and startswith(id,'{prefix}')", "$select": "id,state", "maxresults": 1000}
    for _ in range(3):
        batch.call("GET", "/jobs/bench-list/tasks", query)
    times = []
    page = None
    for _ in range(20):
        ms, page = batch.timed("GET", "/jobs/bench-list/tasks", query)
        times.append(ms)
    assert len(page["value"]) == 1000, f"a full page: {len(page['value'])}"
    next_ms, next_page = batch.next_page(page["odata.nextLink"])
    assert len(next_page["value"]) == 1000
    p50, p95 = statistics.median(times), percentile(times, 95)
    rows.append((f"filtered list page of 1,000 from {total:,} ($filter state + startswith(id), $select)",
                 f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (20 calls after 3 warm-up); next page {next_ms:.1f} ms",
                 "≤ 200 ms",
                 "yes" if p95 <= 200 else "no"))


def scenario_dispatch(batch, rows, tasks, nodes, slots, emulator_pid):
    batch.call("POST", "/pools", body=pool("bench-run", nodes, slots))
    deadline = time.time() + 60
    while time.time() < deadline:
        listed = batch.call("GET", "/pools/bench-run/nodes")["value"]
        if len(listed) == nodes and all(n["state"] == "idle" for n in listed):
            break
        time.sleep(0.1)
    batch.call("POST", "/jobs", body={"id": "bench-run", "poolInfo": {"poolId": "bench-run"}})
    cpu_before = cpu_seconds(emulator_pid)
    start = time.perf_counter()
    for c in range(0, tasks, 100):
        batch.call("POST", "/jobs/bench-run/addtaskcollection",
                   body=collection([f"d-{i}" for i in range(c, min(tasks, c + 100))]))
    while True:
        counts = batch.call("GET", "/jobs/bench-run/taskcounts")["taskCounts"]
        if counts["completed"] >= tasks:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds(emulator_pid) - cpu_before
    assert counts["succeeded"] == tasks, counts

    concurrency = nodes * slots
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool_:
        list(pool_.map(lambda _: subprocess.run(["/bin/true"], check=True), range(tasks)))
    baseline = time.perf_counter() - start
    rows.append((f"dispatch: {tasks:,} × /bin/true on {nodes} nodes × {slots} slots",
                 f"{tasks / elapsed:,.0f} tasks/s ({elapsed:.1f} s; emulator + tasks CPU {cpu:.1f} s = "
                 f"{cpu / tasks * 1000:.1f} ms/task)", f"report (baseline: Python spawning the same, "
                 f"{concurrency} at once: {tasks / baseline:,.0f} tasks/s)", "–"))


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    mem = int(next(l.split()[1] for l in Path("/proc/meminfo").read_text().splitlines()
                   if l.startswith("MemTotal"))) // 1024 // 1024
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores, {cpu}, {mem} GiB, {java}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=str(ROOT / "target/batch-routes.jar"))
    parser.add_argument("--tasks-total", type=int, default=100000)
    parser.add_argument("--dispatch-tasks", type=int, default=2000)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.quick:
        args.tasks_total, args.dispatch_tasks, args.calls = 10000, 300, 10
    rows = []
    with tempfile.TemporaryDirectory(prefix="emulator-bench-") as tmp:
        proc, port = start_emulator(args.jar, Path(tmp))
        try:
            batch = Batch(port)
            log("addtaskcollection")
            scenario_collection(batch, rows, args.calls)
            log(f"filling a job with {args.tasks_total} tasks, then listing")
            scenario_list(batch, rows, args.tasks_total, port)
            batch.call("DELETE", "/jobs/bench-list")
            batch.call("DELETE", "/jobs/bench-add")
            log(f"dispatching {args.dispatch_tasks} tasks")
            scenario_dispatch(batch, rows, args.dispatch_tasks, args.nodes, args.slots, proc.pid)
        finally:
            proc.terminate()
            proc.wait(30)
    table = ["| scenario | figure | target | met |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(table) + f"\n\nMachine: {machine()}; run {time.strftime('%Y-%m-%d')}.\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
