package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.NodeDisableSchedulingParameter;
import io.batchroutes.emulator.model.NodeRebootParameter;
import io.batchroutes.emulator.model.NodeReimageParameter;
import io.batchroutes.emulator.model.NodeRemoveParameter;
import io.batchroutes.emulator.service.NodeService;

/** {@code /pools/{poolId}/nodes}, {@code /pools/{poolId}/removenodes} and {@code /nodecounts}. */
public final class NodesHandler {
    private final NodeService nodes;

    public NodesHandler(NodeService nodes) {
        this.nodes = nodes;
    }

    public Reply list(ApiRequest r) {
        return Reply.list(nodes.listNodes(r.path("poolId")), "nodes");
    }

    public Reply get(ApiRequest r) {
        ComputeNode n = nodes.getNode(r.path("poolId"), r.path("nodeId"));
        return Reply.entity(n, "nodes", null, null);
    }

    public Reply nodeCounts(ApiRequest r) {
        return Reply.list(nodes.nodeCounts(), "poolnodecounts");
    }

    public Reply reboot(ApiRequest r) {
        NodeRebootParameter p = r.bodyAs(NodeRebootParameter.class);
        nodes.reboot(r.path("poolId"), r.path("nodeId"), p == null ? null : p.nodeRebootOption);
        return accepted(r);
    }

    public Reply reimage(ApiRequest r) {
        NodeReimageParameter p = r.bodyAs(NodeReimageParameter.class);
        nodes.reimage(r.path("poolId"), r.path("nodeId"), p == null ? null : p.nodeReimageOption);
        return accepted(r);
    }

    public Reply disableScheduling(ApiRequest r) {
        NodeDisableSchedulingParameter p = r.bodyAs(NodeDisableSchedulingParameter.class);
        nodes.disableScheduling(r.path("poolId"), r.path("nodeId"), p == null ? null : p.nodeDisableSchedulingOption);
        return Reply.empty(200).header("DataServiceId", nodes.getNode(r.path("poolId"), r.path("nodeId")).url);
    }

    public Reply enableScheduling(ApiRequest r) {
        nodes.enableScheduling(r.path("poolId"), r.path("nodeId"));
        return Reply.empty(200).header("DataServiceId", nodes.getNode(r.path("poolId"), r.path("nodeId")).url);
    }

    public Reply removeNodes(ApiRequest r) {
        nodes.removeNodes(r.path("poolId"), r.bodyAs(NodeRemoveParameter.class));
        return Reply.empty(202);
    }

    private Reply accepted(ApiRequest r) {
        return Reply.empty(202).header("DataServiceId", nodes.getNode(r.path("poolId"), r.path("nodeId")).url);
    }
}
