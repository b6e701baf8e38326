package day2ops.diagnostics.checks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** Response of a checks run: the combined status (the worst) and each check's result. */
@JsonPropertyOrder({"status", "checks"})
public record ChecksReport(int status, Map<String, CheckResult> checks) {
}
