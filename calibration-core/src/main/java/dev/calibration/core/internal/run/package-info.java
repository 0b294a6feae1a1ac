/**
 * The calibration run's fast path: chunked, parallel scanning of prediction logs and outcome files
 * into primitive columns, the id hash table and the join. Internal: not API, may change at any
 * time.
 */
@NullMarked
package dev.calibration.core.internal.run;

import org.jspecify.annotations.NullMarked;
