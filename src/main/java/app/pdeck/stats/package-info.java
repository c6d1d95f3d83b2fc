/** Analytics computed by MongoDB aggregation pipelines: a user's task statistics and the administrators' overview. */
package app.pdeck.stats;
