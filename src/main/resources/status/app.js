// The status page: polls the shared snapshot (/status/api) at the server's pace and follows one task's output
// (/status/api/output) by asking only for the bytes after those it has. Every value from the server is put into
// the page as text (textContent), never as markup: file names are whatever users dropped.
(function () {
  "use strict";

  const token = new URLSearchParams(location.search).get("token");
  const followAtStart = new URLSearchParams(location.search).get("follow"); // a link to a task's live output
  const CATEGORIES = [
    ["idle", "idle"], ["running", "running"], ["starting", "starting"], ["starttaskfailed", "start task failed"],
    ["preempted", "preempted"], ["unusable", "unusable"], ["leaving", "leaving"]
  ];
  const FOLLOW_MILLIS = 1000;
  const KEEP_CHARS = 200000;

  let pace = 2000;
  let snapshot = null;
  let selectedNode = null;
  const follow = { task: null, name: null, stream: "stdout.txt", from: 0, timer: null, ended: false };

  function url(path, params) {
    const query = new URLSearchParams(params || {});
    if (token) query.set("token", token);
    const text = query.toString();
    return path + (text ? "?" + text : "");
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function $(id) { return document.getElementById(id); }
  function set(id, text) { $(id).textContent = text; }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "–";
    if (seconds < 10) return seconds.toFixed(1) + " s";
    if (seconds < 90) return Math.round(seconds) + " s";
    if (seconds < 5400) return Math.round(seconds / 60) + " min";
    return (seconds / 3600).toFixed(1) + " h";
  }

  function since(iso) {
    if (!iso) return "–";
    return duration(Math.max(0, (Date.now() - Date.parse(iso)) / 1000)) + " ago";
  }

  // ---- the snapshot ----------------------------------------------------------------------------------------
  async function poll() {
    try {
      const response = await fetch(url("/status/api"), { cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status + ": " + (await response.text()));
      snapshot = await response.json();
      pace = Math.max(500, snapshot.refreshMillis || 2000);
      render(snapshot);
      $("live").className = "live ok";
    } catch (e) {
      $("live").className = "live stale";
      set("updated", "not reachable: " + e.message);
    }
    setTimeout(poll, pace);
  }

  function render(s) {
    set("pool-id", s.pool ? s.pool.id : "–");
    set("job-id", s.job ? s.job.id : "–");
    set("updated", "updated " + since(s.takenAt) + " · every " + (s.refreshMillis / 1000) + " s");
    const banner = $("error");
    banner.hidden = !s.error;
    banner.textContent = s.error ? "Batch could not be read: " + s.error + " (showing the last picture)" : "";
    renderPool(s.pool, s.nodes || []);
    renderJob(s.job);
    renderFiles(s.files || []);
    const c = s.cost || {};
    set("cost", "This page: one shared snapshot every " + (s.refreshMillis / 1000) + " s while someone looks · "
      + (c.refreshes || 0) + " refreshes, " + (c.batchRequests || 0) + " Batch requests so far (in batchroutes_batch_calls_total) · "
      + (c.followReads || 0) + " output reads · JSON at /status/api");
  }

  function renderPool(pool, nodes) {
    if (!pool || !pool.exists) {
      set("pool-state", "not there (scaled away or not created yet)");
      ["pool-dedicated", "pool-spot", "pool-slots", "pool-vm"].forEach(id => set(id, "–"));
      set("pool-dedicated-target", ""); set("pool-spot-target", "");
    } else {
      set("pool-state", (pool.allocationState || pool.state || "") + (pool.autoScale ? " · autoscale" : "")
        + (pool.resizeErrors && pool.resizeErrors.length ? " · resize error" : ""));
      set("pool-dedicated", pool.currentDedicated);
      set("pool-dedicated-target", "/ " + pool.targetDedicated + " target");
      set("pool-spot", pool.currentSpot);
      set("pool-spot-target", "/ " + pool.targetSpot + " target");
      set("pool-slots", pool.slotsPerNode);
      set("pool-vm", pool.vmSize || "–");
    }
    const map = $("heatmap");
    map.replaceChildren(...nodes.map(cell));
    $("heatmap-empty").hidden = nodes.length > 0;
    if (selectedNode) {
      const node = nodes.find(n => n.id === selectedNode);
      if (node) showNode(node); else { selectedNode = null; }
    }
    if (!selectedNode) {
      const detail = $("node-detail");
      detail.className = "detail hint";
      detail.textContent = nodes.length ? "Click a node for its state, slots and its start task's result." : "";
      detail.hidden = nodes.length === 0;
    }
  }

  function cell(node) {
    const running = node.category === "running";
    const used = node.slots > 0 ? Math.min(1, node.runningSlots / node.slots) : 0;
    const label = running ? node.runningSlots + "/" + node.slots : shortState(node.category);
    const c = el("div", {
      class: "node-cell" + (node.dedicated ? "" : " spot") + (node.id === selectedNode ? " selected" : ""),
      "data-node": node.id, "data-state": node.state, "data-category": node.category,
      title: node.id + " · " + node.state + (running ? " · " + node.runningSlots + " of " + node.slots + " slots" : "")
        + (node.dedicated ? " · dedicated" : " · spot"),
      onclick: () => { selectedNode = node.id; showNode(node); renderPool(snapshot.pool, snapshot.nodes); }
    }, label);
    if (running) c.style.filter = "saturate(" + (0.45 + 0.55 * used) + ") brightness(" + (1.25 - 0.3 * used) + ")";
    return c;
  }

  function shortState(category) {
    return { idle: "", starting: "…", starttaskfailed: "!", preempted: "P", unusable: "✕", leaving: "↓" }[category] || "";
  }

  function showNode(node) {
    const rows = [
      ["node", node.id], ["state", node.state + " (since " + since(node.since) + ")"],
      ["kind", node.dedicated ? "dedicated" : "spot"],
      ["slots", node.runningSlots + " of " + node.slots + " in use, " + node.runningTasks + " task(s)"],
      ["tasks run", node.tasksRun + " (" + node.tasksSucceeded + " succeeded)"], ["address", node.ip || "–"]
    ];
    const st = node.startTask;
    if (st) {
      rows.push(["start task", (st.state || "–") + (st.result ? ", " + st.result : "")
        + (st.exitCode !== null && st.exitCode !== undefined ? ", exit code " + st.exitCode : "")
        + (st.retries ? ", " + st.retries + " retries" : "")]);
      if (st.failure) rows.push(["start task failure", st.failure, "failure"]);
    } else {
      rows.push(["start task", "none reported"]);
    }
    (node.errors || []).forEach(e => rows.push(["error", e, "failure"]));
    const dl = el("dl");
    rows.forEach(([k, v, cls]) => { dl.append(el("dt", { text: k }), el("dd", { text: v, class: cls })); });
    const detail = $("node-detail");
    detail.className = "detail";
    detail.replaceChildren(dl);
    detail.hidden = false;
  }

  function renderJob(job) {
    if (!job) return;
    const total = job.total || 0;
    const done = job.completed || 0;
    set("job-done", done);
    set("job-total", total);
    set("job-percent", total ? Math.floor(100 * done / total) + " %" : "–");
    set("job-failed", job.failed || 0);
    set("job-running", job.running || 0);
    set("job-waiting", job.waiting || 0);
    set("job-rate", (job.filesPerSecond || 0).toFixed(job.filesPerSecond >= 10 ? 0 : 1));
    set("job-eta", !job.exists ? "no job yet" : job.waiting + job.running === 0 ? "idle · all done"
      : "ETA " + (job.etaSeconds === null || job.etaSeconds === undefined ? "unknown" : duration(job.etaSeconds)));
    const pct = n => total ? (100 * n / total) + "%" : "0";
    $("bar-ok").style.width = pct(job.succeeded || 0);
    $("bar-bad").style.width = pct(job.failed || 0);
    $("bar-run").style.width = pct(job.running || 0);
    renderChart(job.succeededPerBucket || [], job.failedPerBucket || []);
  }

  function renderChart(ok, bad) {
    const svg = $("chart");
    const ns = "http://www.w3.org/2000/svg";
    const n = Math.max(ok.length, 1);
    const max = Math.max(1, ...ok.map((v, i) => v + (bad[i] || 0)));
    const w = 600 / n;
    const parts = [];
    for (let y = 1; y <= 3; y++) {
      const line = document.createElementNS(ns, "line");
      line.setAttribute("x1", 0); line.setAttribute("x2", 600);
      line.setAttribute("y1", 120 - y * 30); line.setAttribute("y2", 120 - y * 30);
      line.setAttribute("stroke", "#eef1f5");
      parts.push(line);
    }
    ok.forEach((v, i) => {
      const b = bad[i] || 0;
      const hOk = 110 * v / max, hBad = 110 * b / max;
      const x = i * w + 1;
      if (v > 0) parts.push(rect(ns, x, 120 - hOk, w - 2, hOk, "#2e9e57", v + " succeeded"));
      if (b > 0) parts.push(rect(ns, x, 120 - hOk - hBad, w - 2, hBad, "#e0453a", b + " failed"));
    });
    svg.replaceChildren(...parts);
    set("chart-max", "max " + max + " per 10 s");
  }

  function rect(ns, x, y, w, h, fill, title) {
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", x); r.setAttribute("y", y); r.setAttribute("width", Math.max(1, w));
    r.setAttribute("height", h); r.setAttribute("fill", fill); r.setAttribute("rx", 1.5);
    const t = document.createElementNS(ns, "title");
    t.textContent = title;
    r.append(t);
    return r;
  }

  function renderFiles(files) {
    const body = $("files-body");
    body.replaceChildren(...files.map(fileRow));
    $("files-empty").hidden = files.length > 0;
    const counts = {};
    files.forEach(f => { counts[f.state] = (counts[f.state] || 0) + 1; });
    set("files-count", files.length ? Object.entries(counts).map(([k, v]) => v + " " + k).join(" · ") : "");
  }

  function fileRow(f) {
    const outcome = el("td", { class: "outcome" });
    (f.results || []).forEach(r => outcome.append(el("a", { class: "result", href: url(r.href), target: "_blank", text: r.name })));
    if (f.state === "failed" && f.reason) outcome.append(el("pre", { class: "reason", text: shortReason(f.reason) }));
    const canFollow = f.state === "running" || f.state === "collecting" || f.taskId === follow.task;
    const button = canFollow && !f.taskId.startsWith("no-task:") ? el("button", {
      class: "follow" + (f.taskId === follow.task ? " on" : ""), "data-task": f.taskId,
      text: f.taskId === follow.task ? "following" : "follow", onclick: () => startFollow(f.taskId, f.name)
    }) : null;
    return el("tr", { class: "file-row", "data-name": f.name, "data-state": f.state, "data-task": f.taskId },
      el("td", { class: "name", text: f.name, title: f.taskId }),
      el("td", { text: f.workType || "–" }),
      el("td", {}, el("span", { class: "pill " + f.state + " state", text: f.state })),
      el("td", { text: duration(f.seconds) }),
      el("td", { class: "muted node", text: f.node || "–", title: f.node }),
      outcome,
      el("td", {}, button));
  }

  // The reason file without what the row already says (its first line and the task id).
  function shortReason(reason) {
    return reason.split("\n").filter(line => line !== "The task failed." && !line.startsWith("task: ")).join("\n").trim();
  }

  // ---- a task's output, followed ------------------------------------------------------------------------------
  function startFollow(task, name) {
    follow.task = task; follow.name = name; follow.from = 0; follow.ended = false;
    $("output-text").textContent = "";
    set("output-task", name === task ? task : name + " · " + task);
    if (snapshot) renderFiles(snapshot.files || []);
    readOutput();
  }

  async function readOutput() {
    clearTimeout(follow.timer);
    const task = follow.task, stream = follow.stream;
    if (!task) return;
    try {
      const response = await fetch(url("/status/api/output", { task, stream, from: follow.from }), { cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const out = await response.json();
      if (task !== follow.task || stream !== follow.stream) return; // switched meanwhile
      const pre = $("output-text");
      const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      if (out.truncated && follow.from > 0) pre.append("\n[… earlier output no longer kept …]\n");
      if (out.text) pre.append(out.text);
      if (pre.textContent.length > KEEP_CHARS) pre.textContent = pre.textContent.slice(-KEEP_CHARS);
      if (atBottom) pre.scrollTop = pre.scrollHeight;
      follow.from = out.end;
      follow.ended = out.ended;
      set("output-state", (out.ended ? "task ended: the last bytes are kept" : "following " + stream + " as it grows")
        + " · " + out.end + " bytes" + (out.error ? " · " + out.error : ""));
      $("output-state").dataset.ended = out.ended ? "true" : "false";
      if (!out.ended) follow.timer = setTimeout(readOutput, FOLLOW_MILLIS);
    } catch (e) {
      set("output-state", "output not readable: " + e.message);
      follow.timer = setTimeout(readOutput, FOLLOW_MILLIS * 3);
    }
  }

  document.querySelectorAll("#output-tabs .tab").forEach(tab => tab.addEventListener("click", () => {
    document.querySelectorAll("#output-tabs .tab").forEach(t => t.classList.toggle("active", t === tab));
    follow.stream = tab.dataset.stream;
    follow.from = 0;
    $("output-text").textContent = "";
    readOutput();
  }));

  $("legend").replaceChildren(...CATEGORIES.map(([key, label]) =>
    el("span", {}, el("i", { style: "background: var(--" + key + ")" }), label)));
  if (followAtStart) startFollow(followAtStart, followAtStart);
  poll();
})();
