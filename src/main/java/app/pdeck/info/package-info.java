/** {@code GET /api/v1/info}: what is running and against which database. */
package app.pdeck.info;
