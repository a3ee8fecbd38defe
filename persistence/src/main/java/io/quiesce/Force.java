package io.quiesce;

/**
 * Whether a command goes ahead when the capacity or quorum guard refuses it, or when sessions
 * still on would be cut off. The command line's {@code --force}.
 */
public enum Force {
    /** Refused when a guard or an unfinished session stands in the way: the default. */
    NO,
    /** Goes ahead anyway: the guards give warnings, and sessions still on are interrupted. */
    YES
}
