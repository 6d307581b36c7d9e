/**
 * Internal: the picocli command line. It parses, builds one {@link org.kttcp4j.run.Run}, chooses one reporter and
 * maps the outcome to the exit status table (README.md).
 */
package org.kttcp4j.cli;
