/**
 * Turns measurements into a change a person can approve: calibration maps, bounded factor and
 * ensemble-weight suggestions, safety gates with a risk score, and the immutable proposal
 * that packages them with their provenance.
 */
@NullMarked
package dev.calibration.core.propose;

import org.jspecify.annotations.NullMarked;
