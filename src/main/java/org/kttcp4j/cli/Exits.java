package org.kttcp4j.cli;

/** Exit codes, the C kttcp tool's: 1 for bad usage, 2 for a run that failed. */
final class Exits {
    static final int OK = 0;
    static final int USAGE = 1;
    static final int RUNTIME = 2;

    private Exits() {}
}
