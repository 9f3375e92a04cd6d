package dev.sendmail.api;

/** The outcome of one recipient. */
public enum DeliveryStatus {
    /** The server accepted responsibility for the message (250 after the final dot). */
    DELIVERED,
    /** A temporary failure; trying again later may succeed. */
    DEFERRED,
    /** A permanent failure; trying again will not help. */
    FAILED
}
