package app.pdeck.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    /** The action was attempted and did not succeed (wrong password, backup failed …). */
    FAILURE,
    /** The action was refused before it ran (rate limit, locked account, missing role). */
    DENIED
}
