package io.github.mnistnn.opencl.internal;

import io.github.mnistnn.spi.BackendUnavailableException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Finds the OpenCL device a {@link DeviceSelection} asks for, or says what was found instead. A missing OpenCL
 * library, no platform and no matching device each throw a {@link BackendUnavailableException} that says what to
 * install or change; there is never a fallback to the CPU backend.
 */
final class DeviceSelector {
    private static final System.Logger LOG = System.getLogger(DeviceSelector.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean LOGGED_DEFAULT =
            new java.util.concurrent.atomic.AtomicBoolean();

    private DeviceSelector() {
    }

    /**
     * Turns on JOCL's exceptions, checking that the OpenCL library loads.
     *
     * @throws BackendUnavailableException if JOCL or the OpenCL ICD loader cannot be loaded
     */
    static void loadLibrary() {
        try {
            CL.setExceptionsEnabled(true);
        } catch (LinkageError e) {
            throw new BackendUnavailableException("the OpenCL library could not be loaded (" + e + "); "
                    + ClStatus.INSTALL_HINT, e);
        }
    }

    /**
     * Every device on every platform, in platform order.
     *
     * @return the devices; empty platforms contribute none
     * @throws BackendUnavailableException if the library is missing or no platform exists
     */
    static List<OpenClDevice> all() {
        loadLibrary();
        cl_platform_id[] platforms;
        try {
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            platforms = new cl_platform_id[count[0]];
            if (count[0] > 0) {
                CL.clGetPlatformIDs(count[0], platforms, null);
            }
        } catch (CLException e) {
            throw noPlatform(CL.stringFor_errorCode(e.getStatus()));
        } catch (LinkageError e) {
            throw new BackendUnavailableException("the OpenCL library could not be loaded (" + e + "); "
                    + ClStatus.INSTALL_HINT, e);
        }
        if (platforms.length == 0) {
            throw noPlatform("0 platforms");
        }
        List<OpenClDevice> devices = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            for (cl_device_id id : devicesOf(platforms[p])) {
                devices.add(OpenClDevice.describe(platforms[p], p, id));
            }
        }
        return devices;
    }

    private static BackendUnavailableException noPlatform(String found) {
        return new BackendUnavailableException("no OpenCL platform was found (" + found + "); " + ClStatus.INSTALL_HINT
                + ", and check that /etc/OpenCL/vendors (or OCL_ICD_VENDORS) names its .icd file");
    }

    private static cl_device_id[] devicesOf(cl_platform_id platform) {
        try {
            int[] count = new int[1];
            CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, count);
            cl_device_id[] ids = new cl_device_id[count[0]];
            if (count[0] > 0) {
                CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, count[0], ids, null);
            }
            return ids;
        } catch (CLException e) {
            return new cl_device_id[0];
        }
    }

    /**
     * Picks the device.
     *
     * @param selection what the user asked for
     * @return the device
     * @throws BackendUnavailableException if nothing matches, listing every device found
     */
    static OpenClDevice select(DeviceSelection selection) {
        List<OpenClDevice> found = all();
        List<OpenClDevice> candidates = new ArrayList<>();
        for (OpenClDevice d : found) {
            boolean platformOk = selection.platformIndex() < 0 || d.platformIndex() == selection.platformIndex();
            boolean nameOk = selection.deviceName() == null || d.name().toLowerCase(Locale.ROOT)
                    .contains(selection.deviceName().toLowerCase(Locale.ROOT));
            if (platformOk && nameOk) {
                candidates.add(d);
            }
        }
        if (selection.deviceIndex() >= candidates.size()) {
            throw notFound(selection, found, candidates.size() + " candidate device(s), so device index "
                    + selection.deviceIndex() + " is out of range");
        }
        if (candidates.isEmpty()) {
            throw notFound(selection, found, "no device matches");
        }
        if (selection.deviceIndex() >= 0) {
            return candidates.get(selection.deviceIndex());
        }
        for (OpenClDevice d : candidates) {
            if (d.gpu()) {
                return d;
            }
        }
        OpenClDevice chosen = candidates.get(0);
        // Said once per JVM at INFO (a test suite opens hundreds of backends), every other time at DEBUG.
        LOG.log(LOGGED_DEFAULT.getAndSet(true) ? Level.DEBUG : Level.INFO, () -> "no OpenCL GPU found; using the first OpenCL device, " + chosen
                + " (an OpenCL device, not the CPU backend)");
        return chosen;
    }

    private static BackendUnavailableException notFound(DeviceSelection selection, List<OpenClDevice> found,
            String why) {
        StringBuilder list = new StringBuilder();
        for (OpenClDevice d : found) {
            list.append(list.length() == 0 ? "" : "; ").append(d);
        }
        return new BackendUnavailableException("no OpenCL device for " + selection + ": " + why + ". Found: "
                + (found.isEmpty() ? "no devices" : list) + ". Change the selection (builder, or the system properties "
                + DeviceSelection.PLATFORM_PROPERTY + ", " + DeviceSelection.DEVICE_INDEX_PROPERTY + ", "
                + DeviceSelection.DEVICE_PROPERTY + ")");
    }
}
