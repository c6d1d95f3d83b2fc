/** Metrics history: a snapshot of database, backup and job figures every few minutes, kept for a month, and its admin API. */
package app.pdeck.monitoring;
