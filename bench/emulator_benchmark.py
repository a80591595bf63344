#!/usr/bin/env python3
"""Benchmark of the Azure Batch emulator on its own (a benchmark, not a test).

It starts the standalone emulator from the jar (`java -jar <jar> emulator --port 0`, the key in BATCH_EMULATOR_KEY,
no data directory: state in memory, as `emulator --port 0` runs by default) and drives its REST API with requests
signed with SharedKey exactly as the Azure Java SDK signs them (Python standard library only, one keep-alive
connection per client thread). Scenarios and targets:

  1. addtaskcollection of 100 tasks into a job, 5 warm-up calls then --calls timed ones   target p95 <= 50 ms
  2. a job of --tasks-total tasks on a pool without nodes (so they stay active), filled with addtaskcollection
     calls of 100 from 4 clients (fill time and rate reported); then GET /jobs/{id}/tasks with
     $filter=state eq 'active' and startswith(id,'<prefix>'), maxresults=1000, $select=id,state: the first page
     (3 warm-up, 20 timed) and the page behind its odata.nextLink                            target p95 <= 200 ms
  3. dispatch: a pool of --nodes nodes x --slots slots, a job, --dispatch-tasks tasks `/bin/true` added in
     collections of 100; from the first add until GET /jobs/{id}/taskcounts (polled every 100 ms) shows all
     completed: tasks/s, the emulator JVM's own CPU time (utime+stime of /proc/<pid>/stat) and that of its reaped
     children (the task processes, cutime+cstime); next to a baseline spawning the same number of `/bin/true`
     from Python (subprocess, nodes x slots at once).

Usage: python3 bench/emulator_benchmark.py [--jar target/batch-routes.jar] [--tasks-total 100000]
           [--dispatch-tasks 2000] [--nodes 2] [--slots 8] [--calls 50] [--quick] [--jvm-arg ARG ...] [--out FILE]
--quick is a smoke run: 10,000 tasks in the list job, 300 dispatch tasks.
Prints one Markdown table (scenario, figure, target, met?) and a line describing the machine; progress on stderr.
"""
import argparse
import base64
import collections
import concurrent.futures
import email.utils
import hashlib
import hmac
import http.client
import json
import math
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "devbatchaccount1"
# A fresh key for this run's emulator, handed over in its environment (never the published development key).
KEY = base64.b64encode(os.urandom(64)).decode()
API_VERSION = "2024-07-01.20.0"
# The Java SDK's Content-Type: with odata=minimalmetadata on requests with a body, the plain one on all others.
BODY_TYPE = "application/json; odata=minimalmetadata; charset=utf-8"
PLAIN_TYPE = "application/json; charset=utf-8"
LISTENING = re.compile(r"Batch emulator listening on http://127\.0\.0\.1:(\d+) account=(\S+)")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message):
    print(f"[emulator-bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- the client

class BatchClient:
    """A minimal Batch REST client over one keep-alive HTTP/1.1 connection, SharedKey-signed as the Java SDK does
    (BatchSharedKeyCredentialsInterceptor): VERB, the eleven standard headers (only Content-Length and Content-Type
    are ever set), the ocp-* headers lower-cased and sorted, /<account lower-cased>/<raw path>, then the decoded
    query parameters with lower-cased keys in sorted order."""

    def __init__(self, port, account=ACCOUNT, key=KEY):
        self.port = port
        self.account = account
        self.key = base64.b64decode(key)
        self.conn = None
        self.reconnects = -1  # the first connect is not a reconnect

    def _connection(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
            self.reconnects += 1
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def sign(self, method, raw_path, params, content_length, content_type, ocp):
        standard = ["", "", content_length, "", content_type, "", "", "", "", "", ""]
        to_sign = method + "\n" + "".join(v + "\n" for v in standard)
        to_sign += "".join(f"{k}:{v}\n" for k, v in sorted((k.lower(), v) for k, v in ocp.items()))
        to_sign += "/" + self.account.lower() + "/" + raw_path.lstrip("/")
        to_sign += "".join(f"\n{k}:{v}" for k, v in sorted((k.lower(), v) for k, v in params))
        digest = hmac.new(self.key, to_sign.encode("utf-8"), hashlib.sha256).digest()
        return f"SharedKey {self.account}:{base64.b64encode(digest).decode()}"

    def request(self, method, path, query=None, body=None, expect=(200, 201, 202), raw_query=None):
        """One call; answers (milliseconds, status, parsed JSON or None). `query` is a dict of decoded values;
        `raw_query` (a nextLink's) is sent verbatim and signed decoded, as the SDKs do with nextLink."""
        if raw_query is None:
            params = list((query or {}).items()) + [("api-version", API_VERSION)]
            raw_query = urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="$,()")
        else:
            params = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
        if isinstance(body, (dict, list)):
            body = json.dumps(body, separators=(",", ":")).encode()
        headers = {"ocp-date": email.utils.formatdate(usegmt=True), "Accept": "application/json"}
        if body is not None or method in ("POST", "DELETE", "PUT", "PATCH"):
            # Retrofit gives POST/DELETE without @Body an empty body: the SDK then signs and sends Content-Length 0.
            body = body or b""
            headers["Content-Length"] = str(len(body))
            headers["Content-Type"] = BODY_TYPE if body else PLAIN_TYPE
        else:
            headers["Content-Type"] = PLAIN_TYPE
        headers["Authorization"] = self.sign(method, path, params, headers.get("Content-Length", ""),
                                             headers["Content-Type"], {"ocp-date": headers["ocp-date"]})
        url = path + "?" + raw_query
        for attempt in (1, 2):
            conn = self._connection()
            try:
                start = time.perf_counter()
                conn.request(method, url, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                elapsed = (time.perf_counter() - start) * 1000
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection before this request reached it: open a new one.
                self.close()
                if attempt == 2:
                    raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        if response.status not in expect:
            raise RuntimeError(f"{method} {path}: HTTP {response.status} {payload[:400]!r}")
        return elapsed, response.status, (json.loads(payload) if payload else None)

    def call(self, method, path, query=None, body=None, expect=(200, 201, 202)):
        return self.request(method, path, query, body, expect)[2]

    def get_next(self, next_link):
        """GETs an odata.nextLink verbatim, as both SDKs do."""
        parts = urllib.parse.urlsplit(next_link)
        return self.request("GET", parts.path, raw_query=parts.query)


def task_collection(ids, command="/bin/true"):
    return json.dumps({"value": [{"id": i, "commandLine": command} for i in ids]}, separators=(",", ":")).encode()


def check_added(result, expected):
    failed = [r for r in result["value"] if r.get("status") != "success"]
    if failed or len(result["value"]) != expected:
        raise RuntimeError(f"addtaskcollection: {len(failed)} of {len(result['value'])} not added, e.g. {failed[:1]}")


def pool_body(pool_id, nodes, slots):
    return {"id": pool_id, "vmSize": "standard_d2s_v3", "targetDedicatedNodes": nodes, "taskSlotsPerNode": slots,
            "virtualMachineConfiguration": {"nodeAgentSKUId": "batch.node.ubuntu 22.04", "imageReference": {
                "publisher": "canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts",
                "version": "latest"}}}


# ---------------------------------------------------------------------------------------------- measuring

def percentile(values, p):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def proc_cpu(pid):
    """(own CPU seconds, reaped children's CPU seconds) of a process: utime+stime, cutime+cstime."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK, (int(fields[13]) + int(fields[14])) / CLK_TCK


def proc_rss_mib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1))
    return rss / 1024, hwm / 1024


def machine_busy():
    """(busy jiffies, total jiffies) of the whole machine, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def ms(value):
    return f"{value:,.1f} ms"


# ---------------------------------------------------------------------------------------------- the emulator

class Emulator:
    """The standalone emulator as a process of its own; its stdout goes to a log file once it is listening."""

    def __init__(self, jar, jvm_args, log_path):
        # A clean environment for it: no BATCH_EMULATOR_* from the caller (faults or latency would skew the
        # figures), and the key in the environment, never on the command line.
        env = {k: v for k, v in os.environ.items() if not k.startswith("BATCH_EMULATOR_")}
        env["BATCH_EMULATOR_KEY"] = KEY
        env["BATCH_EMULATOR_ACCOUNT"] = ACCOUNT
        self.command = ["java", *jvm_args, "-jar", str(jar), "emulator", "--port", "0"]
        self.process = subprocess.Popen(self.command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, text=True, bufsize=1)
        self.pid = self.process.pid
        self.tail = collections.deque(maxlen=40)
        self.log_path = log_path
        self.listening = threading.Event()
        self.port = None
        self.account = None
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        deadline = time.monotonic() + 120
        while not self.listening.wait(0.1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the emulator did not start:\n" + "".join(self.tail))

    def _read(self):
        with open(self.log_path, "w") as out:
            for line in self.process.stdout:
                out.write(line)
                self.tail.append(line)
                if not self.listening.is_set():
                    match = LISTENING.search(line)
                    if match:
                        self.port, self.account = int(match.group(1)), match.group(2)
                        self.listening.set()

    def stats(self):
        """Authenticated API requests served so far (GET /_emulator/stats, SharedKey-signed like the API), or None."""
        client = BatchClient(self.port)
        try:
            return client.call("GET", "/_emulator/stats")["requests"]
        except (OSError, ValueError, KeyError, RuntimeError):
            return None
        finally:
            client.close()

    def stop(self):
        """SIGTERM, then wait (SIGKILL only if it does not stop within 30 s); answers the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                log("the emulator did not stop within 30 s of SIGTERM: killing it")
                self.process.kill()
                self.process.wait()
        self.reader.join(5)
        return self.process.returncode


# ---------------------------------------------------------------------------------------------- scenarios

def scenario_collection(batch, rows, calls, warmup=5):
    batch.call("POST", "/pools", body=pool_body("bench-empty", 0, 1), expect=(201,))
    batch.call("POST", "/jobs", body={"id": "bench-add", "poolInfo": {"poolId": "bench-empty"}}, expect=(201,))
    for w in range(warmup):
        check_added(batch.call("POST", "/jobs/bench-add/addtaskcollection",
                               body=task_collection([f"w{w}-{i:03d}" for i in range(100)])), 100)
    times = []
    for c in range(calls):
        body = task_collection([f"m{c:03d}-{i:03d}" for i in range(100)])
        elapsed, _, result = batch.request("POST", "/jobs/bench-add/addtaskcollection", body=body, expect=(200,))
        check_added(result, 100)
        times.append(elapsed)
    p95 = percentile(times, 95)
    rows.append(("addtaskcollection of 100 tasks (job on a pool without nodes)",
                 f"p50 {ms(statistics.median(times))}, p95 {ms(p95)}, max {ms(max(times))} "
                 f"({calls} calls after {warmup} warm-up)", "p95 ≤ 50 ms", "yes" if p95 <= 50 else "**no**"))
    return times


def filter_prefix(total):
    """Task ids are t-000000 …; the prefix picks a block of 10,000 ids in the middle of the job where the job is
    big enough (t-05 of 100,000: 10 % of the tasks, behind 50,000 that do not match), else all of them."""
    width = 6
    start = (total // 2) // 10000 * 10000
    if start + 10000 > total:
        start = 0
    prefix = f"t-{start:0{width}d}"[:2 + width - 4]
    matches = sum(1 for n in range(total) if f"t-{n:0{width}d}".startswith(prefix))
    return prefix, matches


def scenario_list(batch, rows, total, port, emulator, clients=4, warmup=3, calls=20):
    batch.call("POST", "/jobs", body={"id": "bench-list", "poolInfo": {"poolId": "bench-empty"}}, expect=(201,))
    collections_ = total // 100
    bodies_ready = threading.Barrier(clients + 1)

    def fill(part):
        client = BatchClient(port)
        mine = [task_collection([f"t-{c * 100 + i:06d}" for i in range(100)]) for c in range(part, collections_, clients)]
        bodies_ready.wait()
        try:
            for body in mine:
                check_added(client.call("POST", "/jobs/bench-list/addtaskcollection", body=body, expect=(200,)), 100)
        finally:
            client.close()

    cpu_before = proc_cpu(emulator.pid)[0]
    with concurrent.futures.ThreadPoolExecutor(clients) as executor:
        futures = [executor.submit(fill, part) for part in range(clients)]
        bodies_ready.wait()
        start = time.perf_counter()
        for f in futures:
            f.result()
    fill_s = time.perf_counter() - start
    fill_cpu = proc_cpu(emulator.pid)[0] - cpu_before
    rss, hwm = proc_rss_mib(emulator.pid)
    counts = batch.call("GET", "/jobs/bench-list/taskcounts")["taskCounts"]
    if counts["active"] != total:
        raise RuntimeError(f"the list job should hold {total} active tasks: {counts}")
    rows.append((f"fill a job with {total:,} tasks (addtaskcollection × {collections_:,}, {clients} clients)",
                 f"{fill_s:,.1f} s, {total / fill_s:,.0f} tasks/s (emulator CPU {fill_cpu:.1f} s; RSS {rss:,.0f} MiB, "
                 f"peak {hwm:,.0f} MiB)", "–", "–"))

    prefix, matches = filter_prefix(total)
    query = {"$filter": f"state eq 'active' and startswith(id,'{prefix}')", "maxresults": "1000",
             "$select": "id,state"}
    for _ in range(warmup):
        batch.request("GET", "/jobs/bench-list/tasks", query)
    times, page = [], None
    for _ in range(calls):
        elapsed, _, page = batch.request("GET", "/jobs/bench-list/tasks", query, expect=(200,))
        times.append(elapsed)
    first = page["value"]
    if len(first) != min(1000, matches) or any(set(t) - {"id", "state"} or t["state"] != "active"
                                               or not t["id"].startswith(prefix) for t in first):
        raise RuntimeError(f"unexpected first page: {len(first)} tasks, e.g. {first[:1]}")
    next_link = page.get("odata.nextLink")
    next_text = "no next page"
    if next_link:
        next_times = []
        for _ in range(3):
            elapsed, _, second = batch.get_next(next_link)
            next_times.append(elapsed)
        if len(second["value"]) != min(1000, matches - 1000) or second["value"][0]["id"] == first[0]["id"]:
            raise RuntimeError(f"unexpected next page: {len(second['value'])} tasks")
        next_text = f"nextLink page {ms(next_times[0])} (then {', '.join(ms(t) for t in next_times[1:])})"
    elif matches > 1000:
        raise RuntimeError("a first page of a larger result without odata.nextLink")
    p95 = percentile(times, 95)
    worst = max([p95] + (next_times if next_link else []))
    rows.append((f"filtered list: first page of 1,000 from {total:,} tasks; $filter=state eq 'active' and "
                 f"startswith(id,'{prefix}') ({matches:,} match), $select=id,state, maxresults=1000",
                 f"p50 {ms(statistics.median(times))}, p95 {ms(p95)}, max {ms(max(times))} ({calls} calls after "
                 f"{warmup} warm-up); {next_text}", "≤ 200 ms", "yes" if worst <= 200 else "**no**"))


def wait_nodes_idle(batch, pool_id, nodes, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        listed = batch.call("GET", f"/pools/{pool_id}/nodes")["value"]
        if len(listed) == nodes and all(n["state"] == "idle" for n in listed):
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"pool {pool_id}: nodes not idle after {timeout}s: {[n['state'] for n in listed]}")
        time.sleep(0.1)


def scenario_dispatch(batch, rows, tasks, nodes, slots, emulator):
    batch.call("POST", "/pools", body=pool_body("bench-run", nodes, slots), expect=(201,))
    wait_nodes_idle(batch, "bench-run", nodes)
    batch.call("POST", "/jobs", body={"id": "bench-run", "poolInfo": {"poolId": "bench-run"}}, expect=(201,))
    bodies = [task_collection([f"d-{i:06d}" for i in range(c, min(tasks, c + 100))]) for c in range(0, tasks, 100)]
    requests_before = emulator.stats()
    own_before, children_before = proc_cpu(emulator.pid)
    busy_before = machine_busy()
    start = time.perf_counter()
    for body in bodies:
        check_added(batch.call("POST", "/jobs/bench-run/addtaskcollection", body=body, expect=(200,)),
                    body.count(b'"commandLine"'))
    added = time.perf_counter() - start
    polls = 0
    while True:
        counts = batch.call("GET", "/jobs/bench-run/taskcounts")["taskCounts"]
        polls += 1
        if counts["completed"] >= tasks:
            break
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    own_after, children_after = proc_cpu(emulator.pid)
    busy_after = machine_busy()
    requests = emulator.stats()
    if counts["succeeded"] != tasks:
        raise RuntimeError(f"dispatch: not every task succeeded: {counts}")
    own, children = own_after - own_before, children_after - children_before
    machine = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]) * 100
    share = (own + children) / (elapsed * (os.cpu_count() or 1)) * 100
    calls = f", {requests - requests_before} API calls" if requests is not None and requests_before is not None else ""
    rows.append((f"dispatch: {tasks:,} × `/bin/true` on {nodes} nodes × {slots} slots, first add → taskcounts all "
                 f"completed",
                 f"{tasks / elapsed:,.0f} tasks/s ({elapsed:.2f} s, adds done at {added:.2f} s, {polls} polls"
                 f"{calls}); emulator JVM CPU {own:.2f} s = {own / tasks * 1000:.2f} ms/task, task processes "
                 f"{children:.2f} s = {children / tasks * 1000:.2f} ms/task (together {share:.0f} % of the machine's CPUs); "
                 f"machine {machine:.0f} % busy", "report", "–"))

    concurrency = nodes * slots
    py_before = os.times()
    busy_before = machine_busy()
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as executor:
        list(executor.map(lambda _: subprocess.run(["/bin/true"], check=True), range(tasks)))
    baseline = time.perf_counter() - start
    py_after = os.times()
    busy_after = machine_busy()
    py_own = (py_after.user - py_before.user) + (py_after.system - py_before.system)
    py_children = (py_after.children_user - py_before.children_user) + \
        (py_after.children_system - py_before.children_system)
    machine = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]) * 100
    rows.append((f"baseline: Python subprocess.run(`/bin/true`) × {tasks:,}, {concurrency} at once",
                 f"{tasks / baseline:,.0f} tasks/s ({baseline:.2f} s); Python CPU {py_own:.2f} s = "
                 f"{py_own / tasks * 1000:.2f} ms/task, task processes {py_children:.2f} s; machine {machine:.0f} % busy",
                 "report", "–"))


def cleanup(batch):
    for path in ("/jobs/bench-run", "/jobs/bench-list", "/jobs/bench-add", "/pools/bench-run", "/pools/bench-empty"):
        try:
            batch.call("DELETE", path, expect=(202, 404))
        except Exception as e:  # noqa: BLE001 - cleanup goes on; the emulator is stopped anyway
            log(f"cleanup: DELETE {path}: {e}")


# ---------------------------------------------------------------------------------------------- main

def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine_line(jar, load_at_start):
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next((l.split(":", 1)[1].strip() for l in cpuinfo.splitlines() if l.startswith("model name")), "?")
    mem_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or str(os.cpu_count())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip().splitlines()
    jar_time = time.strftime("%Y-%m-%d %H:%M", time.localtime(Path(jar).stat().st_mtime))
    return (f"Machine: nproc {nproc}, {model}, {mem_kib / 1024 / 1024:.1f} GiB RAM, {' / '.join(java)}; "
            f"load average {load_at_start} at the start, {load_average()} at the end; jar {jar} built {jar_time}; run {time.strftime('%Y-%m-%d %H:%M %Z')}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=str(ROOT / "target/batch-routes.jar"))
    parser.add_argument("--tasks-total", type=int, default=100000, help="tasks in the list job (multiple of 100)")
    parser.add_argument("--dispatch-tasks", type=int, default=2000)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--slots", type=int, default=8)
    parser.add_argument("--calls", type=int, default=50, help="timed addtaskcollection calls")
    parser.add_argument("--fill-clients", type=int, default=4, help="client threads filling the list job")
    parser.add_argument("--jvm-arg", action="append", default=[],
                        help="a JVM option for the emulator, e.g. -XX:StartFlightRecording=filename=/tmp/e.jfr")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 10,000 tasks, 300 dispatch tasks")
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args()
    if args.quick:
        args.tasks_total, args.dispatch_tasks = 10000, 300
    if args.tasks_total % 100 or args.tasks_total < 100:
        parser.error("--tasks-total must be a positive multiple of 100")
    jar = Path(args.jar)
    if not jar.is_file():
        parser.error(f"{jar} not found: build it with `mvn -o -q -DskipNpm=true -DskipTests package`")

    rows = []
    load_at_start = load_average()
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"emulator-bench-{os.getpid()}.log"
    emulator = Emulator(jar, args.jvm_arg, log_path)
    log(f"emulator pid {emulator.pid} on port {emulator.port} account={emulator.account} (log {log_path})")
    batch = BatchClient(emulator.port)
    exit_code = None
    try:
        log(f"1. addtaskcollection × {args.calls}")
        scenario_collection(batch, rows, args.calls)
        log(f"2. filling a job with {args.tasks_total:,} tasks, then listing")
        scenario_list(batch, rows, args.tasks_total, emulator.port, emulator, clients=args.fill_clients)
        # The big jobs go before the dispatch run, so it measures dispatching and not 100,000 idle tasks.
        batch.call("DELETE", "/jobs/bench-list", expect=(202,))
        batch.call("DELETE", "/jobs/bench-add", expect=(202,))
        log(f"3. dispatching {args.dispatch_tasks:,} tasks on {args.nodes} × {args.slots} slots, then the baseline")
        scenario_dispatch(batch, rows, args.dispatch_tasks, args.nodes, args.slots, emulator)
    finally:
        cleanup(batch)
        if batch.reconnects:
            log(f"the main client reconnected {batch.reconnects} time(s)")
        batch.close()
        exit_code = emulator.stop()
        log(f"emulator stopped (exit code {exit_code})")
    table = ["| scenario | figure | target | met? |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(table) + "\n\n" + machine_line(jar, load_at_start) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    try:
        log_path.unlink()
    except OSError:
        pass


if __name__ == "__main__":
    main()
