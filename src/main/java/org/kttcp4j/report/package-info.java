/**
 * Internal: what the library writes of a run: the result document as JSON ({@link
 * org.kttcp4j.report.JsonReporter}, a file whole at every step), the JSON stream of events (which the
 * two-process loopback's child also speaks, {@link org.kttcp4j.report.ChildEventWriter}), and the thresholds a
 * run is judged by. The command line's other formats (text, the C tool's lines, CSV, JUnit XML) are in
 * org.kttcp4j.formats, in the command line's artifact.
 */
package org.kttcp4j.report;
