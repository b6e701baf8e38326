package day2ops.journal;

import day2ops.journal.testing.IsolatedJournald;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests an {@link IsolatedJournald}, started once for the whole test run and stopped (with its
 * namespace removed) when the run ends. On a machine that cannot run it, every test using it is
 * aborted with the reason printed and reported — never silently passed.
 */
final class JournaldExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(JournaldExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        journald(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IsolatedJournald.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return journald(context);
    }

    private static IsolatedJournald journald(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(STORE);
        String reason = store.computeIfAbsent("unavailable", k -> {
            String why = IsolatedJournald.unavailableReason();
            if (why != null) {
                System.err.println("[journal tests] SKIPPING tests that need a real journald: " + why);
            }
            return why == null ? "" : why;
        }, String.class);
        if (!reason.isEmpty()) {
            throw new TestAbortedException("no isolated journald on this machine: " + reason);
        }
        return store.computeIfAbsent("journald", k -> {
            try {
                return IsolatedJournald.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the isolated journald", e);
            }
        }, IsolatedJournald.class);
    }
}
