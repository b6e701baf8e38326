package day2ops.diagnostics.checks;

/** One check's outcome: status 0 OK, 1 warning, 2 failure, 3 unknown (also: timed out, did not start, exit code out of range). */
public record CheckResult(String output, int status) {
}
