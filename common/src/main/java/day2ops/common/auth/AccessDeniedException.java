package day2ops.common.auth;

import io.quarkus.security.ForbiddenException;

/**
 * A 403 decided by a service itself (per application, per container, per task): carries the permission
 * that was missing, so that the problem+json mapper records the denial with it.
 */
public class AccessDeniedException extends ForbiddenException {

    private static final long serialVersionUID = 1L;

    private final String permission;

    /** @param detail the problem+json detail; name the permission in it, as clients see only this */
    public AccessDeniedException(String permission, String detail) {
        super(detail);
        this.permission = permission;
    }

    /** The permission id the caller lacked. */
    public String permission() {
        return permission;
    }
}
