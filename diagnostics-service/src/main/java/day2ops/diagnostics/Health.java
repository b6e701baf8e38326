package day2ops.diagnostics;

/** The health values of the DC/OS health API. */
public final class Health {

    public static final int HEALTHY = 0;
    public static final int UNHEALTHY = 1;
    /** The node could not be asked (unreachable, timed out). */
    public static final int UNKNOWN = 3;

    private Health() {
    }
}
