package day2ops.diagnostics.bundle;

import java.nio.file.Path;
import java.util.List;

/** What the API does with existing bundles, local or cluster alike (creating them differs). */
public interface BundleOperations {

    List<BundleState> list();

    /** The bundle's state: 400 bad id, 404 unknown. */
    BundleState get(String id);

    /** The zip of a Done bundle; 404 unknown or not done yet, 410 deleted, canceled or failed. */
    Path file(String id);

    /** Cancels a running bundle (→ Canceled) or deletes a finished one's file (Done → Deleted). */
    BundleState delete(String id);
}
