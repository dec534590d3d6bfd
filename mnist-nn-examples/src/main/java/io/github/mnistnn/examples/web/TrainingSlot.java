package io.github.mnistnn.examples.web;

import io.github.mnistnn.Evaluation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.Network;
import io.github.mnistnn.Trainer;
import io.github.mnistnn.TrainingDivergedException;
import io.github.mnistnn.data.ShippedMnist;
import io.github.mnistnn.data.TrainAndTest;
import io.github.mnistnn.examples.ExperimentOptions;
import io.github.mnistnn.examples.FullMnist;
import io.github.mnistnn.examples.PublishedRecipe;
import io.github.mnistnn.spi.Backend;
import io.github.mnistnn.spi.BackendUnavailableException;
import io.github.mnistnn.spi.Backends;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The page's training runs, one at a time on a thread of their own: a run asked for while one goes on is refused
 * with 409. Each run opens its backend when asked (so an unknown or unavailable one is refused at once), loads
 * its data, trains with a {@link TrainingJob} listening, measures the training and the test set and offers the
 * network as a model ({@code trained-N}; the last {@value #KEPT} are kept).
 *
 * <pre>{@code
 * TrainingSlot slot = new TrainingSlot(models, Mnist::full);
 * TrainingJob job = slot.start(TrainRequest.parse("{\"data\": \"small\", \"epochs\": 5}"));
 * }</pre>
 */
final class TrainingSlot implements AutoCloseable {
    /** How many models trained from the page the catalog keeps. */
    static final int KEPT = 5;
    private static final System.Logger LOG = System.getLogger(TrainingSlot.class.getName());

    private final ModelCatalog models;
    private final FullMnist full;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "page-training");
        t.setDaemon(true);
        return t;
    });
    private final Deque<String> trained = new ArrayDeque<>();
    private TrainingJob current;
    private TrainingJob lastResults;
    private int started;

    TrainingSlot(ModelCatalog models, FullMnist full) {
        this.models = models;
        this.full = full;
    }

    /**
     * Starts a run.
     *
     * @param request what to train
     * @return the run, already going
     * @throws ApiException 409 while another runs, 400 naming {@code backend} if no backend has that name or it
     *         cannot open
     */
    synchronized TrainingJob start(TrainRequest request) {
        if (current != null && current.state() == TrainingJob.State.RUNNING) {
            throw new ApiException(409, null, "training run " + current.id() + " is still going; cancel it or "
                    + "wait for it to end");
        }
        if (!Backends.names().contains(request.backend())) {
            throw new ApiException(400, "backend", "no backend named '" + request.backend() + "'; available: "
                    + String.join(", ", Backends.names()));
        }
        Backend backend;
        try {
            backend = Backends.open(request.backend());
        } catch (BackendUnavailableException e) {
            throw new ApiException(400, "backend", "backend " + request.backend() + " cannot open: "
                    + e.getMessage());
        }
        TrainingJob job = new TrainingJob(++started, request);
        current = job;
        runner.execute(() -> run(job, backend));
        return job;
    }

    private void run(TrainingJob job, Backend backend) {
        try (backend) {
            TrainRequest request = job.request();
            LabeledData training;
            LabeledData test;
            PublishedRecipe.Prepared prepared = null;
            if (request.recipe() != null) {
                prepared = request.recipe().prepare(full.load(), request.seed());
                training = prepared.training();
                test = prepared.test();
            } else {
                TrainAndTest data = data(request.options()).digitTask(request.options().digits());
                training = data.training();
                test = data.test();
            }
            job.measureOn(test, training.size());
            if (job.cancelRequested()) {
                job.finish(null, null, null);
                return;
            }
            Trainer.Builder trainer;
            if (prepared != null) {
                trainer = request.recipe().trainer(prepared, request.epochs(), request.seed());
            } else {
                ExperimentOptions o = request.options();
                trainer = Trainer.builder().rule(o.rule()).learningRate(o.learningRate()).epochs(o.epochs())
                        .batchSize(o.batchSize()).seed(o.seed());
            }
            Network network = trainer.backend(backend).listener(job).build().train(
                    prepared != null ? request.recipe().spec() : request.options().spec(), training);
            Evaluation onTraining = network.evaluate(training);
            Evaluation onTest = network.evaluate(test);
            String id = job.cancelRequested() ? null : offer(job, network, onTest);
            job.finish(onTraining, onTest, id);
            synchronized (this) {
                lastResults = job;
            }
        } catch (TrainingDivergedException e) {
            job.fail("diverged: " + e.getMessage());
        } catch (IOException e) {
            job.fail("the data cannot be loaded: " + e.getMessage() + " (run the fetch command first)");
        } catch (RuntimeException | Error e) {
            // Out of memory, say: the run is over and says so; the server goes on.
            LOG.log(Level.WARNING, "training run " + job.id() + " failed", e);
            job.fail("failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        }
    }

    private TrainAndTest data(ExperimentOptions options) throws IOException {
        return switch (options.data()) {
            case SMALL -> ShippedMnist.small();
            case SUBSET -> ShippedMnist.subset();
            case FULL -> full.load();
        };
    }

    /** Adds the network to the catalog, dropping the oldest model trained here past {@value #KEPT}. */
    private synchronized String offer(TrainingJob job, Network network, Evaluation test) {
        String id = "trained-" + job.id();
        models.add(new ModelCatalog.Entry(id, String.format(java.util.Locale.ROOT,
                "trained from the page: %s; test accuracy %.2f %%", job.request().describe(),
                100 * test.accuracy()), job.request().labels(), network));
        trained.addLast(id);
        while (trained.size() > KEPT) {
            models.remove(trained.removeFirst());
        }
        return id;
    }

    /**
     * Asks the run in progress to stop after its current batch.
     *
     * @return the run
     * @throws ApiException 409 if none is running
     */
    synchronized TrainingJob cancel() {
        if (current == null || current.state() != TrainingJob.State.RUNNING) {
            throw new ApiException(409, null, "no training run is going");
        }
        current.cancel();
        return current;
    }

    /** The latest run, or {@code null} before the first. */
    synchronized TrainingJob current() {
        return current;
    }

    /** The latest run that ended with results, or {@code null}. */
    synchronized TrainingJob lastResults() {
        return lastResults;
    }

    /** Cancels the run in progress and stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (current != null) {
                current.cancel();
            }
        }
        runner.shutdown();
    }
}
