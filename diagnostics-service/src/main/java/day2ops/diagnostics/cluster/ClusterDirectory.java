package day2ops.diagnostics.cluster;

import java.util.List;

/** The nodes a master fans out to: health pulls, cluster checks and cluster bundles all ask it. */
public interface ClusterDirectory {

    /**
     * Every node of the cluster, masters first, each once (by IP). Throws {@link ClusterDirectoryException}
     * when the source of the list (e.g. the Mesos master) cannot be read.
     */
    List<ClusterNode> nodes();

    /** The node list could not be obtained. */
    final class ClusterDirectoryException extends RuntimeException {
        public ClusterDirectoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
