package day2ops.common.rest;

import io.smallrye.config.ConfigMapping;

/** Who this service is; every service sets these in its application.properties. */
@ConfigMapping(prefix = "day2ops.service")
public interface ServiceIdentity {

    /** Short service name, e.g. {@code logs}. */
    String name();

    /** The permission id Adminrouter requires for this service's routes, e.g. {@code dcos:adminrouter:ops:system-logs}. */
    String permission();
}
