package eu.billing.customers.merge;

/** How a merge treats the target's profile fields. Both strategies union tags and merge metadata. */
public enum MergeStrategy {
    /** The target's fields stay as they are (the default). */
    KEEP_TARGET,
    /** Each target field that is null (empty, for lists) is filled from the source. */
    FILL_FROM_SOURCE
}
