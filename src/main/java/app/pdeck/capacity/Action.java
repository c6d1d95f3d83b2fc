package app.pdeck.capacity;

/** What an operator (or an autoscaler) can do about load. */
public enum Action {
    /** Another WildFly node behind the load balancer. */
    ADD_NODE,
    /** Another MongoDB secondary, for the reads that may go to one. */
    ADD_READ_REPLICA,
    /** A larger MongoDB connection pool on this node. */
    RAISE_MONGO_POOL,
    /** A larger Redis connection pool on this node. */
    RAISE_REDIS_POOL,
    /** More memory for Redis (maxmemory, or a larger instance / more cluster masters). */
    ADD_REDIS_MEMORY,
    /** Nothing to do. */
    NONE
}
