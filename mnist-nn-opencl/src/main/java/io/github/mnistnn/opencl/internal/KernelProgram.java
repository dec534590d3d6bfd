package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.opencl.Precision;
import io.github.mnistnn.spi.BackendUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * The backend's one OpenCL program, built once per backend instance from the {@code .cl} resources beside this
 * class, with its constants given as {@code -D} options; and the kernels made from it, each created once. Owns the
 * program and kernel handles and releases them in reverse order.
 */
final class KernelProgram implements AutoCloseable {
    /** The tile edge of the GEMM kernel; a work-group is {@code TILE x TILE}. */
    static final int TILE = 16;
    /** The most layers the fused online kernel takes. */
    static final int MAX_LAYERS = 8;

    /** The kernel sources, in the order they are joined; rowmath is instantiated once per address space. */
    private static final String[] SOURCES = {"common.cl", "rowmath.cl:__global:g", "rowmath.cl:__local:l",
        "gemm.cl", "rows.cl", "update.cl", "convolution.cl", "batchnorm.cl", "online.cl"};

    private final ClHandle<cl_program> program;
    private final Map<String, ClHandle<cl_kernel>> kernels = new HashMap<>();
    private final List<ClHandle<cl_kernel>> creationOrder = new ArrayList<>();

    private KernelProgram(ClHandle<cl_program> program) {
        this.program = program;
    }

    /**
     * Builds the backend's program.
     *
     * @param context the context
     * @param device the device
     * @param precision the element type
     * @return the program
     * @throws BackendUnavailableException if the build fails, with the full build log
     */
    static KernelProgram build(cl_context context, cl_device_id device, Precision precision) {
        String options = "-DREAL=" + precision.clType() + " -DTS=" + TILE + " -DMAX_LAYERS=" + MAX_LAYERS
                + (precision == Precision.FLOAT64 ? " -DUSE_DOUBLE" : "");
        return build(context, device, source(), options);
    }

    /**
     * Builds a program from source.
     *
     * @param context the context
     * @param device the device
     * @param source the OpenCL C source
     * @param options the build options
     * @return the program
     * @throws BackendUnavailableException if the build fails, with the full build log
     */
    static KernelProgram build(cl_context context, cl_device_id device, String source, String options) {
        ClHandle<cl_program> program;
        try {
            program = ClHandle.own("program", CL.clCreateProgramWithSource(context, 1, new String[] {source}, null,
                    null), CL::clReleaseProgram);
        } catch (CLException e) {
            throw ClStatus.translate(e, "clCreateProgramWithSource");
        }
        try {
            CL.clBuildProgram(program.get(), 1, new cl_device_id[] {device}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program.get(), device);
            program.close();
            throw new BackendUnavailableException("the OpenCL kernels failed to build (" + CL.stringFor_errorCode(
                    e.getStatus()) + ") with options '" + options + "'; update the device's OpenCL driver or choose "
                    + "another device. Build log:\n" + log, e);
        }
        return new KernelProgram(program);
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] bytes = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device, CL.CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        } catch (CLException e) {
            return "(no build log: " + CL.stringFor_errorCode(e.getStatus()) + ")";
        }
    }

    /**
     * The joined kernel sources.
     *
     * @return the OpenCL C source of the whole program
     */
    static String source() {
        StringBuilder all = new StringBuilder();
        for (String entry : SOURCES) {
            String[] parts = entry.split(":");
            String text = resource(parts[0]);
            if (parts.length == 3) {
                text = text.replace("SPACE", parts[1]).replace("_SFX", "_" + parts[2]);
            }
            all.append("// ---- ").append(entry).append('\n').append(text).append('\n');
        }
        return all.toString();
    }

    private static String resource(String name) {
        try (InputStream in = KernelProgram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel source " + name, e);
        }
    }

    /**
     * The kernel of that name, created on first use.
     *
     * @param name the kernel function's name
     * @return the kernel, owned by this program
     */
    cl_kernel kernel(String name) {
        ClHandle<cl_kernel> kernel = kernels.get(name);
        if (kernel == null) {
            try {
                kernel = ClHandle.own("kernel " + name, CL.clCreateKernel(program.get(), name, null),
                        CL::clReleaseKernel);
            } catch (CLException e) {
                throw ClStatus.translate(e, "clCreateKernel " + name);
            }
            kernels.put(name, kernel);
            creationOrder.add(kernel);
        }
        return kernel.get();
    }

    @Override
    public void close() {
        for (int i = creationOrder.size() - 1; i >= 0; i--) {
            creationOrder.get(i).close();
        }
        creationOrder.clear();
        kernels.clear();
        program.close();
    }
}
