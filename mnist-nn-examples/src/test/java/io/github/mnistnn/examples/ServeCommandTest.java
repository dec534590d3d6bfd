package io.github.mnistnn.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.Activation;
import io.github.mnistnn.ModelFile;
import io.github.mnistnn.Network;
import io.github.mnistnn.NetworkSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} from the command line: it listens where told, offers the models given, and refuses bad options. */
class ServeCommandTest {
    @TempDir
    Path dir;

    /** One run's exit status and what it printed. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReferenceExperiment.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, () -> {
                    throw new AssertionError("the full MNIST is not to be loaded");
                });
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void servesTheModelFilesGivenUntilStopped() throws Exception {
        Path file = dir.resolve("tiny.mnn");
        ModelFile.save(Network.initialize(NetworkSpec.builder(784).layer(10, Activation.SOFTMAX).build(), 1), file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> ReferenceExperiment.run(
                new String[] {"serve", "--port=0", "--model", file.toString(), "--stop-after", "20"}, printed,
                System.err, false, () -> {
                    throw new AssertionError("the full MNIST is not to be loaded");
                }));
        Matcher address = null;
        for (int i = 0; i < 200 && (address == null || !address.find(0)); i++) {
            Thread.sleep(50);
            address = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString(
                    StandardCharsets.UTF_8));
        }
        assertThat(address.find(0)).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(address.group(1) + "api/models")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"id\":\"tiny\"");
        assertThat(serving.get()).isZero();
    }

    @Test
    void printsTheTokenTrainingNeedsWhenListeningBeyondLoopback() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> ReferenceExperiment.run(
                new String[] {"serve", "--host", "0.0.0.0", "--port=0", "--stop-after", "8"}, printed, errors,
                false, () -> {
                    throw new AssertionError("the full MNIST is not to be loaded");
                }));
        Matcher port = null;
        for (int i = 0; i < 200 && (port == null || !port.find(0)); i++) {
            Thread.sleep(50);
            port = Pattern.compile("serving http://0\\.0\\.0\\.0:(\\d+)/")
                    .matcher(out.toString(StandardCharsets.UTF_8));
        }
        assertThat(port.find(0)).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        Matcher token = Pattern.compile("needs the token ([0-9a-f]{32}) ")
                .matcher(err.toString(StandardCharsets.UTF_8));
        assertThat(token.find()).as(err.toString(StandardCharsets.UTF_8)).isTrue();
        URI train = URI.create("http://127.0.0.1:" + port.group(1) + "/api/train");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder run = HttpRequest.newBuilder(train).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\": \"small\", \"epochs\": 1}"));
        assertThat(client.send(run.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(client.send(run.header("Authorization", "Bearer " + token.group(1)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);
        assertThat(serving.get()).isZero();
    }

    @Test
    void refusesBadOptionsAndMissingModelsInOneLine() throws Exception {
        for (String[] args : new String[][] {{"serve", "--port", "70000"}, {"serve", "--port=http"},
            {"serve", "--rate", "0"}, {"serve", "--host", "no such host.invalid"}, {"serve", "--bogus"}}) {
            Result r = run(args);
            assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("mnist-nn: ").hasLineCount(1).doesNotContain("Exception");
        }
        Path broken = dir.resolve("broken.mnn");
        Files.writeString(broken, "not a model");
        for (Path model : new Path[] {dir.resolve("missing.mnn"), broken}) {
            Result r = run("serve", "--port=0", "--model", model.toString());
            assertThat(r.status()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("mnist-nn: ").hasLineCount(1).contains(model.toString())
                    .doesNotContain("\tat ");
        }
        Result help = run("serve", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--port=N").contains("--model=FILE").doesNotContain("--stop-after");
    }
}
