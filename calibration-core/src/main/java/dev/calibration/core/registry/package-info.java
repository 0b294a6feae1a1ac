/**
 * The file-system calibration registry: versions, human approval, atomic activation, rollback and a
 * hash-chained, tamper-evident audit log.
 *
 * <p>Start with {@link
 * dev.calibration.core.registry.FileSystemRegistry#builder(java.nio.file.Path)}.
 */
@NullMarked
package dev.calibration.core.registry;

import org.jspecify.annotations.NullMarked;
