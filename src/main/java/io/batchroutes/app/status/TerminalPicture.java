package io.batchroutes.app.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The status page as text: a progress line, the heat map as one character per node, and the failed files with
 * their reasons. Reads the JSON of /status/api, so it needs nothing but the endpoint.
 */
final class TerminalPicture {

    /** One character per node category; running shows the slots in use (1-9, + for more). */
    static final Map<String, String> CELLS = Map.of("idle", ".", "starting", "~", "starttaskfailed", "F",
            "preempted", "P", "unusable", "X", "leaving", "v");
    private static final int BAR = 30;
    private static final int NODES_PER_LINE = 40;

    private final JsonNode s;

    TerminalPicture(JsonNode snapshot) {
        this.s = snapshot;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        JsonNode pool = s.path("pool");
        JsonNode job = s.path("job");
        out.append(String.format(Locale.ROOT, "batch-routes status  pool %s  job %s  (snapshot %s old)%n",
                pool.path("id").asText("-"), job.path("id").asText("-"), age(s.path("takenAt").asText(null))));
        if (!s.path("error").isNull() && !s.path("error").asText("").isEmpty()) {
            out.append("  ! Batch could not be read: ").append(s.path("error").asText()).append('\n');
        }
        out.append(progress(job)).append('\n');
        out.append(poolLine(pool)).append('\n');
        heatMap(out);
        failed(out);
        return out.toString();
    }

    private String progress(JsonNode job) {
        int total = job.path("total").asInt();
        int done = job.path("completed").asInt();
        int failed = job.path("failed").asInt();
        int filled = total == 0 ? 0 : (int) Math.round(BAR * (double) done / total);
        int bad = total == 0 ? 0 : Math.min(filled, (int) Math.ceil(BAR * (double) failed / total));
        String bar = "#".repeat(filled - bad) + "x".repeat(bad) + "-".repeat(BAR - filled);
        String eta = job.path("etaSeconds").isNull() || job.path("etaSeconds").isMissingNode() ? "unknown"
                : job.path("etaSeconds").asLong() + "s";
        return String.format(Locale.ROOT, "job   [%s] %d/%d done  failed=%d running=%d waiting=%d  %.1f files/s  eta=%s",
                bar, done, total, failed, job.path("running").asInt(), job.path("waiting").asInt(),
                job.path("filesPerSecond").asDouble(), eta);
    }

    private static String poolLine(JsonNode pool) {
        if (!pool.path("exists").asBoolean()) {
            return "pool  not there (scaled away or not created yet)";
        }
        return String.format(Locale.ROOT, "pool  %s  dedicated %d/%d  spot %d/%d  %d slot(s)/node  %s",
                pool.path("allocationState").asText("-"), pool.path("currentDedicated").asInt(),
                pool.path("targetDedicated").asInt(), pool.path("currentSpot").asInt(), pool.path("targetSpot").asInt(),
                pool.path("slotsPerNode").asInt(), pool.path("vmSize").asText(""));
    }

    private void heatMap(StringBuilder out) {
        JsonNode nodes = s.path("nodes");
        if (nodes.isEmpty()) {
            out.append("nodes (none)\n");
            return;
        }
        out.append("nodes ");
        int i = 0;
        for (JsonNode node : nodes) {
            if (i > 0 && i % NODES_PER_LINE == 0) {
                out.append("\n      ");
            }
            out.append(cell(node));
            i++;
        }
        out.append("\n      legend: . idle  1-9 running (slots in use)  ~ starting  F start task failed  P preempted"
                   + "  X unusable  v leaving\n");
        for (JsonNode node : nodes) {
            JsonNode start = node.path("startTask");
            if (!start.path("failure").isMissingNode() && !start.path("failure").isNull()) {
                out.append("      ").append(node.path("id").asText()).append(": start task ")
                        .append(start.path("failure").asText()).append('\n');
            }
        }
    }

    static String cell(JsonNode node) {
        String category = node.path("category").asText();
        if (category.equals("running")) {
            int slots = node.path("runningSlots").asInt();
            return slots > 9 ? "+" : String.valueOf(Math.max(1, slots));
        }
        return CELLS.getOrDefault(category, "?");
    }

    private void failed(StringBuilder out) {
        boolean header = false;
        for (JsonNode file : s.path("files")) {
            if (!file.path("state").asText().equals("failed")) {
                continue;
            }
            if (!header) {
                out.append("failed files:\n");
                header = true;
            }
            out.append("  ").append(file.path("name").asText()).append(" (").append(file.path("workType").asText("-"))
                    .append(")\n");
            String reason = file.path("reason").asText("").strip();
            reason.lines().limit(6).forEach(line -> out.append("      ").append(line).append('\n'));
        }
        if (!header) {
            out.append("failed files: none recently\n");
        }
    }

    private static String age(String takenAt) {
        if (takenAt == null) {
            return "?";
        }
        long millis = Duration.between(Instant.parse(takenAt), Instant.now()).toMillis();
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, millis) / 1000.0);
    }
}
