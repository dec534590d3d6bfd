package io.github.mnistnn.opencl.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs an OpenCL device. Where none can be found it is reported as skipped, once,
 * with the reason and what to install (see {@link OpenClDeviceCondition}); with {@code CI=true} it runs and fails.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OpenClDeviceCondition.class)
@interface RequiresOpenClDevice {
}
