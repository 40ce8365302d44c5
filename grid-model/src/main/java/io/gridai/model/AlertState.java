package io.gridai.model;

/** Whether an alert starts ({@code RAISED}) or ends ({@code CLEARED}) a condition on an asset. */
public enum AlertState {
    RAISED,
    CLEARED
}
