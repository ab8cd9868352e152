package org.kubeedgej.edge.certificate;

/** A step of getting a node certificate failed: what happened, and what the operator can do about it. */
public final class CertificateServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fix;

    /**
     * @param cause what happened
     * @param fix what to do about it
     */
    public CertificateServiceException(String cause, String fix) {
        super(cause);
        this.fix = fix;
    }

    /**
     * @param cause what happened
     * @param fix what to do about it
     * @param error the underlying error
     */
    public CertificateServiceException(String cause, String fix, Throwable error) {
        super(cause, error);
        this.fix = fix;
    }

    /** @return what the operator can do about it */
    public String fix() {
        return fix;
    }

    /** @return the cause and the fix, one line each */
    public String explain() {
        return getMessage() + "\n  fix: " + fix;
    }
}
