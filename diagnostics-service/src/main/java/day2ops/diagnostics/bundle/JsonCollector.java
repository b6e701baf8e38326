package day2ops.diagnostics.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;

/** What a service of this node answers in-process (its health, its check results), as indented JSON. */
record JsonCollector(String entryName, String description, Callable<Object> source, Redactor redactor)
        implements Collector {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public boolean optional() {
        return false;
    }

    @Override
    public void collect(OutputStream out) throws Exception {
        // Small documents (a health answer, check outputs capped at 64 KiB each): serialised whole, redacted by line.
        redactor.text(out).copy(new ByteArrayInputStream(JSON.writeValueAsBytes(source.call())));
    }
}
