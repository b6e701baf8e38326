package day2ops.metrics.container;

import java.io.IOException;
import java.util.List;

/** Where container metrics come from: the cgroup tree directly, or the Mesos agent. */
public interface ContainerSource {

    /** Stable name for logs and the {@code day2ops_collector_*} series: {@code cgroups}, {@code mesos}. */
    String name();

    /** Every container currently present, with its metrics. */
    List<ContainerSample> containers() throws IOException;
}
