package io.billingbridge.core.admin;

/** Counts the figures of the support console's overview, cheaply enough to run on every refresh. */
public interface Overviews {

    /** The figures as they stand now. */
    OverviewFigures count();
}
