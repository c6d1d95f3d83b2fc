/**
 * Monitoring: Prometheus meters (REST requests, MongoDB commands and pool, jobs, backups), the database status and
 * collection endpoints, the admin dashboard's data, and the metrics history snapshots with their admin API.
 */
package app.pdeck.monitoring;
