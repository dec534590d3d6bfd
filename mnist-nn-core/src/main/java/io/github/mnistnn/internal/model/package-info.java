/**
 * The representation of a {@link io.github.mnistnn.NetworkSpec} before it has weights
 * ({@link io.github.mnistnn.internal.model.LayerPlan}) and the model file's layers and provenance: how
 * {@link io.github.mnistnn.ModelFile} writes them and decodes them, every size checked against the bytes left
 * before anything is allocated. Not exported.
 */
package io.github.mnistnn.internal.model;
