// The seeds' flow with the official JavaScript SDK (@azure/batch 10.2.0), unchanged: pool -> job -> tasks -> poll
// -> read stdout; then a job schedule whose job manager runs its one job, a job on an auto pool that goes with it,
// and the account's lifetime statistics (api-version 2022-10-01.16.0 still has them), against the batch-routes
// emulator (or, with the same variables, a real Batch account).
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
  return image;
}

async function stdoutOf(client, jobId, taskId) {
  return (await readBody(await client.file.getFromTask(jobId, taskId, "stdout.txt"))).trim();
}

// A schedule without recurrence runs one job, "<scheduleId>:job-1", whose job manager ends it (killJobOnCompletion).
async function runSchedule(client, poolId, scheduleId) {
  await client.jobSchedule.add({
    id: scheduleId,
    schedule: {},
    jobSpecification: { poolInfo: { poolId }, jobManagerTask: { id: "manager", commandLine: COMMAND } },
  });
  check((await client.jobSchedule.exists(scheduleId))._response.status === 200, "the schedule exists (HEAD 200)");
  const done = await until("the schedule to complete", async () => {
    const s = await client.jobSchedule.get(scheduleId);
    return s.state === "completed" ? s : null;
  });
  const jobId = `${scheduleId}:job-1`;
  check(done.executionInfo.recentJob.id === jobId, `the schedule's recent job is ${jobId}`);
  const jobs = await client.job.listFromJobSchedule(scheduleId);
  check(jobs.length === 1 && jobs[0].id === jobId, `the schedule lists its job ${jobId}`);
  check(jobs[0].executionInfo.terminateReason === "JMComplete", "the job manager ended its job (JMComplete)");
  const stdout = await stdoutOf(client, jobId, "manager");
  check(stdout === "hello from manager", "the job manager's stdout is \"hello from manager\"");
  console.log(`schedule ${scheduleId}: job ${jobId}, manager: ${stdout}`);
  await client.jobSchedule.deleteMethod(scheduleId);
}

// A job on an auto pool (lifetime job): the pool appears with the job and goes when the job completes.
async function runOnAutoPool(client, image, jobId) {
  await client.job.add({
    id: jobId,
    poolInfo: {
      autoPoolSpecification: {
        autoPoolIdPrefix: "js",
        poolLifetimeOption: "job",
        pool: {
          vmSize: "standard_d2s_v3",
          virtualMachineConfiguration: { imageReference: image.imageReference, nodeAgentSKUId: NODE_AGENT },
          targetDedicatedNodes: 1,
        },
      },
    },
  });
  const autoPoolId = (await client.job.get(jobId)).executionInfo.poolId;
  check(autoPoolId && autoPoolId.startsWith("js_"), `the job runs on an auto pool js_... (got ${autoPoolId})`);
  await client.task.add(jobId, { id: "auto", commandLine: COMMAND });
  await until("the auto pool's task to complete", async () => (await client.task.get(jobId, "auto")).state === "completed");
  const stdout = await stdoutOf(client, jobId, "auto");
  check(stdout === "hello from auto", "the auto pool's task printed \"hello from auto\"");
  await client.job.terminate(jobId);
  await until("the auto pool to go with its job", async () => (await client.pool.exists(autoPoolId))._response.status === 404);
  console.log(`auto pool ${autoPoolId}: task auto: ${stdout}, pool deleted with its job`);
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
    const stdout = await stdoutOf(client, jobId, id);
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

// The service (and the emulator) shows a deleted pool as "deleting" for a while.
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
  const scheduleId = `js-schedule-${suffix}`;
  const autoJobId = `js-auto-${suffix}`;
  try {
    const image = await createPoolAndWaitForNode(client, poolId);
    await runTasks(client, poolId, jobId);
    await expectJobNotFound(client, `no-such-job-${suffix}`);
    await runSchedule(client, poolId, scheduleId);
    await runOnAutoPool(client, image, autoJobId);
    const lifetime = await client.job.getAllLifetimeStatistics();
    // At least the 5 tasks of the jobs that still exist (the emulator sums those; the service, every job ever).
    check(lifetime.numSucceededTasks >= 5, `lifetime job statistics count the tasks (got ${lifetime.numSucceededTasks})`);
    const poolStats = await client.pool.getAllLifetimeStatistics();
    check(poolStats.usageStats !== undefined, "lifetime pool statistics have usageStats");
    console.log(`lifetime statistics: ${lifetime.numSucceededTasks} tasks succeeded`);
  } catch (e) {
    // Best effort, so that a real account keeps no pool after a failure.
    await Promise.allSettled([client.job.deleteMethod(jobId), client.job.deleteMethod(autoJobId),
      client.jobSchedule.deleteMethod(scheduleId), client.pool.deleteMethod(poolId)]);
    throw e;
  }
  await client.job.deleteMethod(autoJobId);
  await client.job.deleteMethod(jobId);
  await client.pool.deleteMethod(poolId);
  check(await poolGoneOrDeleting(client, poolId), "the pool is gone or deleting");
  console.log("JS SDK flow OK");
}

main().catch((e) => {
  console.error(`JS SDK flow FAILED: ${describe(e)}`);
  process.exit(1);
});
