package dev.sendmail.api;

/** A three-way choice for protocol features that can be detected: decide from the content, force on, force off. */
public enum Hint {
    /** Decide from the content. */
    AUTO,
    /** Always on. */
    YES,
    /** Always off. */
    NO
}
