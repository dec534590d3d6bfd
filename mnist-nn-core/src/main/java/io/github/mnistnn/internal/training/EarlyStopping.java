package io.github.mnistnn.internal.training;

import io.github.mnistnn.Network;

/**
 * Keeps the network of the epoch with the lowest validation loss and says when the loss has not improved for
 * {@code patience} epochs.
 */
public final class EarlyStopping {
    private final int patience;
    private Network best;
    private ValidationScore bestScore;
    private int bestEpoch;

    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Records an epoch.
     *
     * @return whether training should stop now
     */
    boolean record(int epoch, ValidationScore score, Network network) {
        if (bestScore == null || score.loss() < bestScore.loss()) {
            best = network;
            bestScore = score;
            bestEpoch = epoch;
        }
        return epoch - bestEpoch >= patience;
    }

    Network best() {
        return best;
    }

    ValidationScore bestScore() {
        return bestScore;
    }

    int bestEpoch() {
        return bestEpoch;
    }
}
