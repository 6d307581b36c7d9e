/**
 * What a transfer measured and the figures derived from it, each defined once. API: the types marked
 * {@link org.kttcp4j.PublicApi}.
 */
package org.kttcp4j.measure;
