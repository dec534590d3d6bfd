package io.github.mnistnn.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Opens backends by name through {@link java.util.ServiceLoader}. The core module provides {@code "cpu"}.
 *
 * <pre>{@code
 * try (Backend cpu = Backends.open("cpu")) {
 *     System.out.println(cpu.name());
 * }
 * }</pre>
 */
public final class Backends {
    private Backends() {
    }

    /**
     * Opens a new instance of the backend with the given name.
     *
     * @param name the provider's name, such as {@code "cpu"} or {@code "opencl"}
     * @return the open backend, owned by the caller
     * @throws BackendUnavailableException if no provider, or more than one, has that name, or it cannot open
     */
    public static Backend open(String name) {
        return provider(name).open();
    }

    /**
     * Checks that the backend with the given name would open, without opening it where its provider can tell
     * otherwise ({@link BackendProvider#probe()}).
     *
     * @param name the provider's name
     * @throws BackendUnavailableException if no provider, or more than one, has that name, or it cannot open
     */
    public static void probe(String name) {
        provider(name).probe();
    }

    private static BackendProvider provider(String name) {
        List<BackendProvider> matching = new ArrayList<>();
        for (BackendProvider provider : providers()) {
            if (provider.name().equals(name)) {
                matching.add(provider);
            }
        }
        if (matching.isEmpty()) {
            throw new BackendUnavailableException("no backend named '" + name + "'; available: " + names()
                    + ". Add the module that provides it (for 'opencl': io.github.mnistnn:mnist-nn-opencl)");
        }
        if (matching.size() > 1) {
            throw new BackendUnavailableException("two or more backends are named '" + name + "': "
                    + matching.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + "; keep one of them on the class or module path");
        }
        return matching.get(0);
    }

    /**
     * The names of every backend provider that can be found.
     *
     * @return the names, in discovery order
     */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (BackendProvider provider : providers()) {
            names.add(provider.name());
        }
        return names;
    }

    private static Iterable<BackendProvider> providers() {
        return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader());
    }
}
