/**
 * Internal: the result document as Jackson data classes, one definition for writing it (--json, --output,
 * --json-stream's events) and reading it back (compare, report; iperf3's -J files, whose shape it follows). It
 * depends on nothing of kttcp4j's, so every layer may use it: report/ maps a run's results into it, results/
 * reads files into it, and the two-process loopback can carry the same events between its processes.
 */
package org.kttcp4j.document;
