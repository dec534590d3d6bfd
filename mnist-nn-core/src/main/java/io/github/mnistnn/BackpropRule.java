package io.github.mnistnn;

/**
 * How the output error is sent back through the hidden layers. Both rules start from the same output delta
 * {@code S_L} (for softmax with cross-entropy, {@code a_L - y}), compute every {@code S_k} from the old weights,
 * then update every layer with {@code W_k <- W_k - lr a_(k-1) S_k^T} and {@code b_k <- b_k - lr S_k}.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().rule(BackpropRule.UHB).learningRate(0.001).build();
 * }</pre>
 */
public enum BackpropRule {
    /**
     * Calculus-based backpropagation, the chain rule: {@code S_k = diag(sigma'(n_k)) W_(k+1) S_(k+1)}. The
     * updates follow the true gradient of the loss.
     */
    CB,
    /**
     * The unscaled heuristic: the raw error goes back through the weights with no derivatives,
     * {@code e_L = y - a_L}, {@code e_k = W_(k+1) e_(k+1)}, and each layer scales it only by its own derivative,
     * {@code S_k = -2 diag(sigma'(n_k)) e_k}. It is not a gradient: deeper layers get larger steps.
     */
    UHB
}
