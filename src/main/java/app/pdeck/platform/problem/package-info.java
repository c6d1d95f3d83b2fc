/** One error shape for the whole API: RFC 9457 {@code application/problem+json}, produced by the mappers here. */
package app.pdeck.platform.problem;
