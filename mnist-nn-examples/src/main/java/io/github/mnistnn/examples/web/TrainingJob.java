package io.github.mnistnn.examples.web;

import io.github.mnistnn.EpochReport;
import io.github.mnistnn.Evaluation;
import io.github.mnistnn.LabeledData;
import io.github.mnistnn.ProgressReport;
import io.github.mnistnn.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * One training run started from the page, as its watchers see it: its state, the figures of every epoch so far,
 * the running figures within the epoch, and, once it ends, the confusion matrices of the training and the test
 * set. Every change is also an event ({@code started}, {@code progress}, {@code epoch}, {@code finished}) kept
 * in order, numbered from 1, for {@code GET /api/events} to stream and a reconnecting client to resume from.
 * The run listens to itself: {@link #cancel()} stops it after the batch in progress. Thread-safe.
 *
 * <pre>{@code
 * TrainingJob job = new TrainingJob(1, request, test);
 * trainer.listener(job);
 * }</pre>
 */
final class TrainingJob implements TrainingListener {
    /** Where a run is. */
    enum State {
        RUNNING, DONE, CANCELLED, FAILED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One epoch's figures. */
    record EpochPoint(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds) {
    }

    private final int id;
    private final TrainRequest request;
    private volatile LabeledData test;
    private volatile int interval = 50;
    private final List<EpochPoint> epochs = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private State state = State.RUNNING;
    private volatile boolean cancelRequested;
    private ProgressReport progress;
    private String message = "";
    private String modelId;
    private Evaluation trainingResult;
    private Evaluation testResult;

    /**
     * A run about to start.
     *
     * @param id its number
     * @param request what it trains
     */
    TrainingJob(int id, TrainRequest request) {
        this.id = id;
        this.request = request;
        synchronized (this) {
            add("started", status());
        }
    }

    /**
     * Sets what the run is measured on, once its data is loaded and before it trains.
     *
     * @param testData the data each epoch's test accuracy is measured on
     * @param trainingSize the samples in an epoch, which sets how often progress is reported (about 40 times
     *        an epoch, at most every 50 samples)
     */
    void measureOn(LabeledData testData, int trainingSize) {
        this.test = testData;
        this.interval = Math.max(50, trainingSize / 40);
    }

    int id() {
        return id;
    }

    TrainRequest request() {
        return request;
    }

    /** Asks the run to stop after the batch in progress; it then ends {@code cancelled}. */
    void cancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    synchronized State state() {
        return state;
    }

    @Override
    public int progressInterval() {
        return interval;
    }

    @Override
    public Decision onProgress(ProgressReport report) {
        synchronized (this) {
            progress = report;
            add("progress", new JsonWriter().beginObject().name("job").value(id).name("epoch").value(report.epoch())
                    .name("epochs").value(request.epochs()).name("samplesDone").value(report.samplesDone())
                    .name("samplesInEpoch").value(report.samplesInEpoch()).name("loss").figure(report.loss())
                    .endObject());
        }
        return cancelRequested ? Decision.STOP : Decision.CONTINUE;
    }

    @Override
    public Decision onEpochEnd(EpochReport report) {
        double testAccuracy = report.network().evaluate(test).accuracy();
        EpochPoint point = new EpochPoint(report.epoch(), report.loss(), report.accuracy(), testAccuracy,
                report.elapsed().toNanos() / 1e9);
        synchronized (this) {
            epochs.add(point);
            progress = null;
            add("epoch", point(new JsonWriter().beginObject().name("job").value(id).name("epochs")
                    .value(request.epochs()), point).endObject());
        }
        return cancelRequested ? Decision.STOP : Decision.CONTINUE;
    }

    /**
     * Ends the run with its results: {@code done}, or {@code cancelled} if it was asked to stop.
     *
     * @param training the network measured on the training set, or {@code null} if it never trained
     * @param testSet the same on the test set
     * @param model the id it is offered under, or {@code null}
     */
    synchronized void finish(Evaluation training, Evaluation testSet, String model) {
        trainingResult = training;
        testResult = testSet;
        modelId = model;
        if (!cancelRequested) {
            end(State.DONE, "done");
        } else {
            end(State.CANCELLED, training == null ? "cancelled before training began"
                    : "cancelled after " + epochs.size() + " epoch(s)");
        }
    }

    /** Ends the run as failed, with a message for the page. */
    synchronized void fail(String why) {
        end(State.FAILED, why);
    }

    private void end(State how, String why) {
        state = how;
        message = why;
        progress = null;
        add("finished", results());
    }

    /** Appends an event and wakes the streams waiting for one. */
    private void add(String name, JsonWriter data) {
        events.add("id: " + (events.size() + 1) + "\nevent: " + name + "\ndata: " + data + "\n\n");
        notifyAll();
    }

    /**
     * The events after the first {@code seen}, waiting up to {@code millis} for one if there is none yet.
     *
     * @param seen how many the caller has
     * @param millis how long to wait
     * @return the new events in order, empty if none came
     * @throws InterruptedException if interrupted while waiting
     */
    synchronized List<String> eventsAfter(int seen, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (events.size() <= seen && state == State.RUNNING) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return seen >= events.size() ? List.of() : List.copyOf(events.subList(Math.max(0, seen), events.size()));
    }

    /** Whether no event can follow the first {@code seen}. */
    synchronized boolean over(int seen) {
        return state != State.RUNNING && seen >= events.size();
    }

    /**
     * The run's state for {@code GET /api/status}.
     *
     * @return a JSON object
     */
    synchronized JsonWriter status() {
        JsonWriter json = new JsonWriter().beginObject().name("job").value(id).name("state").value(state.text())
                .name("request").value(request.describe()).name("epochs").value(request.epochs())
                .name("epochsDone").value(epochs.size()).name("message").value(message);
        if (progress != null) {
            json.name("samplesDone").value(progress.samplesDone()).name("samplesInEpoch")
                    .value(progress.samplesInEpoch()).name("loss").figure(progress.loss());
        }
        return history(json).endObject();
    }

    /**
     * The run's results for {@code GET /api/results} and the {@code finished} event: the history, and for a
     * run that ended with a network the accuracy and confusion matrix of the training and the test set.
     *
     * @return a JSON object
     */
    synchronized JsonWriter results() {
        JsonWriter json = new JsonWriter().beginObject().name("job").value(id).name("state").value(state.text())
                .name("message").value(message).name("request").value(request.describe())
                .name("model").value(modelId).name("labels").beginArray();
        for (String label : request.labels()) {
            json.value(label);
        }
        json.endArray();
        if (testResult != null) {
            confusion(json.name("training"), trainingResult);
            confusion(json.name("test"), testResult);
        }
        return history(json).endObject();
    }

    /** Whether the run ended with results to show. */
    synchronized boolean hasResults() {
        return testResult != null;
    }

    private JsonWriter history(JsonWriter json) {
        json.name("history").beginArray();
        for (EpochPoint p : epochs) {
            point(json.beginObject(), p).endObject();
        }
        return json.endArray();
    }

    private static JsonWriter point(JsonWriter json, EpochPoint p) {
        return json.name("epoch").value(p.epoch()).name("loss").figure(p.loss()).name("trainAccuracy")
                .figure(p.trainAccuracy()).name("testAccuracy").figure(p.testAccuracy()).name("seconds")
                .value(p.seconds());
    }

    private static void confusion(JsonWriter json, Evaluation e) {
        json.beginObject().name("accuracy").value(e.accuracy()).name("count").value(e.count()).name("confusion")
                .beginArray();
        for (long[] row : e.confusionMatrix()) {
            json.beginArray();
            for (long n : row) {
                json.value(n);
            }
            json.endArray();
        }
        json.endArray().endObject();
    }
}
