package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.BackendUnavailableException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables tests marked {@link RequiresOpenClDevice} where no OpenCL device can be found, with one line saying why
 * and what to install. The platforms are probed once per test run. When the environment variable {@code CI} is
 * {@code true} the tests stay enabled, so a missing platform fails them (through {@link OpenClAvailability}).
 */
final class OpenClDeviceCondition implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(OpenClDeviceCondition.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equals(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: OpenCL tests always run");
        }
        String reason = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("probe", key -> probe(), String.class);
        return reason.isEmpty() ? ConditionEvaluationResult.enabled("an OpenCL device was found")
                : ConditionEvaluationResult.disabled(reason);
    }

    /**
     * Empty if a device exists, else why not and what to install (the backend's own message says both), which is
     * also printed once, so the build log says why the OpenCL tests were skipped.
     */
    private static String probe() {
        try {
            DeviceSelector.all();
            return "";
        } catch (BackendUnavailableException e) {
            String reason = "OpenCL tests skipped: " + e.getMessage() + " (with CI=true this is a failure)";
            System.err.println(reason);
            return reason;
        }
    }
}
