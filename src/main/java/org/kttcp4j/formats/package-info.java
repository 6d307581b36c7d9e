/**
 * Internal: the command line's output formats, each a {@link org.kttcp4j.run.RunListener}: text, the C tool's
 * lines, CSV, JUnit XML. The library's JSON writers and thresholds are in org.kttcp4j.report.
 */
package org.kttcp4j.formats;
