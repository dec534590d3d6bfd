package io.github.mnistnn.examples;

import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.examples.web.DigitServer;
import io.github.mnistnn.examples.web.ModelCatalog;
import io.github.mnistnn.examples.web.ServerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code serve} subcommand: the draw-and-predict web app and its JSON API ({@link DigitServer}) on
 * 127.0.0.1 unless told otherwise, with the pretrained models of the jar and any model files given; it runs
 * until stopped (Ctrl-C).
 *
 * <pre>{@code
 * java -jar mnist-nn-examples.jar serve --port 8080 --model results/keras-cnn/model.mnn
 * }</pre>
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = {"Serves the draw-and-predict web app and its JSON API until stopped (Ctrl-C).",
            "Draw a digit or click a test image and see the class and every probability; the API is "
                + "described in mnist-nn-examples/README.md."},
        descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:stopped", "1:failed", "2:bad options"})
final class ServeCommand implements Callable<Integer> {
    private final Invocation invocation;
    private int port;
    private InetAddress host;
    private final List<Path> models = new ArrayList<>();
    private double rate;

    @Option(names = "--stop-after", hidden = true, paramLabel = "SECONDS",
            description = "stop after this long (for tests)")
    private long stopAfter;

    ServeCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "the port, 1 to 65535, or 0 for any free one (${DEFAULT-VALUE})")
    private void port(String value) throws UsageException {
        long n = OptionValues.wholeNumber("--port", value);
        if (n < 0 || n > 65535) {
            throw new UsageException("--port: expected 0 to 65535, got '" + value + "'");
        }
        port = (int) n;
    }

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to listen on (${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "interface)")
    private void host(String value) throws UsageException {
        try {
            host = InetAddress.getByName(value);
        } catch (UnknownHostException | SecurityException e) {
            throw new UsageException("--host: '" + value + "' is not an address of this machine");
        }
    }

    @Option(names = "--model", paramLabel = "FILE",
            description = "a model file (.mnn) to offer besides the pretrained ones; may be given more than once")
    private void model(String value) {
        models.add(Path.of(value));
    }

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "API requests a second each client may make, bursts of twice that (${DEFAULT-VALUE})")
    private void rate(String value) throws UsageException {
        rate = OptionValues.positiveDouble("--rate", value);
    }

    /**
     * Serves until stopped.
     *
     * @return 0 when stopped, 1 if a model cannot be loaded or the port cannot be listened on
     */
    @Override
    public Integer call() {
        try {
            ModelCatalog catalog = ModelCatalog.bundled();
            for (Path file : models) {
                Network network = ModelFile.load(file);
                String id = file.getFileName().toString().replaceFirst("\\.mnn$", "");
                catalog.add(new ModelCatalog.Entry(id, "loaded from " + file,
                        ModelCatalog.defaultLabels(network.outputWidth()), network));
            }
            ServerSettings settings = ServerSettings.loopback(port).withAddress(host).withRateLimit(rate, 2 * rate);
            CountDownLatch stopped = new CountDownLatch(1);
            try (DigitServer server = DigitServer.start(settings, catalog, ShippedMnist.subset().test(),
                    invocation.full())) {
                Thread hook = new Thread(stopped::countDown, "serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                String shown = host.getHostAddress().contains(":") ? "[" + host.getHostAddress() + "]"
                        : host.getHostAddress();
                invocation.out().println("serving http://" + shown + ":" + server.port() + "/ with "
                        + catalog.entries().size() + " model(s); Ctrl-C stops");
                if (!host.isLoopbackAddress()) {
                    invocation.err().println("note: listening on " + host.getHostAddress()
                            + ", so other machines can reach the API; training from the page needs the token "
                            + settings.token() + " (the page asks for it; the API takes it as Authorization: "
                            + "Bearer TOKEN)");
                }
                if (stopAfter > 0) {
                    stopped.await(stopAfter, TimeUnit.SECONDS);
                    Runtime.getRuntime().removeShutdownHook(hook);
                } else {
                    stopped.await();
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Throwable e) {
            return CommandFailure.report(e, invocation.err(), null, 0);
        }
    }
}
