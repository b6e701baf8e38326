package day2ops.diagnostics.checks;

import day2ops.diagnostics.config.DiagnosticsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Node and cluster checks from the dcos-check-runner config file. The file is read on every request, so
 * an edited config applies without a restart; a missing file means no checks.
 */
@ApplicationScoped
public class ChecksService {

    /** Which set of checks. */
    public enum Kind { NODE, CLUSTER }

    private final DiagnosticsConfig config;
    private final ExecutorService pool;
    private final CheckRunner runner;

    public ChecksService(DiagnosticsConfig config) {
        this.config = config;
        this.pool = Executors.newFixedThreadPool(config.checks().parallelism(), r -> {
            Thread t = new Thread(r, "check-runner");
            t.setDaemon(true);
            return t;
        });
        this.runner = new CheckRunner(pool);
    }

    ChecksConfig load() {
        try {
            return ChecksConfig.parse(Files.readString(config.checks().configFile()), config.checks().defaultTimeout());
        } catch (NoSuchFileException absent) {
            return ChecksConfig.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checks config " + config.checks().configFile(), e);
        }
    }

    /** The checks of this kind that apply to this node, by name (node checks: those whose roles include this node's). */
    public Map<String, CheckDefinition> available(Kind kind) {
        ChecksConfig checks = load();
        if (kind == Kind.CLUSTER) {
            return checks.clusterChecks();
        }
        Map<String, CheckDefinition> forThisNode = new LinkedHashMap<>();
        checks.nodeChecks().forEach((name, check) -> {
            if (appliesToRole(check, config.node().role())) {
                forThisNode.put(name, check);
            }
        });
        return forThisNode;
    }

    static boolean appliesToRole(CheckDefinition check, String role) {
        // A public agent is an agent as far as roles go (dcos-check-runner's role names are master and agent).
        return check.roles().isEmpty() || check.roles().contains(role)
                || ("agent_public".equals(role) && check.roles().contains("agent"));
    }

    /** The named checks (all when {@code names} is empty); 404 naming every unknown one. */
    public Map<String, CheckDefinition> select(Kind kind, List<String> names) {
        Map<String, CheckDefinition> available = available(kind);
        if (names == null || names.isEmpty()) {
            return available;
        }
        List<String> missing = new ArrayList<>();
        Map<String, CheckDefinition> selected = new LinkedHashMap<>();
        for (String name : names) {
            CheckDefinition check = available.get(name);
            if (check == null) {
                missing.add(name);
            } else {
                selected.put(name, check);
            }
        }
        if (!missing.isEmpty()) {
            throw new NotFoundException("unknown " + kind.name().toLowerCase() + " checks: " + String.join(", ", missing));
        }
        return selected;
    }

    public ChecksReport run(Kind kind, List<String> names) {
        Map<String, CheckDefinition> selected = select(kind, names);
        return runner.runAll(List.copyOf(selected.values()), load().env());
    }

    /** The {@code prestart} or {@code poststart} list of node checks. */
    public ChecksReport runPhase(boolean prestart) {
        ChecksConfig checks = load();
        List<String> names = prestart ? checks.prestart() : checks.poststart();
        List<CheckDefinition> selected = names.stream().map(checks.nodeChecks()::get).toList();
        return runner.runAll(selected, checks.env());
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
