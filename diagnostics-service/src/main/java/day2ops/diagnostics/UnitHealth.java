package day2ops.diagnostics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One unit in {@code GET /system/health/v1}, as dcos-diagnostics reports it.
 *
 * @param id          the unit id, e.g. {@code dcos-mesos-master.service}
 * @param health      {@link Health#HEALTHY} or {@link Health#UNHEALTHY}
 * @param output      why it is unhealthy, followed by its newest journal lines; empty when healthy
 * @param description the part of systemd's {@code Description} after "{@code Name: }"
 * @param help        guidance for the operator; empty (no per-unit help is configured)
 * @param name        the part of {@code Description} before "{@code : }", or the unit id without one
 */
@JsonPropertyOrder({"id", "health", "output", "description", "help", "name"})
public record UnitHealth(String id, int health, String output, String description, String help, String name) {
}
