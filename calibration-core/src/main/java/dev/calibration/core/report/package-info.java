/**
 * Human-readable reports of a calibration run or proposal: Markdown, JSON and one self-contained
 * HTML file with inline SVG reliability diagrams that opens from disk without network access.
 */
@NullMarked
package dev.calibration.core.report;

import org.jspecify.annotations.NullMarked;
