/** Capacity planning: the autoscaler's signals with their thresholds, recommendations, and pool resizing at run time. */
package app.pdeck.capacity;
