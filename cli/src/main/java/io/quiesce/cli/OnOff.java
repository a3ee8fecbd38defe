package io.quiesce.cli;

/**
 * "on" or "off", as {@code pool set --dns-lb} takes it (an enum: picocli reads a boolean option as
 * a flag and would never see the word).
 */
public enum OnOff {
    ON, OFF;

    boolean isOn() {
        return this == ON;
    }

    public static String label(boolean on) {
        return on ? "on" : "off";
    }
}
