package day2ops.diagnostics.bundle;

import day2ops.diagnostics.checks.ChecksService;
import day2ops.diagnostics.config.DiagnosticsConfig;
import day2ops.diagnostics.unit.NodeHealthService;
import day2ops.diagnostics.unit.UnitSelection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Collects this node's part of a bundle into a {@link BundleSink}: the watched units' journals, the configured
 * endpoint dumps, files and command outputs, this node's health and its check results — one entry each, one
 * after the other, all text redacted on the way.
 */
@ApplicationScoped
public class NodeBundleEngine {

    private static final Logger LOG = Logger.getLogger(NodeBundleEngine.class);

    private final DiagnosticsConfig config;
    private final NodeHealthService health;
    private final ChecksService checks;
    private final Redactor redactor;
    private final HttpClient http;

    public NodeBundleEngine(DiagnosticsConfig config, NodeHealthService health, ChecksService checks) {
        this.config = config;
        this.health = health;
        this.checks = checks;
        this.redactor = new Redactor(config.bundles().redact());
        this.http = HttpClient.newBuilder().connectTimeout(config.bundles().endpointTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The redaction in force (for text the caller writes itself, such as error summaries). */
    public Redactor redactor() {
        return redactor;
    }

    /** The collectors of one bundle, in the order their entries are written. */
    List<Collector> collectors() {
        DiagnosticsConfig.Bundles bundles = config.bundles();
        List<Collector> collectors = new ArrayList<>();
        collectors.add(new JsonCollector("health.json", "this node's unit health", health::health, redactor));
        collectors.add(new JsonCollector("checks.json", "node checks", () -> checks.run(ChecksService.Kind.NODE, List.of()),
                redactor));
        List<String> units;
        try {
            units = UnitSelection.select(config.health().unitsDir(), config.health().extraUnits().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            units = List.of();
            collectors.add(failing("journal/units.error", "unit selection", e.getMessage()));
        }
        for (String unit : units) {
            collectors.add(new JournalCollector(unit, config.health().journalDirectory(), bundles.journalWindow(), redactor));
        }
        for (Map.Entry<String, DiagnosticsConfig.Bundles.Endpoint> endpoint : bundles.endpoints().entrySet()) {
            URI url;
            try {
                url = URI.create(endpoint.getValue().url());
            } catch (IllegalArgumentException e) {
                collectors.add(failing("endpoints/" + endpoint.getKey(), "endpoint " + endpoint.getKey(),
                        "malformed URL '" + endpoint.getValue().url() + "': " + e.getMessage()));
                continue;
            }
            collectors.add(new EndpointCollector(endpoint.getKey(), url, endpoint.getValue().optional(),
                    bundles.endpointTimeout(), http, redactor));
        }
        for (String pattern : bundles.files()) {
            if (pattern.isBlank()) {
                continue;
            }
            try {
                for (Path file : FileGlobs.expand(pattern.strip())) {
                    // A literal path is required; what a glob matched was there a moment ago and may be gone.
                    collectors.add(new FileCollector(file, FileGlobs.isGlob(pattern), redactor));
                }
            } catch (IOException e) {
                collectors.add(failing("files/" + pattern, "files " + pattern, "cannot expand: " + e.getMessage()));
            }
        }
        for (DiagnosticsConfig.Bundles.Command command : bundles.commands()) {
            if (!command.args().isEmpty()) {
                collectors.add(new CommandCollector(command.args(), command.optional(), bundles.commandTimeout(), redactor));
            }
        }
        return collectors;
    }

    /**
     * Runs every collector into {@code sink}. A collector's failure is noted at the end of its entry (and, for a
     * required one, returned among the errors); {@link BundleCanceledException} from the sink ends the run.
     */
    public NodePartSummary collect(BundleSink sink) throws IOException {
        List<Collector> collectors = collectors();
        List<String> errors = new ArrayList<>();
        long bytes = 0;
        int total = collectors.size();
        for (int i = 0; i < total; i++) {
            Collector collector = collectors.get(i);
            sink.progress(i, total, collector.description());
            String name = EntryNames.sanitise(collector.entryName());
            sink.startEntry(name, collector.modifiedMillis());
            EntryOutput out = new EntryOutput(sink);
            try {
                collector.collect(out);
            } catch (BundleCanceledException | SinkFailedException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BundleCanceledException("interrupted while collecting " + collector.description());
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                LOG.warnf("bundle collector %s failed: %s", collector.description(), reason);
                String note = "\n(" + (collector.optional() ? "optional, " : "") + "collection failed: " + reason + ")\n";
                out.write(note.getBytes(StandardCharsets.UTF_8));
                if (!collector.optional()) {
                    errors.add(name + ": " + reason);
                }
            }
            out.flush();
            bytes += out.written();
        }
        sink.progress(total, total, "");
        return new NodePartSummary(errors, total, bytes);
    }

    private static Collector failing(String entryName, String description, String reason) {
        return new Failing(entryName, description, reason);
    }

    /** A required entry that could not even be set up: its content is the reason, and it counts as an error. */
    private record Failing(String entryName, String description, String reason) implements Collector {

        @Override
        public boolean optional() {
            return false;
        }

        @Override
        public void collect(java.io.OutputStream out) throws IOException {
            throw new IOException(reason);
        }
    }
}
