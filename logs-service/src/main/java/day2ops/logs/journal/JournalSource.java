package day2ops.logs.journal;

import day2ops.journal.Journal;
import day2ops.journal.OpenFlag;
import day2ops.logs.config.LogsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Opens the journal the service serves: a directory, a namespace, or the local system journal (configuration decides). */
@ApplicationScoped
public class JournalSource {

    private final LogsConfig config;

    public JournalSource(LogsConfig config) {
        this.config = config;
    }

    /** A new handle, owned by the calling thread. */
    public Journal open() {
        if (config.journalDirectory().isPresent()) {
            return Journal.openDirectory(config.journalDirectory().get());
        }
        if (config.journalNamespace().isPresent()) {
            return Journal.openNamespace(config.journalNamespace().get());
        }
        return Journal.openLocal(OpenFlag.LOCAL_ONLY);
    }
}
