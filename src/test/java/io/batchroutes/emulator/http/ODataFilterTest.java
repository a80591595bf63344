package io.batchroutes.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchroutes.emulator.model.Json;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ODataFilterTest {
    private static final Set<String> PROPS = Set.of("id", "state", "executionInfo/result", "executionInfo/exitCode",
            "stateTransitionTime", "isDedicated");

    private static JsonNode task(String id, String state, String result, Integer exitCode, String time) throws Exception {
        String ei = result == null ? "" : ",\"executionInfo\":{\"result\":\"" + result + "\""
                + (exitCode == null ? "" : ",\"exitCode\":" + exitCode) + "}";
        return Json.MAPPER.readTree("{\"id\":\"" + id + "\",\"state\":\"" + state + "\",\"stateTransitionTime\":\""
                + time + "\",\"isDedicated\":true" + ei + "}");
    }

    private static boolean eval(String filter, JsonNode node) {
        Predicate<JsonNode> p = ODataFilter.parse(filter, PROPS);
        return p.test(node);
    }

    @Test
    void comparesStringsCaseInsensitivelyWithAndOrAndParentheses() throws Exception {
        JsonNode failed = task("render-1", "completed", "failure", 3, "2026-11-22T08:00:00.123Z");
        assertThat(eval("state eq 'Completed' and executionInfo/result eq 'Failure'", failed)).isTrue();
        assertThat(eval("state eq 'completed' and executionInfo/result eq 'success'", failed)).isFalse();
        assertThat(eval("state eq 'active' or executionInfo/result eq 'failure'", failed)).isTrue();
        assertThat(eval("(executionInfo/exitCode lt 0) or (executionInfo/exitCode gt 0)", failed)).isTrue();
        assertThat(eval("executionInfo/exitCode ge 3 and executionInfo/exitCode le 3", failed)).isTrue();
        assertThat(eval("executionInfo/exitCode ne 3", failed)).isFalse();
        assertThat(eval("state ne 'active' and (id eq 'x' or startswith(id,'RENDER'))", failed)).isTrue();
        assertThat(eval("isDedicated eq true", failed)).isTrue();
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        JsonNode active = task("a", "active", null, null, "2026-11-22T08:00:00Z");
        assertThat(eval("state eq 'completed' and id eq 'x' or id eq 'a'", active)).isTrue();
        assertThat(eval("state eq 'completed' and (id eq 'x' or id eq 'a')", active)).isFalse();
    }

    @Test
    void missingPropertiesMatchOnlyNe() throws Exception {
        JsonNode active = task("a", "active", null, null, "2026-11-22T08:00:00Z");
        assertThat(eval("executionInfo/result eq 'failure'", active)).isFalse();
        assertThat(eval("executionInfo/result ne 'failure'", active)).isTrue();
        assertThat(eval("executionInfo/exitCode gt 0", active)).isFalse();
    }

    @Test
    void comparesDateTimeLiteralsInIsoAndRfc1123() throws Exception {
        JsonNode t = task("a", "active", null, null, "2026-11-22T08:00:00.500Z");
        assertThat(eval("stateTransitionTime gt DateTime'2026-11-22T08:00:00Z'", t)).isTrue();
        assertThat(eval("stateTransitionTime lt DateTime'2026-11-22T08:00:00Z'", t)).isFalse();
        assertThat(eval("stateTransitionTime lt DateTime'Sun, 22 Nov 2026 09:00:00 GMT'", t)).isTrue();
    }

    @Test
    void quotesInsideLiteralsAreDoubled() throws Exception {
        JsonNode t = task("it's", "active", null, null, "2026-11-22T08:00:00Z");
        assertThat(eval("id eq 'it''s'", t)).isTrue();
    }

    @Test
    void rejectsUnknownPropertiesOperatorsAndSyntax() {
        assertThatThrownBy(() -> ODataFilter.parse("nope eq 'x'", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("State eq 'x'", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("state like 'x'", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("(state eq 'x'", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("state eq 'x", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("state eq 'x' junk", PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class);
        assertThatThrownBy(() -> ODataFilter.parse("stateTransitionTime gt DateTime'yesterday'", PROPS))
                .isInstanceOf(ODataFilter.InvalidFilterException.class);
    }

    /** 5,000 nested parentheses overflowed the parser's stack (no answer at all); now a clear error, and long chains work. */
    @Test
    void deepNestingIsRefusedAndLongChainsAreTestedWithoutDeepRecursion() throws Exception {
        String deep = "(".repeat(5000) + "id eq 'x'" + ")".repeat(5000);
        assertThatThrownBy(() -> ODataFilter.parse(deep, PROPS)).isInstanceOf(ODataFilter.InvalidFilterException.class)
                .hasMessageContaining("more than " + ODataFilter.MAX_DEPTH);
        String ok = "(".repeat(ODataFilter.MAX_DEPTH) + "id eq 'x'" + ")".repeat(ODataFilter.MAX_DEPTH);
        JsonNode x = task("x", "active", null, null, "2026-11-22T08:00:00Z");
        assertThat(eval(ok, x)).isTrue();
        String chain = String.join(" and ", java.util.Collections.nCopies(50_000, "id eq 'x'"));
        assertThat(eval(chain, x)).isTrue();
        assertThat(eval(chain + " and id eq 'y'", x)).isFalse();
        assertThat(eval(String.join(" or ", java.util.Collections.nCopies(50_000, "id eq 'y'")) + " or id eq 'x'", x)).isTrue();
    }
}
