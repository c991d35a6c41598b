package io.github.kvmboot;

/**
 * A failure the user can act on: bad input, a missing tool, a guest that panicked or timed out.
 * The message is complete and printed as is (the mojos turn it into a MojoFailureException,
 * without a stack trace). Programming errors stay unchecked exceptions.
 */
public class KvmbootException extends Exception {
    private static final long serialVersionUID = 1L;

    public KvmbootException(String message) {
        super(message);
    }

    public KvmbootException(String message, Throwable cause) {
        super(message, cause);
    }
}
