// The seeds' flow with the official JavaScript SDK (@azure/batch 10.2.0), unchanged: pool -> job -> tasks -> poll
// -> read stdout, against the batch-routes emulator (or, with the same variables, a real Batch account).
//   BATCH_URL=http://127.0.0.1:PORT BATCH_ACCOUNT=devbatchaccount1 BATCH_KEY=... node flow.js
// Exits 0 and prints "JS SDK flow OK" when every check passed; otherwise prints why and exits 1.
"use strict";
const { BatchServiceClient, BatchSharedKeyCredentials } = require("@azure/batch");

const DEADLINE_MS = 60000;

function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name}`);
  }
  return value;
}

function check(condition, what) {
  if (!condition) {
    throw new Error(`check failed: ${what}`);
  }
}

async function until(what, probe) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function readBody(response) {
  const chunks = [];
  for await (const chunk of response.readableStreamBody) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function listAll(first, next) {
  const items = [];
  let page = await first();
  items.push(...page);
  while (page.odatanextLink) {
    page = await next(page.odatanextLink);
    items.push(...page);
  }
  return items;
}

async function main() {
  const client = new BatchServiceClient(
    new BatchSharedKeyCredentials(env("BATCH_ACCOUNT"), env("BATCH_KEY")), env("BATCH_URL"));
  const suffix = Date.now().toString(36);
  const poolId = `js-pool-${suffix}`;
  const jobId = `js-job-${suffix}`;

  const images = await client.account.listSupportedImages({ accountListSupportedImagesOptions: { filter: "verificationType eq 'verified'" } });
  const image = images.find((i) => i.nodeAgentSKUId.startsWith("batch.node.ubuntu"));
  check(image, "a verified Ubuntu image is listed");

  await client.pool.add({
    id: poolId,
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: { imageReference: image.imageReference, nodeAgentSKUId: image.nodeAgentSKUId },
    targetDedicatedNodes: 1,
    taskSlotsPerNode: 2,
  });
  check((await client.pool.exists(poolId))._response.status === 200, "the pool exists (HEAD 200)");
  await until("an idle node", async () => {
    const nodes = await client.computeNode.list(poolId);
    return nodes.length === 1 && nodes[0].state === "idle";
  });

  await client.job.add({ id: jobId, poolInfo: { poolId } });
  await client.task.add(jobId, { id: "single", commandLine: "/bin/sh -c \"echo hello from $AZ_BATCH_TASK_ID\"" });
  const added = await client.task.addCollection(jobId, ["c1", "c2", "c3"].map((id) => ({
    id, commandLine: "/bin/sh -c \"echo hello from $AZ_BATCH_TASK_ID\"",
  })));
  check(added.value.length === 3 && added.value.every((r) => r.status === "success"), "addCollection added 3 tasks");

  const ids = ["single", "c1", "c2", "c3"];
  const completed = await until("4 completed tasks", async () => {
    const list = await listAll(
      () => client.task.list(jobId, { taskListOptions: { filter: "state eq 'completed'", select: "id,state,executionInfo" } }),
      (link) => client.task.listNext(link));
    return list.length === ids.length ? list : null;
  });
  for (const task of completed.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))) {
    check(task.executionInfo.exitCode === 0 && task.executionInfo.result === "success", `task ${task.id} succeeded`);
    const stdout = (await readBody(await client.file.getFromTask(jobId, task.id, "stdout.txt"))).trim();
    check(stdout === `hello from ${task.id}`, `task ${task.id}'s stdout`);
    console.log(`task ${task.id}: ${stdout}`);
  }
  const counts = await client.job.getTaskCounts(jobId);
  check(counts.taskCounts.succeeded === 4, "task counts: 4 succeeded");

  try {
    await client.job.get(`no-such-job-${suffix}`);
    throw new Error("check failed: getting a missing job must fail");
  } catch (e) {
    check(e.statusCode === 404 && e.code === "JobNotFound", `missing job: 404 JobNotFound (got ${e.statusCode} ${e.code})`);
  }

  await client.job.deleteMethod(jobId);
  await client.pool.deleteMethod(poolId);
  check((await client.pool.exists(poolId))._response.status === 404, "the pool is gone (HEAD 404)");
  console.log("JS SDK flow OK");
}

main().catch((e) => {
  console.error(`JS SDK flow FAILED: ${e.message}`);
  process.exit(1);
});
