package io.github.mnistnn.opencl.internal;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device as found by {@link DeviceSelector}, with the capabilities the backend needs.
 *
 * @param platform the platform handle (not owned: platforms are never released)
 * @param device the device handle (not owned: root devices are never released)
 * @param platformIndex position of the platform
 * @param platformName the platform's name
 * @param name the device's name
 * @param gpu whether the device reports {@code CL_DEVICE_TYPE_GPU}
 * @param fp64 whether the device reports {@code cl_khr_fp64}
 * @param maxAllocBytes {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}
 * @param localMemBytes {@code CL_DEVICE_LOCAL_MEM_SIZE}
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 */
record OpenClDevice(cl_platform_id platform, cl_device_id device, int platformIndex, String platformName,
        String name, boolean gpu, boolean fp64, long maxAllocBytes, long localMemBytes, long maxWorkGroupSize) {

    static OpenClDevice describe(cl_platform_id platform, int platformIndex, cl_device_id device) {
        long[] type = new long[1];
        CL.clGetDeviceInfo(device, CL.CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
        String extensions = deviceString(device, CL.CL_DEVICE_EXTENSIONS);
        return new OpenClDevice(platform, device, platformIndex, platformString(platform, CL.CL_PLATFORM_NAME),
                deviceString(device, CL.CL_DEVICE_NAME).trim(), (type[0] & CL.CL_DEVICE_TYPE_GPU) != 0,
                extensions.contains("cl_khr_fp64"), deviceLong(device, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                deviceLong(device, CL.CL_DEVICE_LOCAL_MEM_SIZE), deviceSize(device, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE));
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_long, Pointer.to(value), null);
        return value[0];
    }

    private static long deviceSize(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(value), null);
        return Sizeof.size_t == 4 ? value[0] & 0xffffffffL : value[0];
    }

    private static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A one-line description for logs, messages and the backend's name. */
    @Override
    public String toString() {
        return "'" + name + "' (" + (gpu ? "GPU" : "not a GPU") + ") on platform " + platformIndex + " '"
                + platformName + "'";
    }
}
