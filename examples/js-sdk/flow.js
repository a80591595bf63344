// The seeds' flow with the official JavaScript SDK (@azure/batch 10.2.0), unchanged: pool -> job -> tasks -> poll
// -> read stdout, against the batch-routes emulator (or, with the same variables, a real Batch account).
//   BATCH_URL=http://127.0.0.1:PORT BATCH_ACCOUNT=devbatchaccount1 BATCH_KEY=... node flow.js
// Exits 0 and prints "JS SDK flow OK" when every check passed; otherwise prints why and exits 1.
"use strict";
const { BatchServiceClient, BatchSharedKeyCredentials } = require("@azure/batch");
const { RestError } = require("@azure/ms-rest-js");

const NODE_AGENT = "batch.node.ubuntu 22.04";
const DEADLINE_MS = 60000;
const POLL_MS = 250;
const COMMAND = "/bin/sh -c \"echo hello from $AZ_BATCH_TASK_ID\"";

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

// A Batch error's message arrives as {lang, value}; ms-rest-js copies it into RestError.message as is.
function describe(error) {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const message = typeof error.message === "string" ? error.message : error.message && error.message.value;
  return error instanceof RestError ? `${error.statusCode} ${error.code}: ${message}` : message;
}

async function until(what, probe) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${DEADLINE_MS} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
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

async function readBody(response) {
  const chunks = [];
  for await (const chunk of response.readableStreamBody) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function createPoolAndWaitForNode(client, poolId) {
  const images = await listAll(
    () => client.account.listSupportedImages({ accountListSupportedImagesOptions: { filter: "verificationType eq 'verified'" } }),
    (link) => client.account.listSupportedImagesNext(link));
  const image = images.find((i) => i.nodeAgentSKUId === NODE_AGENT);
  check(image, `a verified image for ${NODE_AGENT} is listed`);

  await client.pool.add({
    id: poolId,
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: { imageReference: image.imageReference, nodeAgentSKUId: NODE_AGENT },
    targetDedicatedNodes: 1,
  });
  check((await client.pool.exists(poolId))._response.status === 200, "the pool exists (HEAD 200)");
  await until("the pool's node to be idle", async () => {
    const nodes = await client.computeNode.list(poolId);
    return nodes.length === 1 && nodes[0].state === "idle";
  });
}

async function runTasks(client, poolId, jobId) {
  await client.job.add({ id: jobId, poolInfo: { poolId } });
  await client.task.add(jobId, { id: "single", commandLine: COMMAND });
  const added = await client.task.addCollection(jobId, ["c1", "c2", "c3"].map((id) => ({ id, commandLine: COMMAND })));
  check(added.value.length === 3 && added.value.every((r) => r.status === "success"), "addCollection added 3 tasks");

  const ids = ["single", "c1", "c2", "c3"];
  const completed = await until("4 completed tasks", async () => {
    const tasks = await listAll(
      () => client.task.list(jobId, { taskListOptions: { filter: "state eq 'completed'", select: "id,state,executionInfo" } }),
      (link) => client.task.listNext(link));
    return tasks.length === ids.length ? tasks : null;
  });
  check(completed.map((t) => t.id).sort().join() === [...ids].sort().join(), `the completed tasks are ${ids}`);
  for (const id of ids) {
    const task = completed.find((t) => t.id === id);
    check(task.executionInfo.exitCode === 0, `task ${id} exited 0 (got ${task.executionInfo.exitCode})`);
    const stdout = (await readBody(await client.file.getFromTask(jobId, id, "stdout.txt"))).trim();
    console.log(`task ${id}: ${stdout}`);
    check(stdout === `hello from ${id}`, `task ${id}'s stdout is "hello from ${id}"`);
  }
}

async function expectJobNotFound(client, jobId) {
  let error;
  try {
    await client.job.get(jobId);
  } catch (e) {
    error = e;
  }
  check(error !== undefined, `getting missing job ${jobId} fails`);
  check(error instanceof RestError && error.statusCode === 404 && error.code === "JobNotFound",
    `getting missing job ${jobId} fails with RestError 404 JobNotFound (got ${describe(error)})`);
  console.log(`job ${jobId}: ${error.statusCode} ${error.code}`);
}

// The service shows a deleted pool as "deleting" for a while; the emulator removes it at once.
async function poolGoneOrDeleting(client, poolId) {
  try {
    return (await client.pool.get(poolId, { poolGetOptions: { select: "id,state" } })).state === "deleting";
  } catch (e) {
    return e instanceof RestError && e.statusCode === 404 && e.code === "PoolNotFound";
  }
}

async function main() {
  const client = new BatchServiceClient(
    new BatchSharedKeyCredentials(env("BATCH_ACCOUNT"), env("BATCH_KEY")), env("BATCH_URL"));
  const suffix = Date.now().toString(36);
  const poolId = `js-pool-${suffix}`;
  const jobId = `js-job-${suffix}`;
  try {
    await createPoolAndWaitForNode(client, poolId);
    await runTasks(client, poolId, jobId);
    await expectJobNotFound(client, `no-such-job-${suffix}`);
  } catch (e) {
    // Best effort, so that a real account keeps no pool after a failure.
    await Promise.allSettled([client.job.deleteMethod(jobId), client.pool.deleteMethod(poolId)]);
    throw e;
  }
  await client.job.deleteMethod(jobId);
  await client.pool.deleteMethod(poolId);
  check(await poolGoneOrDeleting(client, poolId), "the pool is gone or deleting");
  console.log("JS SDK flow OK");
}

main().catch((e) => {
  console.error(`JS SDK flow FAILED: ${describe(e)}`);
  process.exit(1);
});
