/**
 * Internal: the output formats, each a {@link org.kttcp4j.run.RunListener} (text, the C tool's lines, JSON, JSON
 * stream).
 */
package org.kttcp4j.report;
