package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.BackendUnavailableException;
import org.jocl.CL;
import org.jocl.CLException;

/**
 * Turns a failed OpenCL call into this library's exceptions, naming the status, the operation and the shapes.
 * Running out of device memory or resources becomes a {@link BackendUnavailableException} that says what to
 * change; any other status an {@link IllegalStateException}.
 */
final class ClStatus {
    static final String INSTALL_HINT = "install an OpenCL ICD loader and a driver: on Debian or Ubuntu "
            + "'apt-get install ocl-icd-libopencl1 pocl-opencl-icd' for the CPU, or the GPU vendor's driver "
            + "(for NVIDIA its OpenCL ICD, libnvidia-opencl.so.1)";

    private ClStatus() {
    }

    /**
     * Translates a failed call.
     *
     * @param e the JOCL exception
     * @param operation what was being done, with the shapes
     * @return the exception to throw
     */
    static RuntimeException translate(CLException e, String operation) {
        int status = e.getStatus();
        String name = CL.stringFor_errorCode(status);
        if (status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE) {
            return new BackendUnavailableException("OpenCL " + operation + " failed with " + name
                    + ": the device ran out of memory or resources; use smaller batches or a smaller network, "
                    + "close matrices you no longer need, or choose a device with more memory", e);
        }
        return new IllegalStateException("OpenCL " + operation + " failed with " + name + " (" + status + ")", e);
    }
}
