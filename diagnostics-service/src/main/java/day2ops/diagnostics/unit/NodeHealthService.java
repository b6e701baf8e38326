package day2ops.diagnostics.unit;

import day2ops.diagnostics.NodeHealth;
import day2ops.diagnostics.UnitHealth;
import day2ops.diagnostics.UnitProperties;
import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.diagnostics.systemd.SystemdUnitReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This node's unit health: systemd's view of each selected unit, judged by {@link UnitHealthRules}. */
@ApplicationScoped
public class NodeHealthService {

    private final DiagnosticsConfig config;
    private final SystemdUnitReader systemd;
    private final UnitJournal journal;
    private final String version;

    public NodeHealthService(DiagnosticsConfig config, SystemdUnitReader systemd, UnitJournal journal,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.systemd = systemd;
        this.journal = journal;
        this.version = version;
    }

    public NodeHealth health() {
        List<String> ids = UnitSelection.select(config.health().unitsDir(), config.health().extraUnits().orElse(List.of()));
        List<UnitHealth> units = new ArrayList<>(ids.size());
        for (UnitProperties unit : systemd.read(ids)) {
            units.add(judge(unit));
        }
        DiagnosticsConfig.Node node = config.node();
        return new NodeHealth(units, hostname(), node.ip().orElseGet(NodeHealthService::detectIp),
                node.dcosVersion().orElse(""), node.role(), node.mesosId().orElse(""), version);
    }

    private UnitHealth judge(UnitProperties unit) {
        UnitHealthRules.Verdict verdict = UnitHealthRules.evaluate(unit);
        String output = verdict.reason();
        if (!verdict.isHealthy()) {
            List<String> lines = journal.tail(unit.id(), config.health().journalLines());
            if (!lines.isEmpty()) {
                output = output + "\n" + String.join("\n", lines);
            }
        }
        UnitDescription description = UnitDescription.split(unit.id(), unit.description());
        return new UnitHealth(unit.id(), verdict.health(), output, description.description(), "", description.name());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String detectIp() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
