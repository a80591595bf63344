"""A Batch flow through the official Python SDK (Debian's python3-azure: azure-batch 13.0.1), against the emulator.

Application packages (list, get, a pool reference and a task reference with the AZ_BATCH_APP_PACKAGE_* variables),
a multi-instance task across two nodes (coordination command, subtasks), node reboot, pool patch, a 404, cleanup.
Each step checks its result; the last line is "Python SDK flow OK". Reads BATCH_URL, BATCH_ACCOUNT and BATCH_KEY;
the package store must hold hello/1.0.zip (bin/hello.sh) and tool/2.0.zip (tool.sh) with tool/default-version = 2.0.

    /usr/bin/python3 examples/python-sdk/flow.py
"""
import os
import sys
import time
import uuid

import azure.batch.models as batchmodels
from azure.batch import BatchServiceClient
from azure.batch.batch_auth import SharedKeyCredentials

TIMEOUT_S = 90


def wait_for(what, probe, done):
    deadline = time.monotonic() + TIMEOUT_S
    last = None
    while time.monotonic() < deadline:
        last = probe()
        if done(last):
            return last
        time.sleep(0.2)
    raise AssertionError("timed out waiting for %s; last value: %r" % (what, last))


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def stdout_of(client, job_id, task_id):
    return b"".join(client.file.get_from_task(job_id, task_id, "stdout.txt")).decode("utf-8")


def main():
    client = BatchServiceClient(SharedKeyCredentials(os.environ["BATCH_ACCOUNT"], os.environ["BATCH_KEY"]),
                                batch_url=os.environ["BATCH_URL"])
    suffix = uuid.uuid4().hex[:8]
    pool_id, job_id = "py-pool-" + suffix, "py-job-" + suffix

    apps = {a.id: a.versions for a in client.application.list()}
    check(apps.get("hello") == ["1.0"] and apps.get("tool") == ["2.0"], "applications: %r" % apps)
    print("applications:", ", ".join("%s %s" % (k, "/".join(v)) for k, v in sorted(apps.items())))
    check(client.application.get("hello").display_name == "hello", "application get")

    client.pool.add(batchmodels.PoolAddParameter(
        id=pool_id, vm_size="STANDARD_D2S_V3", target_dedicated_nodes=2, task_slots_per_node=1,
        enable_inter_node_communication=True,
        virtual_machine_configuration=batchmodels.VirtualMachineConfiguration(
            image_reference=batchmodels.ImageReference(publisher="canonical", offer="0001-com-ubuntu-server-jammy",
                                                       sku="22_04-lts"),
            node_agent_sku_id="batch.node.ubuntu 22.04"),
        application_package_references=[batchmodels.ApplicationPackageReference(application_id="hello",
                                                                                version="1.0")]))
    nodes = wait_for("2 idle nodes", lambda: list(client.compute_node.list(pool_id)),
                     lambda ns: len(ns) == 2 and all(n.state == batchmodels.ComputeNodeState.idle for n in ns))
    print("pool:", pool_id, "nodes:", len(nodes))

    client.job.add(batchmodels.JobAddParameter(id=job_id, pool_info=batchmodels.PoolInformation(pool_id=pool_id)))
    client.task.add(job_id, batchmodels.TaskAddParameter(
        id="packages",
        command_line="/bin/sh -c '/bin/sh \"$AZ_BATCH_APP_PACKAGE_hello_1_0/bin/hello.sh\" python; "
                     "/bin/sh \"$AZ_BATCH_APP_PACKAGE_tool/tool.sh\"'",
        application_package_references=[batchmodels.ApplicationPackageReference(application_id="tool")]))
    client.task.add(job_id, batchmodels.TaskAddParameter(
        id="mpi",
        command_line="/bin/sh -c 'echo \"primary hosts=$AZ_BATCH_HOST_LIST master=$AZ_BATCH_IS_CURRENT_NODE_MASTER\"'",
        multi_instance_settings=batchmodels.MultiInstanceSettings(
            number_of_instances=2,
            coordination_command_line="/bin/sh -c 'echo coordinating master=$AZ_BATCH_IS_CURRENT_NODE_MASTER'")))
    for task_id in ("packages", "mpi"):
        task = wait_for("task %s completed" % task_id, lambda: client.task.get(job_id, task_id),
                        lambda t: t.state == batchmodels.TaskState.completed)
        check(task.execution_info.result == batchmodels.TaskExecutionResult.success,
              "task %s: %r" % (task_id, task.execution_info.failure_info))
        print("task %s: %s" % (task_id, stdout_of(client, job_id, task_id).strip().replace("\n", " | ")))
    check(stdout_of(client, job_id, "packages") == "hello from the package python\ntool 2.0\n", "package output")
    check(stdout_of(client, job_id, "mpi") == "primary hosts=127.0.0.1,127.0.0.1 master=true\n", "primary output")

    subtasks = client.task.list_subtasks(job_id, "mpi").value
    check([s.id for s in subtasks] == [1], "subtasks: %r" % subtasks)
    check(subtasks[0].state == batchmodels.SubtaskState.completed and subtasks[0].exit_code == 0, "subtask state")
    print("subtasks:", ", ".join("%d %s exit %d" % (s.id, s.state.value, s.exit_code) for s in subtasks))

    client.pool.patch(pool_id, batchmodels.PoolPatchParameter(
        metadata=[batchmodels.MetadataItem(name="flow", value="python")]))
    check(client.pool.get(pool_id).metadata[0].value == "python", "pool patch")
    node_id = nodes[0].id
    client.compute_node.reboot(pool_id, node_id, node_reboot_option=batchmodels.ComputeNodeRebootOption.requeue)
    wait_for("node idle after the reboot", lambda: client.compute_node.get(pool_id, node_id),
             lambda n: n.state == batchmodels.ComputeNodeState.idle and n.last_boot_time > nodes[0].last_boot_time)
    print("node %s rebooted" % node_id)

    try:
        client.job.get("no-such-job-" + suffix)
        raise AssertionError("expected a 404")
    except batchmodels.BatchErrorException as e:
        check(e.error.code == "JobNotFound", "error code %r" % e.error.code)
        print("missing job: 404", e.error.code)

    client.job.delete(job_id)
    client.pool.delete(pool_id)
    print("Python SDK flow OK")


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line for the test's log, then the trace
        print("Python SDK flow FAILED:", e, file=sys.stderr)
        raise
